package com.leadfactory.lineage.api;

import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.openlineage.OpenLineageAcknowledgement;
import com.leadfactory.lineage.openlineage.OpenLineageRecord;
import com.leadfactory.lineage.openlineage.RunEventDocument;
import com.leadfactory.lineage.query.LineageSummary;
import java.util.List;

/** The OpenLineage endpoints (docs/OPENLINEAGE.md): a record's events out, RunEvents in. */
final class OpenLineageEndpoints {

    private OpenLineageEndpoints() {}

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/lineage/{lineage_id}/openlineage")
                        .id("get-openlineage-events")
                        .summary("A record's OpenLineage events, as sent (or to be sent), with their delivery state")
                        .role(Role.VIEWER)
                        .audit("openlineage")
                        .to("direct:openlineage-events-http")
                        .param(LineageApi.LINEAGE_ID)
                        .produces(LineageApi.JSON)
                        .ok("START and COMPLETE RunEvents with state, attempts and last error", OpenLineageRecord.class)
                        .build(),
                Endpoint.post("/v1/lineage")
                        .id("post-openlineage-event")
                        .summary("Take an OpenLineage RunEvent; a COMPLETE with the report facet is captured")
                        .role(Role.INGEST)
                        .notAudited()
                        .to("direct:openlineage-intake-http")
                        .body(RunEventDocument.class, LineageApi.JSON)
                        .produces(LineageApi.JSON)
                        .response(
                                201,
                                "captured: the new record's summary; Location names it",
                                LineageSummary.class,
                                null)
                        .okEither(
                                "already captured (the summary), or acknowledged and not stored (stored=false, reason)",
                                OpenLineageAcknowledgement.class,
                                LineageSummary.class)
                        .problem(409, "a repeat of a captured report with different content (the fields named)")
                        .problem(408, "the body had not fully arrived within lineage.capture.body-read-timeout")
                        .problem(413, "body above lineage.capture.max-body-bytes")
                        .problem(
                                422,
                                "run.runId names no report generation, or the triplet contradicts it (the fields"
                                        + " named)")
                        .problem(
                                503,
                                "capture switched off, the database unreachable, or capture-busy (too many large"
                                        + " completions in progress); retry after Retry-After")
                        .build());
    }
}
