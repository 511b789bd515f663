package com.leadfactory.lineage.api;

import static com.leadfactory.lineage.api.LineageApi.JSON;
import static com.leadfactory.lineage.api.LineageApi.LINEAGE_ID;

import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.compare.Comparison;
import com.leadfactory.lineage.query.TemplateList;
import java.util.List;

/** The support questions' endpoints (README, 'Support questions'): compare, raw inputs in place, templates. */
final class SupportEndpoints {

    private SupportEndpoints() {}

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/lineage/compare")
                        .id("compare-lineage")
                        .summary("Two reports side by side; for auditors also the raw-input diff")
                        .role(Role.VIEWER)
                        .audit("compare")
                        .to("direct:compare-lineage-http")
                        .param(new Param("a", Param.In.QUERY, "string", true, "a report generation's id (UUID)"))
                        .param(new Param("b", Param.In.QUERY, "string", true, "another report generation's id"))
                        .param(new Param(
                                "X-Access-Purpose",
                                Param.In.HEADER,
                                "string",
                                false,
                                "auditors: why you read this customer data (a ticket reference or a short reason,"
                                        + " 3-200 characters; stored in both audit rows); without it the answer"
                                        + " has no raw-input diff and says inputs_need_purpose"))
                        .produces(JSON)
                        .ok("both summaries, what agrees, the logs compared, the input diff", Comparison.class)
                        .problem(404, "no report with the id a or b (the problem names which)")
                        .problem(
                                413,
                                "a raw-input document above lineage.compare.max-document-bytes, or nested deeper than"
                                        + " capture stores (auditors' diff)")
                        .problem(
                                503,
                                "compare-busy: every lineage.compare.max-concurrent-diffs slot stayed taken for"
                                        + " lineage.compare.diff-wait (Retry-After), or the database unreachable")
                        .build(),
                Endpoint.get("/lineage/{lineage_id}/raw-inputs")
                        .id("get-raw-inputs")
                        .summary("The raw-input document, decompressed (application/json, streamed)")
                        .role(Role.AUDITOR)
                        .audit("raw_inputs_view")
                        .needsPurpose()
                        .to("direct:raw-inputs-view-http")
                        .param(LINEAGE_ID)
                        .produces(JSON)
                        .ok("the raw-input JSON document as captured")
                        .build(),
                Endpoint.get("/templates")
                        .id("list-templates")
                        .summary("Template versions with their report counts and first/last capture, newest first")
                        .role(Role.VIEWER)
                        .audit("templates")
                        .to("direct:templates-http")
                        .produces(JSON)
                        .ok("every template version", TemplateList.class)
                        .build());
    }
}
