package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.auditlog.AuditCheckpointer;
import com.leadfactory.lineage.auditlog.AuditLogApi;
import com.leadfactory.lineage.auditlog.AuditProof;
import com.leadfactory.lineage.auditlog.ConsistencyProof;
import com.leadfactory.lineage.auditlog.SignedCheckpoint;
import com.leadfactory.lineage.auditlog.VerificationReport;
import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit log at 1,000,000 audit rows on PostgreSQL: sequencing them in one checkpointer tick, verifying them
 * (GET /api/audit/verify's work: every row rehashed, the tree rebuilt, every checkpoint checked), and inclusion and
 * consistency proofs with the stored subtree roots, without them, and after a tick rebuilt them. The rows are generated in SQL into the database lineage_audit_bench, dropped and made again each run.
 * See bench/README.md.
 */
@Tag("bench")
@TestPropertySource(properties = "lineage.audit.checkpoint-interval=1h")
class AuditLogVerifyBenchmark extends ApiTestBase {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) {
        // made once: the supplier is asked again after Flyway ran, and a fresh database then would have no tables
        String url = TestDatabases.freshPostgres("lineage_audit_bench");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Autowired
    AuditCheckpointer checkpointer;

    @Autowired
    AuditLogApi api;

    @Test
    void sequenceVerifyAndProveAMillionAuditRows() throws Exception {
        BenchReport report = new BenchReport("audit-log-verify");
        long start = System.nanoTime();
        jdbc().execute("INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent,"
                + " accessed_at, outcome, request_id, details, purpose)"
                + " SELECT gen_random_uuid(), gen_random_uuid(), 'lookup', 'bench-' || (g % 50),"
                + " '10.0.' || (g % 250) || '.1', 'bench/1.0 (like a browser, about this long)',"
                + " now() - interval '30 days' + g * interval '2 seconds', 'ok', 'req-' || g,"
                + " CASE WHEN g % 10 = 0 THEN '{\"page\": 3}' END, CASE WHEN g % 4 = 0 THEN 'ticket OPS-' || g END"
                + " FROM generate_series(1, " + ROWS + ") g");
        jdbc().execute("ANALYZE report_lineage_audit");
        report.line("generated %d audit rows in SQL in %.1f s", ROWS, (System.nanoTime() - start) / 1e9);

        start = System.nanoTime();
        SignedCheckpoint first = checkpointer.checkpoint();
        report.line(
                "sequenced %d rows and signed checkpoint %d in one tick: %.1f s",
                ROWS, first.size(), (System.nanoTime() - start) / 1e9);

        jdbc().execute("INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome)"
                + " SELECT gen_random_uuid(), 'lookup', 'bench', now(), 'ok' FROM generate_series(1, 60)");
        start = System.nanoTime();
        checkpointer.checkpoint();
        report.line("a tick with 60 new rows on top of %d: %.0f ms", ROWS, (System.nanoTime() - start) / 1e6);

        for (int run = 1; run <= 3; run++) {
            start = System.nanoTime();
            VerificationReport verified = api.verify(null, null);
            report.line("verify run %d: %.1f s — %s", run, (System.nanoTime() - start) / 1e9, verified.message());
        }

        List<UUID> sample =
                jdbc().queryForList("SELECT audit_id FROM audit_log_leaf WHERE seq IN (1, 500000, 999999)", UUID.class);
        prove(report, sample, "stored subtree roots");
        jdbc().update("DELETE FROM audit_log_node");
        prove(report, sample, "no stored roots: every leaf up to the checkpoint, as before they were kept");
        jdbc().execute("INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome)"
                + " SELECT gen_random_uuid(), 'lookup', 'bench', now(), 'ok' FROM generate_series(1, 60)");
        start = System.nanoTime();
        checkpointer.checkpoint();
        report.line(
                "a tick with 60 new rows that first rebuilds the %d stored roots from the leaves: %.1f s",
                jdbc().queryForObject("SELECT COUNT(*) FROM audit_log_node", Long.class),
                (System.nanoTime() - start) / 1e9);
        prove(report, sample, "stored subtree roots, rebuilt");
        report.line(
                "tables: report_lineage_audit %s, audit_log_leaf %s, audit_log_node %s",
                jdbc().queryForObject(
                                "SELECT pg_size_pretty(pg_total_relation_size('report_lineage_audit'))", String.class),
                jdbc().queryForObject("SELECT pg_size_pretty(pg_total_relation_size('audit_log_leaf'))", String.class),
                jdbc().queryForObject("SELECT pg_size_pretty(pg_total_relation_size('audit_log_node'))", String.class));
        report.write();
    }

    private void prove(BenchReport report, List<UUID> sample, String how) {
        for (UUID id : sample) {
            long start = System.nanoTime();
            AuditProof proof = api.proof(id.toString());
            report.line(
                    "inclusion proof of seq %d in %d (%s): %.1f ms, %d hashes",
                    proof.seq(),
                    proof.treeSize(),
                    how,
                    (System.nanoTime() - start) / 1e6,
                    proof.auditPath().size());
        }
        long start = System.nanoTime();
        ConsistencyProof consistency = api.consistency(api.consistencyDetails("500000", null));
        report.line(
                "consistency proof from 500000 to %d (%s): %.1f ms, %d hashes",
                consistency.secondSize(),
                how,
                (System.nanoTime() - start) / 1e6,
                consistency.consistencyPath().size());
    }
}
