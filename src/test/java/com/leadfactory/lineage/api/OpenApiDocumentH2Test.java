package com.leadfactory.lineage.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.leadfactory.lineage.security.ApiKeyAuthenticationFilter;
import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.path.json.JsonPath;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The served OpenAPI document against camel-openapi-java's own single read of the same REST definitions. */
class OpenApiDocumentH2Test extends H2ApiTestBase {

    @Autowired
    CamelContext camelContext;

    @Autowired
    EndpointCatalog catalog;

    @Test
    void readingEachRestDefinitionOnItsOwnGivesTheSameDocumentWithoutDuplicateSchemaLines() throws Exception {
        List<RestDefinition> rests = camelContext
                .getCamelContextExtension()
                .getContextPlugin(Model.class)
                .getRestDefinitions();
        assertThat(rests)
                .as("one REST definition per catalog endpoint, several sharing ProblemBody")
                .hasSizeGreaterThan(2);
        BeanConfig config = new BeanConfig();
        new RestOpenApiSupport().initOpenApi(config, Map.of("base.path", "/api", "host", "localhost"));
        Logger readerLog = (Logger) LoggerFactory.getLogger(RestOpenApiReader.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        readerLog.addAppender(lines);
        try {
            OpenAPI ours = OpenApiDocument.read(camelContext, rests, config);
            assertThat(duplicateSchemaLines(lines))
                    .as("lines logged building the served document")
                    .isZero();

            OpenAPI library = new RestOpenApiReader()
                    .read(camelContext, rests, config, camelContext.getName(), camelContext.getClassResolver());
            assertThat(duplicateSchemaLines(lines))
                    .as("the library's single read logs one per shared class per further definition")
                    .isPositive();

            assertThat(tree(ours).get("paths")).isEqualTo(tree(library).get("paths"));
            assertThat(tree(ours).get("components")).isEqualTo(tree(library).get("components"));
            assertThat(tree(ours).get("servers")).isEqualTo(tree(library).get("servers"));
            assertThat(tagNames(ours)).isEqualTo(tagNames(library));
        } finally {
            readerLog.detachAppender(lines);
        }
    }

    @Test
    void theServedDocumentIsJsonWithoutRequestHeadersEchoed() {
        as(VIEWER_KEY)
                .header("X-Something-Private", "do-not-echo")
                .get("/api/openapi.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("X-Something-Private", org.hamcrest.Matchers.nullValue())
                .header("X-API-Key", org.hamcrest.Matchers.nullValue())
                .body("paths.'/lineage/completions'.post", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theServedDocumentHasTitleVersionARelativeServerHowToAuthenticateAndEachOperationsRole() {
        JsonPath document = as(VIEWER_KEY)
                .get("/api/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(document.getString("info.title")).isEqualTo(OpenApiDocument.TITLE);
        assertThat(document.getString("info.version")).isNotBlank();
        assertThat(document.getList("servers.url"))
                .as("relative to where the document is served, not the address the server binds")
                .containsExactly("/api");
        assertThat(document.getString("components.securitySchemes.'api-key'.name"))
                .isEqualTo(ApiKeyAuthenticationFilter.HEADER);
        assertThat(document.getString("components.securitySchemes.'api-key'.in"))
                .isEqualTo("header");
        assertThat(document.getString("components.securitySchemes.'panel-session'.in"))
                .isEqualTo("cookie");
        assertThat(document.getString("components.securitySchemes.'api-key-bearer'.scheme"))
                .isEqualTo("bearer");
        assertThat(document.getList("security")).hasSize(3);
        for (Endpoint endpoint : catalog.endpoints()) {
            String operation = "paths.'" + endpoint.path().text() + "'."
                    + endpoint.method().name().toLowerCase(java.util.Locale.ROOT);
            if (!endpoint.servesTheApiDocument()) {
                assertThat(document.getString(operation + ".description"))
                        .as("%s", endpoint)
                        .isEqualTo(endpoint.accessNote());
            }
        }
        assertThat(document.getString("paths.'/lineage/{report_id}'.get.description"))
                .contains("viewer", "lookup");
    }

    private static long duplicateSchemaLines(ListAppender<ILoggingEvent> lines) {
        return lines.list.stream()
                .filter(line -> line.getFormattedMessage().startsWith("Duplicate schema"))
                .count();
    }

    private static JsonNode tree(OpenAPI document) {
        return Json.mapper().valueToTree(document);
    }

    private static java.util.Set<String> tagNames(OpenAPI document) {
        return document.getTags() == null
                ? java.util.Set.of()
                : document.getTags().stream().map(Tag::getName).collect(Collectors.toSet());
    }
}
