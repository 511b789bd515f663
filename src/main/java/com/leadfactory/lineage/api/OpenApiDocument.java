package com.leadfactory.lineage.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.OpenApiHelper;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Serves {@code /api/openapi.json}: the REST DSL's OpenAPI document, built once when the route starts.
 *
 * <p>camel-openapi-java's own processor reads all {@code rest:} definitions into one model, and re-reads every
 * model class once per definition that mentions it; finding the class already there, it logs "Duplicate schema"
 * at INFO (ProblemBody is in every definition: 18 lines a start). Here each definition is read on its own, where
 * every class appears once, and the documents are merged: same paths, schemas and tags, nothing logged. See
 * docs/DESIGN-NOTES.md ("OpenAPI document").
 */
@Component
public class OpenApiDocument implements RestApiProcessorFactory {

    static final String TITLE = "Lineage Panel API";
    static final String API_KEY_SCHEME = "api-key";
    static final String BEARER_SCHEME = "api-key-bearer";
    static final String SESSION_SCHEME = "panel-session";
    /** The header security.ApiKeyAuthenticationFilter reads (OpenApiDocumentH2Test keeps the two the same). */
    static final String API_KEY_HEADER = "X-API-Key";

    private final EndpointCatalog catalog;
    private final String version;

    public OpenApiDocument(EndpointCatalog catalog, ObjectProvider<BuildProperties> build) {
        this.catalog = catalog;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "development";
    }

    @Override
    public Processor createApiProcessor(
            CamelContext camelContext,
            String contextPath,
            RestConfiguration configuration,
            Map<String, Object> params) {
        Map<String, Object> parameters = new HashMap<>(params == null ? Map.of() : params);
        if (configuration.getApiProperties() != null) {
            parameters.putAll(configuration.getApiProperties());
        }
        parameters.putIfAbsent("host", configuration.getApiHost() != null ? configuration.getApiHost() : "localhost");
        if (configuration.getScheme() != null) {
            parameters.putIfAbsent("schemes", configuration.getScheme());
        }
        if (configuration.getContextPath() != null) {
            parameters.put("base.path", configuration.getContextPath());
        }
        BeanConfig config = new BeanConfig();
        new RestOpenApiSupport().initOpenApi(config, parameters);
        return new Rendered(camelContext, configuration, config, this);
    }

    /**
     * What the REST DSL cannot say: the document's title and version (OpenAPI requires both), a server relative to
     * where the document is served (the REST DSL would name the host it binds, 0.0.0.0), how to authenticate, and
     * for each operation the role it needs and what it leaves in the audit trail, from the same declarations that
     * security and auditing are derived from.
     */
    void describe(OpenAPI document, String contextPath) {
        document.setInfo(new Info()
                .title(TITLE)
                .version(version)
                .description("Every lineage record of a PDF report: its triplet, timings, logs and raw inputs. Every"
                        + " call needs credentials (an API key, or the panel's signed-in session); each operation"
                        + " says the role it needs and what it leaves in the audit trail. Errors are"
                        + " application/problem+json (RFC 9457)."));
        document.setServers(List.of(new Server().url(contextPath == null ? Endpoint.API_PREFIX : contextPath)));
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        components.addSecuritySchemes(
                API_KEY_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(API_KEY_HEADER)
                        .description("a client's API key (lineage.security.clients)"));
        components.addSecuritySchemes(
                BEARER_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("the same API key as Authorization: Bearer (OpenLineage clients' auth: api_key)"));
        components.addSecuritySchemes(
                SESSION_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("JSESSIONID")
                        .description("the panel's session after signing in at /login; a request that changes"
                                + " something also sends the XSRF-TOKEN cookie's value as X-XSRF-TOKEN"));
        document.setComponents(components);
        document.setSecurity(List.of(
                new SecurityRequirement().addList(API_KEY_SCHEME),
                new SecurityRequirement().addList(BEARER_SCHEME),
                new SecurityRequirement().addList(SESSION_SCHEME)));
        Map<String, Endpoint> byId = new HashMap<>();
        catalog.endpoints().forEach(endpoint -> byId.put(endpoint.id(), endpoint));
        if (document.getPaths() != null) {
            document.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(operation -> {
                        Endpoint endpoint = byId.get(operation.getOperationId());
                        if (endpoint != null) {
                            operation.setDescription(endpoint.accessNote());
                            declareBodies(operation, endpoint);
                        }
                    }));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(OpenApiDocument::declareValues);
        }
    }

    /**
     * Each documented answer with the media types it is really sent as. The REST DSL lists an operation's {@code
     * produces} under every answer: its problems (sent as application/problem+json) then claimed to be gzip or a
     * zip, its 200s without a model had no body at all, and a JSON array was declared as one object.
     */
    static void declareBodies(Operation operation, Endpoint endpoint) {
        ApiResponses answers = operation.getResponses();
        if (answers == null) {
            return;
        }
        for (Endpoint.Response response : endpoint.documentedResponses()) {
            ApiResponse answer = answers.get(String.valueOf(response.status()));
            if (answer != null) {
                answer.setContent(content(endpoint, response, generatedSchema(answer.getContent())));
            }
        }
    }

    private static Content content(Endpoint endpoint, Endpoint.Response response, Schema<?> generated) {
        if (response.status() == 204 || response.status() == 304) {
            return null;
        }
        List<String> types = new ArrayList<>();
        if (response.contentType() != null) {
            types.add(response.contentType());
        } else if (endpoint.produces() != null) {
            for (String type : endpoint.produces().split(",")) {
                types.add(type.trim());
            }
        } else {
            types.add(LineageApi.JSON);
        }
        Content content = new Content();
        for (String type : types) {
            content.addMediaType(type, new MediaType().schema(schema(type, response, generated)));
        }
        return content;
    }

    private static Schema<?> schema(String mediaType, Endpoint.Response response, Schema<?> generated) {
        boolean json = mediaType.equals(LineageApi.JSON) || mediaType.endsWith("+json");
        if (!json) {
            // text (CSV, one JSON document a line) or bytes (gzip, zip): no JSON schema describes them
            return new Schema<>()
                    .type("string")
                    .format(mediaType.startsWith("text/") || mediaType.endsWith("ndjson") ? null : "binary");
        }
        if (response.model() == null || generated == null) {
            // any JSON value: the logs and raw inputs are served as they were sent
            return new Schema<>();
        }
        if (response.or() != null) {
            return new ComposedSchema().anyOf(List.of(generated, new Schema<>().$ref(schemaName(response.or()))));
        }
        return response.list() ? new ArraySchema().items(generated) : generated;
    }

    /** The component name the reader gives a model class: its {@code @Schema(name)}, else its simple name. */
    static String schemaName(Class<?> model) {
        io.swagger.v3.oas.annotations.media.Schema named =
                model.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return named != null && !named.name().isBlank() ? named.name() : model.getSimpleName();
    }

    private static Schema<?> generatedSchema(Content content) {
        if (content == null) {
            return null;
        }
        return content.values().stream()
                .map(MediaType::getSchema)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /**
     * What a model's properties may hold: a Java {@code Object} (an audit row's details, the two sides of a change)
     * is any JSON value, not an object. ({@code @Schema(nullable = true)} on a property of a model type marks that
     * model's schema nullable, where OpenAPI 3.0 reads it: beside a {@code $ref} it would be ignored.)
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void declareValues(Schema<?> schema) {
        if (schema.getAdditionalProperties() instanceof Schema values) {
            schema.setAdditionalProperties(anyIfObject(values));
        }
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> {
            Schema declared = anyIfObject(property);
            if (declared.getAdditionalProperties() instanceof Schema values) {
                declared.setAdditionalProperties(anyIfObject(values));
            }
            properties.put(name, declared);
        });
        schema.setProperties(properties);
    }

    /** The reader's schema of a {@code java.lang.Object}: type object, marked with the class name. */
    private static Schema<?> anyIfObject(Schema<?> schema) {
        if (schema.getExtensions() == null || !schema.getExtensions().containsKey("x-className")) {
            return schema;
        }
        Schema<?> any = new Schema<>().description(schema.getDescription());
        if (Boolean.TRUE.equals(schema.getNullable())) {
            any.setNullable(true);
        }
        return any;
    }

    /** One document for all REST definitions, each read on its own. */
    static OpenAPI read(CamelContext camelContext, List<RestDefinition> rests, BeanConfig config) throws Exception {
        OpenAPI merged = null;
        for (RestDefinition rest : rests) {
            OpenAPI one = new RestOpenApiReader()
                    .read(camelContext, List.of(rest), config, camelContext.getName(), camelContext.getClassResolver());
            merged = merged == null ? one : merge(merged, one);
        }
        return merged != null
                ? merged
                : new RestOpenApiReader()
                        .read(camelContext, List.of(), config, camelContext.getName(), camelContext.getClassResolver());
    }

    static OpenAPI merge(OpenAPI into, OpenAPI from) {
        if (into.getPaths() == null) {
            into.setPaths(new Paths());
        }
        if (from.getPaths() != null) {
            from.getPaths().forEach((path, item) -> {
                PathItem existing = into.getPaths().get(path);
                if (existing == null) {
                    into.getPaths().addPathItem(path, item);
                } else {
                    item.readOperationsMap().forEach(existing::operation);
                }
            });
        }
        if (from.getTags() != null) {
            List<Tag> tags = into.getTags() == null ? new ArrayList<>() : new ArrayList<>(into.getTags());
            for (Tag tag : from.getTags()) {
                if (tags.stream().noneMatch(t -> t.getName().equals(tag.getName()))) {
                    tags.add(tag);
                }
            }
            into.setTags(tags);
        }
        Components components = from.getComponents();
        if (components != null) {
            if (into.getComponents() == null) {
                into.setComponents(new Components());
            }
            if (components.getSchemas() != null) {
                for (Map.Entry<String, Schema> schema : components.getSchemas().entrySet()) {
                    Schema<?> existing = into.getComponents().getSchemas() == null
                            ? null
                            : into.getComponents().getSchemas().get(schema.getKey());
                    if (existing == null) {
                        into.getComponents().addSchemas(schema.getKey(), schema.getValue());
                    } else if (!existing.equals(schema.getValue())) {
                        throw new IllegalStateException("Two REST model classes are both named " + schema.getKey()
                                + " in the OpenAPI document; rename one (or give it a @Schema name)");
                    }
                }
            }
            if (components.getSecuritySchemes() != null) {
                components.getSecuritySchemes().forEach(into.getComponents()::addSecuritySchemes);
            }
        }
        if (from.getSecurity() != null) {
            from.getSecurity().stream()
                    .filter(requirement ->
                            into.getSecurity() == null || !into.getSecurity().contains(requirement))
                    .forEach(into::addSecurityItem);
        }
        return into;
    }

    private static final class Rendered extends ServiceSupport implements Processor {

        private final CamelContext camelContext;
        private final RestConfiguration configuration;
        private final BeanConfig config;
        private final OpenApiDocument describer;
        private volatile byte[] json;

        Rendered(
                CamelContext camelContext,
                RestConfiguration configuration,
                BeanConfig config,
                OpenApiDocument describer) {
            this.camelContext = camelContext;
            this.configuration = configuration;
            this.config = config;
            this.describer = describer;
        }

        @Override
        protected void doInit() throws Exception {
            OpenAPI document = read(
                    camelContext,
                    camelContext
                            .getCamelContextExtension()
                            .getContextPlugin(Model.class)
                            .getRestDefinitions(),
                    config);
            if (!configuration.isApiVendorExtension()) {
                OpenApiHelper.clearVendorExtensions(document);
            }
            describer.describe(document, configuration.getContextPath());
            json = RestOpenApiSupport.getFromOpenAPI(document, config, byte[].class, true);
        }

        @Override
        public void process(Exchange exchange) {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setBody(json);
        }
    }
}
