package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.CompletionValidator;
import com.leadfactory.lineage.config.OpenLineageProperties;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping of docs/OPENLINEAGE.md, and every event valid against the official 2-0-2 schema. */
class RunEventsTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 11, 26, 9, 0, 0, 0, ZoneOffset.ofHours(2));
    private static final OffsetDateTime FINISHED = STARTED.plusSeconds(95);

    static ReportRun run(String pdfUri, String pdfSha256, Long pdfSize) {
        return new ReportRun(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "tpl@v7",
                STARTED,
                FINISHED,
                4321,
                "0a".repeat(32),
                true,
                pdfUri,
                pdfSha256,
                pdfSize);
    }

    static RunEvents events(String prefix) {
        OpenLineageProperties properties = new OpenLineageProperties();
        properties.setFacetPrefix(prefix);
        properties.setNamespace("acme-reports");
        properties.setPublicUrl(URI.create("https://lineage.acme.test/"));
        return new RunEvents(properties, new SourceDatasets(properties, "jdbc:h2:file:./data/lineage"));
    }

    @Test
    void onPostgresqlTheSourceTablesAreNamedAsOpenLineageNamesATable() {
        OpenLineageProperties properties = new OpenLineageProperties();
        properties.setNamespace("acme-reports");
        SourceDatasets plain = new SourceDatasets(properties, "jdbc:postgresql://db.acme.test/leads");
        assertThat(plain.namespace()).isEqualTo("postgres://db.acme.test:5432");
        assertThat(plain.name("assessment_results")).isEqualTo("leads.public.assessment_results");

        SourceDatasets withSchema = new SourceDatasets(
                properties, "jdbc:postgresql://db1:6432,db2:6432/leads?ssl=true&currentSchema=pipeline");
        assertThat(withSchema.namespace()).isEqualTo("postgres://db1:6432");
        assertThat(withSchema.name("enrichment_results")).isEqualTo("leads.pipeline.enrichment_results");

        properties.setSourceNamespace("postgres://primary.acme.test:5432");
        properties.setSourceTablePrefix("crm.public.");
        SourceDatasets configured = new SourceDatasets(properties, "jdbc:postgresql://replica:5432/leads");
        assertThat(configured.namespace()).isEqualTo("postgres://primary.acme.test:5432");
        assertThat(configured.name("assessment_results")).isEqualTo("crm.public.assessment_results");

        RunEvents events = new RunEvents(
                properties, new SourceDatasets(new OpenLineageProperties(), "jdbc:postgresql://127.0.0.1:5432/x"));
        JsonNode start = events.event(run("s3://reports/r-1.pdf", null, null), RunEvents.START);
        assertThat(start.path("inputs").findValuesAsText("namespace"))
                .containsExactly("postgres://127.0.0.1:5432", "postgres://127.0.0.1:5432");
        assertThat(start.path("inputs").findValuesAsText("name"))
                .containsExactly("x.public.assessment_results", "x.public.enrichment_results");
    }

    /** openlineage_outbox.payload (migration V10) holds 1,000,000 characters; a longer event failed the capture. */
    @Test
    void theLongestPdfUriCaptureAcceptsMakesEventsThatFitTheOutbox() {
        RunEvents events = events("lineagePanel");
        // each quote is escaped, so this is the longest text an accepted URI can become
        ReportRun run = run("\"".repeat(CompletionValidator.PDF_URI_MAX), "ab".repeat(32), 1L);

        for (String type : new String[] {RunEvents.START, RunEvents.COMPLETE}) {
            assertThat(events.text(events.event(run, type)).length()).isLessThan(1_000_000);
        }
    }

    @Test
    void startAndCompleteFollowTheMappingAndValidateAgainstTheOfficialSchema() throws Exception {
        RunEvents events = events("lineagePanel");
        ReportRun run = run("s3://reports/r-1.pdf", "ab".repeat(32), 2048L);
        ObjectMapper mapper = new ObjectMapper();

        ObjectNode start = events.event(run, RunEvents.START);
        ObjectNode complete = events.event(run, RunEvents.COMPLETE);

        for (ObjectNode event : new ObjectNode[] {start, complete}) {
            String text = events.text(event);
            assertThat(OpenLineageSchemas.runEventViolations(text)).as(text).isEmpty();
            JsonNode facet = mapper.readTree(text).path("run").path("facets").path("lineagePanel_report");
            assertThat(OpenLineageSchemas.facetViolations("ReportRunFacet", facet.toString()))
                    .isEmpty();
            JsonNode template = mapper.readTree(text).path("job").path("facets").path("lineagePanel_template");
            assertThat(OpenLineageSchemas.facetViolations("TemplateJobFacet", template.toString()))
                    .isEmpty();
        }
        assertThat(start.path("eventTime").asText()).isEqualTo("2026-11-26T07:00:00Z");
        assertThat(complete.path("eventTime").asText()).isEqualTo("2026-11-26T07:01:35Z");
        assertThat(start.path("run").path("runId").asText())
                .isEqualTo(run.reportGenerationId().toString());
        JsonNode parent = start.path("run").path("facets").path("parent");
        assertThat(parent.path("run").path("runId").asText())
                .isEqualTo(run.pipelineRunId().toString());
        assertThat(parent.path("job").path("namespace").asText()).isEqualTo("acme-reports");
        assertThat(parent.path("job").path("name").asText()).isEqualTo("report_pipeline");
        assertThat(start.path("job").path("name").asText()).isEqualTo("report_render");
        assertThat(start.path("job")
                        .path("facets")
                        .path("lineagePanel_template")
                        .path("templateVersionId")
                        .asText())
                .isEqualTo("tpl@v7");
        assertThat(start.path("inputs").findValuesAsText("name"))
                .containsExactly("assessment_results", "enrichment_results");
        assertThat(start.path("outputs")).isEmpty();
        JsonNode pdf = complete.path("outputs").get(0);
        assertThat(pdf.path("namespace").asText()).isEqualTo("s3://reports");
        assertThat(pdf.path("name").asText()).isEqualTo("r-1.pdf");
        assertThat(pdf.path("facets").path("version").path("datasetVersion").asText())
                .isEqualTo("ab".repeat(32));
        JsonNode report = complete.path("run").path("facets").path("lineagePanel_report");
        assertThat(report.path("_schemaURL").asText())
                .isEqualTo(
                        "https://lineage.acme.test/assets/openlineage/facets/report-1-0-0.json#/$defs/ReportRunFacet");
        assertThat(report.path("lineageId").asText()).isEqualTo(run.lineageId().toString());
        assertThat(report.path("leadId").asText()).isEqualTo(run.leadId().toString());
        assertThat(report.path("templateVersionId").asText()).isEqualTo("tpl@v7");
        assertThat(report.path("rawInputs").path("sizeBytes").asLong()).isEqualTo(4321);
        assertThat(report.path("rawInputs").path("truncated").asBoolean()).isTrue();
        assertThat(report.path("pdf").path("sizeBytes").asLong()).isEqualTo(2048);
        assertThat(report.path("panelUrl").asText())
                .isEqualTo("https://lineage.acme.test/#/reports/" + run.reportGenerationId());
    }

    /**
     * Named as openlineage-java 1.55.0 names the same locations (FilesystemDatasetUtils.fromLocation), so a catalog
     * joins the PDF with what other producers say about that file; what names no file stays in this namespace.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s3://reports/2026/r-1.pdf | s3://reports | 2026/r-1.pdf",
                "s3a://reports/r-1.pdf | s3://reports | r-1.pdf",
                "gs://b/x/y.pdf | gs://b | x/y.pdf",
                "abfss://c@acct.dfs.core.windows.net/p/r.pdf | abfss://c@acct.dfs.core.windows.net | p/r.pdf",
                "https://cdn.example.com/r/1.pdf?X-Amz-Signature=abc | https://cdn.example.com | /r/1.pdf",
                "hdfs://nn:8020/r/a.pdf | hdfs://nn:8020 | /r/a.pdf",
                "file:///var/reports/r.pdf | file | /var/reports/r.pdf",
                "reports/r-1.pdf | acme-reports | reports/r-1.pdf",
                "s3://reports/a report.pdf | acme-reports | s3://reports/a report.pdf",
                "urn:pdf:r-1 | acme-reports | urn:pdf:r-1",
            })
    void thePdfDatasetIsNamedAsOpenLineageNamesAFile(String uri, String namespace, String name) {
        ObjectNode complete = events("acme").event(run(uri, "ab".repeat(32), 1L), RunEvents.COMPLETE);

        JsonNode pdf = complete.path("outputs").get(0);
        assertThat(pdf.path("namespace").asText()).isEqualTo(namespace);
        assertThat(pdf.path("name").asText()).isEqualTo(name);
        assertThat(complete.path("run")
                        .path("facets")
                        .path("acme_report")
                        .path("pdf")
                        .path("uri")
                        .asText())
                .as("the report facet keeps the URI as sent")
                .isEqualTo(uri);
        assertThat(OpenLineageSchemas.runEventViolations(events("acme").text(complete)))
                .isEmpty();
    }

    @Test
    void aReportWithoutPdfDetailsStillNamesItsOutputAndValidates() {
        RunEvents events = events("acme");
        ReportRun run = run(null, null, null);
        ObjectNode complete = events.event(run, RunEvents.COMPLETE);
        String text = events.text(complete);

        assertThat(OpenLineageSchemas.runEventViolations(text)).as(text).isEmpty();
        assertThat(complete.path("run").path("facets").has("acme_report")).isTrue();
        assertThat(complete.path("run").path("facets").path("acme_report").has("pdf"))
                .isFalse();
        assertThat(complete.path("outputs").get(0).path("name").asText())
                .isEqualTo("reports/" + run.reportGenerationId() + ".pdf");
        assertThat(complete.path("outputs").get(0).has("facets")).isFalse();
    }

    @Test
    void theFacetSchemaAcceptsWhatTheIntakeAcceptsAndEmittedFacetsCarryTheWholeTriplet() {
        RunEvents events = events("lineagePanel");
        ObjectNode facet = events.reportFacet(run(null, null, null));
        assertThat(facet.has("pipelineRunId")).as("always sent").isTrue();
        assertThat(facet.has("templateVersionId")).as("always sent").isTrue();
        // the intake takes these two from run.facets.parent and the job facet <prefix>_template when absent
        facet.remove(java.util.List.of("pipelineRunId", "templateVersionId", "lineageId", "rawInputs", "panelUrl"));
        assertThat(OpenLineageSchemas.facetViolations("ReportRunFacet", facet.toString()))
                .isEmpty();
        facet.remove("pipelineStartedAt");
        assertThat(OpenLineageSchemas.facetViolations("ReportRunFacet", facet.toString()))
                .as("required by the intake too")
                .isNotEmpty();
    }

    @Test
    void theSchemasCatchABrokenEvent() {
        RunEvents events = events("lineagePanel");
        ObjectNode start = events.event(run(null, null, null), RunEvents.START);
        ((ObjectNode) start.path("run")).put("runId", "not-a-uuid");
        ((ObjectNode) start.path("run").path("facets").path("parent")).remove("_producer");
        assertThat(OpenLineageSchemas.runEventViolations(events.text(start))).isNotEmpty();
        ObjectNode facet = (ObjectNode) start.path("run").path("facets").path("lineagePanel_report");
        facet.remove("leadId");
        assertThat(OpenLineageSchemas.facetViolations("ReportRunFacet", facet.toString()))
                .isNotEmpty();
    }
}
