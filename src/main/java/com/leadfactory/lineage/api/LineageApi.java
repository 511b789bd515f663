package com.leadfactory.lineage.api;

import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.caller.Caller;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.capture.CompletionDocument;
import com.leadfactory.lineage.query.AuditPage;
import com.leadfactory.lineage.query.LineagePage;
import com.leadfactory.lineage.query.LineageSummary;
import com.leadfactory.lineage.stats.LineageStatsReport;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every endpoint of the HTTP API, each declared once. To add one: a block below, and the {@code direct:} route
 * it names in a file of routes/ (docs/ARCHITECTURE.md, 'Adding an endpoint').
 */
public final class LineageApi {

    static final String JSON = "application/json";

    static final Param LINEAGE_ID = Param.path("lineage_id", "the record's lineage_id (UUID)");
    static final Param LIMIT = Param.query("limit", "integer", "page size, 1-200 (default 50)");
    static final Param CURSOR = Param.query("cursor", "string", "next_cursor of the previous page");

    private LineageApi() {}

    public static List<Endpoint> endpoints() {
        List<Endpoint> core = List.of(
                Endpoint.post("/lineage/completions")
                        .id("post-completion")
                        .summary("Record the lineage of one completed report")
                        .role(Role.INGEST)
                        .notAudited()
                        .to("direct:capture-completion-http")
                        .body(CompletionDocument.class, JSON)
                        .produces(JSON)
                        .response(
                                201,
                                "captured: the new record's summary; Location names it",
                                LineageSummary.class,
                                null)
                        .ok("already captured: the existing summary", LineageSummary.class)
                        .problem(409, "a repeat of a captured report with different content (the fields named)")
                        .problem(408, "the body had not fully arrived within lineage.capture.body-read-timeout")
                        .problem(413, "body above lineage.capture.max-body-bytes")
                        .problem(
                                422,
                                "report_generation_id names no report generation, or the triplet contradicts it"
                                        + " (the fields named)")
                        .problem(
                                503,
                                "capture switched off, the database unreachable, or capture-busy (too many large"
                                        + " completions in progress); retry after Retry-After")
                        .build(),
                Endpoint.get("/lineage/{report_id}")
                        .id("get-lineage-by-report-id")
                        .summary("The lineage summary of one report generation")
                        .role(Role.VIEWER)
                        .audit("lookup")
                        .to("direct:lookup-lineage-http")
                        .param(Param.path("report_id", "the report generation's id (UUID)"))
                        .produces(JSON)
                        .ok("the summary", LineageSummary.class)
                        .build(),
                Endpoint.get("/lineage/search")
                        .id("search-lineage")
                        .summary("Search lineage records")
                        .role(Role.VIEWER)
                        .audit("search")
                        .to("direct:search-lineage-http")
                        .query("lead_id", "string", "lead UUID")
                        .query("pipeline_run_id", "string", "pipeline run UUID")
                        .query("template_version_id", "string", "template version")
                        .query("pdf_sha256", "string", "SHA-256 of the PDF (64 hex)")
                        .query("lineage_id", "string", "the record's lineage_id (UUID): at most one record")
                        .query("from", "string", "created_at >= (RFC 3339)")
                        .query("to", "string", "created_at < (RFC 3339)")
                        .param(LIMIT)
                        .param(CURSOR)
                        .produces(JSON)
                        .ok("one page, newest first", LineagePage.class)
                        .build(),
                Endpoint.get("/lineage/stats")
                        .id("get-lineage-stats")
                        .summary("Capture counts and coverage of completed reports")
                        .role(Role.VIEWER)
                        .auditRefusals("stats")
                        .to("direct:lineage-stats")
                        .produces(JSON)
                        .ok("captures by source, dead-lettered messages, coverage", LineageStatsReport.class)
                        .build(),
                Endpoint.get("/lineage/{lineage_id}/logs")
                        .id("get-lineage-logs")
                        .summary("The pipeline's JSON logs of one lineage record")
                        .role(Role.VIEWER)
                        .audit("logs")
                        .to("direct:logs-http")
                        .param(LINEAGE_ID)
                        .produces(JSON)
                        .ok("the logs JSON as stored (array, object or null)")
                        .build(),
                Endpoint.get("/lineage/{lineage_id}/download")
                        .id("download-raw-inputs")
                        .summary("The raw inputs as stored (application/gzip)")
                        .role(Role.AUDITOR)
                        .audit("download")
                        .needsPurpose()
                        .to("direct:download-raw-inputs-http")
                        .param(LINEAGE_ID)
                        .produces("application/gzip")
                        .response(200, "the stored gzip of the raw-inputs JSON", null, "application/gzip")
                        .response(304, "unchanged (If-None-Match)", null, null)
                        .build(),
                Endpoint.get("/lineage/{lineage_id}/bundle")
                        .id("download-bundle")
                        .summary("A zip: lineage.json, raw_inputs.json, pipeline_logs.json")
                        .role(Role.AUDITOR)
                        .audit("bundle")
                        .needsPurpose()
                        .to("direct:download-bundle-http")
                        .param(LINEAGE_ID)
                        .produces("application/zip")
                        .response(
                                200,
                                "zip of lineage.json, raw_inputs.json, pipeline_logs.json",
                                null,
                                "application/zip")
                        .build(),
                Endpoint.get("/lineage/{lineage_id}/audit")
                        .id("get-audit-trail")
                        .summary("A record's audit trail, newest first, paged by cursor")
                        .role(Role.AUDITOR)
                        .audit("audit_trail")
                        .to("direct:audit-trail-http")
                        .param(LINEAGE_ID)
                        .param(LIMIT)
                        .param(CURSOR)
                        .produces(JSON)
                        .ok("one page of the trail, newest first", AuditPage.class)
                        .build(),
                Endpoint.get("/me")
                        .id("get-me")
                        .summary("The signed-in caller and its effective roles")
                        .anyAuthenticated()
                        .notAudited()
                        .to("direct:me-http")
                        .produces(JSON)
                        .ok("the caller", Caller.class)
                        .build(),
                Endpoint.get("/openapi.json")
                        .id("get-openapi")
                        .summary("This API's OpenAPI document")
                        .anyAuthenticated()
                        .notAudited()
                        .apiDocument()
                        .produces(JSON)
                        .ok("the OpenAPI 3 document")
                        .build());
        return Stream.of(
                        core,
                        HoldEndpoints.endpoints(),
                        AuditEndpoints.endpoints(),
                        AuditLogEndpoints.endpoints(),
                        OpenLineageEndpoints.endpoints(),
                        SupportEndpoints.endpoints())
                .flatMap(List::stream)
                .toList();
    }
}
