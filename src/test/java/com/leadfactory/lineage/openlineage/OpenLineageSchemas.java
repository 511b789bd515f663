package com.leadfactory.lineage.openlineage;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * networknt json-schema-validator 2.0.8 rather than 3.0.9: 3.x is built on Jackson 3, whose databind needs
 * jackson-annotations 2.21 while Spring Boot 3.5.7 pins 2.19.2 (NoClassDefFoundError JsonSerializeAs); 2.0.8 has
 * the same API on Jackson 2.
 *
 * <p>The official OpenLineage 2-0-2 schemas, kept in src/test/resources/openlineage/spec-2-0-2 (see its README for
 * source and version), and this service's facet schema as it serves it, all resolved offline.
 */
public final class OpenLineageSchemas {

    static final String FACET_BASE = "https://lineage-panel.test" + RunEvents.FACET_SCHEMA_PATH;

    private static final Map<String, String> LOCAL = Map.of(
            "https://openlineage.io/spec/2-0-2/OpenLineage.json",
            "classpath:openlineage/spec-2-0-2/OpenLineage.json",
            "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json",
            "classpath:openlineage/spec-2-0-2/ParentRunFacet.json",
            "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json",
            "classpath:openlineage/spec-2-0-2/JobTypeJobFacet.json",
            "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json",
            "classpath:openlineage/spec-2-0-2/DatasetVersionDatasetFacet.json",
            FACET_BASE,
            "classpath:static/assets/openlineage/facets/report-1-0-0.json");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaLoader(loader ->
                            loader.fetchRemoteResources(false).schemaIdResolvers(ids -> ids.mappings(LOCAL::get))));

    private OpenLineageSchemas() {}

    /** Violations of the RunEvent against OpenLineage.json and of each standard facet against its own schema. */
    public static List<String> runEventViolations(String eventJson) {
        List<String> found = new ArrayList<>();
        found.addAll(violations("https://openlineage.io/spec/2-0-2/OpenLineage.json", eventJson));
        com.fasterxml.jackson.databind.JsonNode event = readTree(eventJson);
        found.addAll(violations(
                "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json",
                event.path("run").path("facets").toString()));
        found.addAll(violations(
                "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json",
                event.path("job").path("facets").toString()));
        for (com.fasterxml.jackson.databind.JsonNode output : event.path("outputs")) {
            if (!output.has("facets")) {
                continue;
            }
            found.addAll(violations(
                    "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json",
                    output.path("facets").toString()));
        }
        return found;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** Violations of one facet against a definition of this service's facet schema (ReportRunFacet, …). */
    public static List<String> facetViolations(String definition, String facetJson) {
        return violations(FACET_BASE + "#/$defs/" + definition, facetJson);
    }

    static List<String> violations(String schemaIri, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(schemaIri));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
