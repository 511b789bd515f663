package com.leadfactory.lineage.api;

import static com.leadfactory.lineage.api.LineageApi.JSON;

import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.auditlog.AuditProof;
import com.leadfactory.lineage.auditlog.CheckpointEntry;
import com.leadfactory.lineage.auditlog.ConsistencyProof;
import com.leadfactory.lineage.auditlog.PublicKeyInfo;
import com.leadfactory.lineage.auditlog.VerificationReport;
import com.leadfactory.lineage.caller.Role;
import java.util.List;

/** The tamper-evident audit log's endpoints (README, "Proving the audit trail"; routes/audit-log.yaml). */
public final class AuditLogEndpoints {

    private AuditLogEndpoints() {}

    public static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/audit/verify")
                        .id("verify-audit-log")
                        .summary("Recompute the audit log and check it against its signed checkpoints")
                        .role(Role.AUDITOR)
                        .audit("audit_verify")
                        .to("direct:audit-verify-http")
                        .query("from", "integer", "first sequence number whose row is rehashed (default 1)")
                        .query("to", "integer", "last sequence number whose row is rehashed (default the last)")
                        .produces(JSON)
                        .ok("verified, or the first break and its kind", VerificationReport.class)
                        .problem(
                                503,
                                "verify-busy: this instance is already running a verification, one at a time"
                                        + " (Retry-After), or the database unreachable")
                        .build(),
                Endpoint.get("/audit/checkpoints")
                        .id("list-audit-checkpoints")
                        .summary("The audit log's signed checkpoints, newest first")
                        .anyAuthenticated()
                        .notAudited()
                        .to("direct:audit-checkpoints-http")
                        .query("limit", "integer", "how many, 1-1000 (default 100)")
                        .query("before", "integer", "only checkpoints of a smaller size: the next page back")
                        .produces(JSON)
                        .okList("the checkpoints, each with its signed note", CheckpointEntry.class)
                        .build(),
                Endpoint.get("/audit/public-key")
                        .id("get-audit-public-key")
                        .summary("The Ed25519 public key the audit log's checkpoints are signed with")
                        .anyAuthenticated()
                        .notAudited()
                        .to("direct:audit-public-key-http")
                        .produces(JSON)
                        .ok("the origin, key id and PEM public key", PublicKeyInfo.class)
                        .build(),
                Endpoint.get("/audit/{audit_id}/proof")
                        .id("get-audit-inclusion-proof")
                        .summary("One audit row with its leaf hash and the audit path to a signed checkpoint")
                        .role(Role.AUDITOR)
                        .audit("audit_verify")
                        .to("direct:audit-proof-http")
                        .param(Param.path("audit_id", "the audit row's id (UUID)"))
                        .produces(JSON)
                        .ok("the row, its leaf hash, the audit path and the checkpoint", AuditProof.class)
                        .build(),
                Endpoint.get("/audit/consistency")
                        .id("get-audit-consistency-proof")
                        .summary("The proof that a newer signed checkpoint extends the log of an older size")
                        .role(Role.AUDITOR)
                        .audit("audit_verify")
                        .to("direct:audit-consistency-http")
                        .query("first", "integer", "the size of the checkpoint you hold (required)")
                        .query("second", "integer", "the size of a newer checkpoint (default the newest)")
                        .produces(JSON)
                        .ok(
                                "both roots, the RFC 6962 consistency path and the newer checkpoint",
                                ConsistencyProof.class)
                        .problem(404, "second (or, without it, the newest) is no signed checkpoint's size")
                        .build());
    }
}
