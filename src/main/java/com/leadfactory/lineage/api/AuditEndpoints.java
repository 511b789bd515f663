package com.leadfactory.lineage.api;

import static com.leadfactory.lineage.api.LineageApi.CURSOR;
import static com.leadfactory.lineage.api.LineageApi.JSON;
import static com.leadfactory.lineage.api.LineageApi.LIMIT;
import static com.leadfactory.lineage.api.LineageApi.LINEAGE_ID;

import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.query.AccessReport;
import com.leadfactory.lineage.query.AuditEntry;
import com.leadfactory.lineage.query.AuditPage;
import java.util.List;

/**
 * The compliance endpoints of the audit trail: accesses other systems record here, and the search and export of
 * the whole trail (docs/ARCHITECTURE.md, "Audit writes from other systems" and "Searching and exporting the
 * trail").
 */
final class AuditEndpoints {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private AuditEndpoints() {}

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/lineage/{lineage_id}/audit")
                        .id("record-access")
                        .summary("Record an access to a report that happened in another system")
                        .role(Role.AUDIT_WRITER)
                        // the row written is the reported access itself (its action is the one sent); a refused
                        // call is audited as audit_write
                        .auditRefusals("audit_write")
                        .to("direct:record-access-http")
                        .param(LINEAGE_ID)
                        .body(AccessReport.class, JSON)
                        .produces(JSON)
                        .response(
                                201,
                                "recorded: the new audit row; Location names the record's trail",
                                AuditEntry.class,
                                null)
                        .ok(
                                "this client's event_id was recorded before, with the same content: that row",
                                AuditEntry.class)
                        .problem(
                                409,
                                "this client's event_id was recorded before with different content (the fields named)")
                        .build(),
                Endpoint.get("/audit")
                        .id("search-audit-trail")
                        .summary("Search or export the whole audit trail, newest first")
                        .role(Role.AUDITOR)
                        .audit("audit_search")
                        .to("direct:audit-search-http")
                        .query("user_id", "string", "who: the client or user name (exact)")
                        .query(
                                "on_behalf_of",
                                "string",
                                "for whom: the person another system reported an access on behalf of (exact)")
                        .query("action", "string", "the audit action, e.g. download, pdf_view (exact)")
                        .query("outcome", "string", "ok, denied, not_found or error")
                        .query("lineage_id", "string", "the record (UUID)")
                        .query("from", "string", "accessed_at >= (RFC 3339)")
                        .query("to", "string", "accessed_at < (RFC 3339)")
                        .param(LIMIT)
                        .param(CURSOR)
                        .produces(JSON + "," + NDJSON + "," + CSV)
                        .ok(
                                "application/json: one page, newest first (audited as audit_search); with Accept "
                                        + NDJSON + " or " + CSV + " (RFC 4180, header row): every row of the period,"
                                        + " streamed, no paging (audited as audit_export, with the row count)",
                                AuditPage.class)
                        .problem(
                                503,
                                "export-busy: every lineage.audit.max-concurrent-exports slot stayed taken for"
                                        + " lineage.audit.export-wait (Retry-After), or the database unreachable")
                        .problem(
                                504,
                                "audit-search-timeout (PostgreSQL): the search ran longer than"
                                        + " lineage.audit.search-timeout and was cancelled, nothing read; narrow"
                                        + " from/to or add a filter (an export cancelled after its first rows ends"
                                        + " with an export_error line instead)")
                        .build());
    }
}
