package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit log's endpoints over real HTTP; run against H2 and PostgreSQL by the subclasses. */
interface AuditLogApiContract extends ApiTestSupport {

    /** Runs the checkpointer route once (its timer is too slow for a test). */
    void checkpointNow();

    /** The public key GET /api/audit/public-key gives the caller with {@code apiKey}. */
    private java.security.PublicKey publicKey(String apiKey) {
        return AuditKeys.fromPublicPem(as(apiKey)
                .get("/api/audit/public-key")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("public_key"));
    }

    /** A proof's list of base64 hashes, decoded. */
    private static List<byte[]> hashes(JsonPath answer, String field) {
        return answer.getList(field, String.class).stream()
                .map(Base64.getDecoder()::decode)
                .toList();
    }

    private UUID auditedRead() {
        String requestId = "audit-log-" + UUID.randomUUID();
        as(VIEWER_KEY)
                .header("X-Request-Id", requestId)
                .get("/api/lineage/search?lead_id=" + UUID.randomUUID())
                .then()
                .statusCode(200);
        return jdbc().queryForObject("SELECT id FROM report_lineage_audit WHERE request_id = ?", UUID.class, requestId);
    }

    @Test
    default void readsAreSequencedSignedAndVerified() {
        auditedRead();
        checkpointNow();
        String requestId = "verify-" + UUID.randomUUID();
        JsonPath report = as(AUDITOR_KEY)
                .header("X-Request-Id", requestId)
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("verified");
        assertThat(report.getLong("rows")).isPositive();
        assertThat(report.getInt("checkpoints")).isPositive();
        assertThat(report.getString("latest_root")).isNotBlank();
        assertThat(report.getString("message")).startsWith("verified: ");
        assertThat(report.getMap("break")).isNull();
        assertThat(jdbc().queryForList(
                                "SELECT action, outcome FROM report_lineage_audit WHERE request_id = ?", requestId))
                .containsExactly(Map.of("action", "audit_verify", "outcome", "ok"));
        // the verify's row says what was checked and what was found
        assertThat(detailsOf(requestId))
                .doesNotContainKeys("from", "to", "break") // the whole log, nothing broken
                .containsEntry("status", "verified")
                .containsEntry("rows", report.getLong("rows"));

        String rangeRequest = "verify-range-" + UUID.randomUUID();
        JsonPath range = as(AUDITOR_KEY)
                .header("X-Request-Id", rangeRequest)
                .get("/api/audit/verify?from=1&to=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(range.getLong("rows")).isEqualTo(1);
        assertThat(range.getString("status")).isEqualTo("verified");
        assertThat(detailsOf(rangeRequest))
                .containsEntry("from", 1L)
                .containsEntry("to", 1L)
                .containsEntry("status", "verified");

        // a range past the log's end rehashes nothing, and says so rather than passing for rows checked
        JsonPath beyond = as(AUDITOR_KEY)
                .get("/api/audit/verify?from=100000000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(beyond.getLong("rows")).isZero();
        assertThat(beyond.getString("message"))
                .contains("the range asked for (100000000 to the end) holds no sequenced row: the log's rows are 1 to");
    }

    /** The details of the one audit row this request wrote, as JSON. */
    private Map<String, Object> detailsOf(String requestId) {
        String details = jdbc().queryForObject(
                        "SELECT details FROM report_lineage_audit WHERE request_id = ?", String.class, requestId);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS, true)
                    .readValue(details, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(details, e);
        }
    }

    /** Rows the database's triggers write (lineage_deleted, hold_deleted) are sequenced and proven like any other. */
    @Test
    default void rowsWrittenByTheDatabaseEnterTheLog() {
        UUID lineage = UUID.randomUUID();
        jdbc().update(
                        "INSERT INTO lineage_legal_hold (id, lineage_id, reason, placed_by, placed_at)"
                                + " VALUES (?, ?, 'case 9', 'test', CURRENT_TIMESTAMP)",
                        UUID.randomUUID(),
                        lineage);
        jdbc().update("DELETE FROM lineage_legal_hold WHERE lineage_id = ?", lineage);
        UUID evidence = jdbc().queryForObject(
                        "SELECT id FROM report_lineage_audit WHERE action = 'hold_deleted' AND lineage_id = ?",
                        UUID.class,
                        lineage);
        checkpointNow();
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM audit_log_leaf WHERE audit_id = ?", Integer.class, evidence))
                .isEqualTo(1);
        as(AUDITOR_KEY).get("/api/audit/" + evidence + "/proof").then().statusCode(200);
    }

    /**
     * A log of more than 256 rows keeps the roots of its full 256-row subtrees, and proofs made with them verify
     * with the public key alone, for an early row and for the log's prefix.
     */
    @Test
    default void aLongerLogKeepsItsSubtreeRootsAndItsProofsStillVerify() {
        checkpointNow();
        UUID first = auditedRead();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new Object[] {UUID.randomUUID(), "test-bulk-" + i});
        }
        jdbc().batchUpdate(
                        "INSERT INTO report_lineage_audit (id, action, user_id, outcome, accessed_at)"
                                + " VALUES (?, 'search', ?, 'ok', CURRENT_TIMESTAMP)",
                        rows);
        checkpointNow();
        long size = jdbc().queryForObject("SELECT size FROM audit_log_head", Long.class);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM audit_log_node WHERE tree_level = 8", Long.class))
                .isEqualTo(size >> 8);

        JsonPath proof = as(AUDITOR_KEY)
                .get("/api/audit/" + first + "/proof")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(proof.getString("checkpoint"));
        assertThat(checkpoint.size()).isEqualTo(size);
        assertThat(Merkle.verifyInclusion(
                        proof.getLong("leaf_index"),
                        size,
                        CanonicalRow.leafHash(proof.getMap("row")),
                        hashes(proof, "audit_path"),
                        checkpoint.root()))
                .isTrue();

        long prefix = proof.getLong("leaf_index") + 1;
        JsonPath consistency = as(AUDITOR_KEY)
                .get("/api/audit/consistency?first=" + prefix)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(Merkle.verifyConsistency(
                        prefix,
                        size,
                        Base64.getDecoder().decode(consistency.getString("first_root")),
                        checkpoint.root(),
                        hashes(consistency, "consistency_path")))
                .isTrue();
    }

    @Test
    default void oneAccessIsProvenWithThePublicKeyAlone() {
        UUID auditId = auditedRead();
        checkpointNow();
        JsonPath key = as(VIEWER_KEY)
                .get("/api/audit/public-key")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
        var publicKey = AuditKeys.fromPublicPem(key.getString("public_key"));

        String proofRequest = "proof-" + UUID.randomUUID();
        JsonPath proof = as(AUDITOR_KEY)
                .header("X-Request-Id", proofRequest)
                .get("/api/audit/" + auditId + "/proof")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // the proof read's own row names the audit row it disclosed
        assertThat(jdbc().queryForMap(
                                "SELECT action, outcome FROM report_lineage_audit WHERE request_id = ?", proofRequest))
                .containsEntry("action", "audit_verify")
                .containsEntry("outcome", "ok");
        assertThat(detailsOf(proofRequest)).containsExactly(Map.entry("audit_id", auditId.toString()));
        Map<String, String> row = proof.getMap("row");
        assertThat(row)
                .containsEntry("id", auditId.toString())
                .containsKeys(CanonicalRow.COLUMNS.toArray(String[]::new));
        byte[] leaf = CanonicalRow.leafHash(row);
        assertThat(Base64.getEncoder().encodeToString(leaf)).isEqualTo(proof.getString("leaf_hash"));
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(proof.getString("checkpoint"));
        assertThat(AuditKeys.verify(publicKey, checkpoint)).isTrue();
        assertThat(checkpoint.rootBase64()).isEqualTo(proof.getString("root_hash"));
        assertThat(checkpoint.size()).isEqualTo(proof.getLong("tree_size"));
        List<byte[]> path = hashes(proof, "audit_path");
        assertThat(Merkle.verifyInclusion(
                        proof.getLong("leaf_index"), checkpoint.size(), leaf, path, checkpoint.root()))
                .isTrue();
        // a changed row no longer fits the path
        row.put("user_id", "someone-else");
        assertThat(Merkle.verifyInclusion(
                        proof.getLong("leaf_index"),
                        checkpoint.size(),
                        CanonicalRow.leafHash(row),
                        path,
                        checkpoint.root()))
                .isFalse();
    }

    @Test
    default void aNewerCheckpointIsProvenToExtendAnOlderOneWithThePublicKeyAlone() {
        auditedRead();
        checkpointNow();
        var publicKey = publicKey(VIEWER_KEY);
        // the checkpoint an outside party kept
        SignedCheckpoint kept = SignedCheckpoint.parse(as(VIEWER_KEY)
                .get("/api/audit/checkpoints?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("[0].note"));
        auditedRead();
        auditedRead();
        checkpointNow();

        String requestId = "consistency-" + UUID.randomUUID();
        JsonPath answer = as(AUDITOR_KEY)
                .header("X-Request-Id", requestId)
                .get("/api/audit/consistency?first=" + kept.size())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        SignedCheckpoint newer = SignedCheckpoint.parse(answer.getString("checkpoint"));
        assertThat(AuditKeys.verify(publicKey, newer)).isTrue();
        assertThat(newer.size()).isGreaterThan(kept.size()).isEqualTo(answer.getLong("second_size"));
        assertThat(answer.getString("first_root")).isEqualTo(kept.rootBase64());
        List<byte[]> path = hashes(answer, "consistency_path");
        assertThat(Merkle.verifyConsistency(kept.size(), newer.size(), kept.root(), newer.root(), path))
                .isTrue();
        // a root the kept checkpoint does not have (another history) is not proven by the same path
        assertThat(Merkle.verifyConsistency(
                        kept.size(), newer.size(), Merkle.leafHash(new byte[] {1}), newer.root(), path))
                .isFalse();
        assertThat(jdbc().queryForMap(
                                "SELECT action, outcome FROM report_lineage_audit WHERE request_id = ?", requestId))
                .containsEntry("action", "audit_verify")
                .containsEntry("outcome", "ok");
        assertThat(detailsOf(requestId)).containsEntry("first", kept.size()).doesNotContainKey("second");

        // a size of no checkpoint is a 404, audited; sizes it cannot use are 400s, not audited
        String missing = "consistency-missing-" + UUID.randomUUID();
        as(AUDITOR_KEY)
                .header("X-Request-Id", missing)
                .get("/api/audit/consistency?first=1&second=" + (newer.size() + 1000))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(jdbc().queryForObject(
                                "SELECT outcome FROM report_lineage_audit WHERE request_id = ?", String.class, missing))
                .isEqualTo("not_found");
        as(AUDITOR_KEY)
                .get("/api/audit/consistency?first=" + (newer.size() + 1))
                .then()
                .statusCode(404);
        as(AUDITOR_KEY)
                .get("/api/audit/consistency")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("first"));
        as(AUDITOR_KEY)
                .get("/api/audit/consistency?first=0")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("first"));
        as(AUDITOR_KEY)
                .get("/api/audit/consistency?first=5&second=2")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("second"));
        // the same size: nothing to prove, the same root
        JsonPath same = as(AUDITOR_KEY)
                .get("/api/audit/consistency?first=" + newer.size() + "&second=" + newer.size())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(same.getList("consistency_path")).isEmpty();
        assertThat(same.getString("first_root")).isEqualTo(newer.rootBase64());
        as(VIEWER_KEY).get("/api/audit/consistency?first=1").then().statusCode(403);
    }

    @Test
    default void checkpointsAreListedNewestFirstEachWithItsSignedNote() {
        auditedRead();
        checkpointNow();
        auditedRead();
        checkpointNow();
        var publicKey = publicKey(ADMIN_KEY);
        String requestId = "checkpoints-" + UUID.randomUUID();
        JsonPath list = as(VIEWER_KEY)
                .header("X-Request-Id", requestId)
                .get("/api/audit/checkpoints?limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(jdbc().queryForList("SELECT id FROM report_lineage_audit WHERE request_id = ?", requestId))
                .as("keeping a copy of the checkpoints reads no record")
                .isEmpty();
        List<Map<String, Object>> items = list.getList("$");
        assertThat(items).hasSize(2);
        assertThat(((Number) items.get(0).get("size")).longValue())
                .isGreaterThan(((Number) items.get(1).get("size")).longValue());
        for (Map<String, Object> item : items) {
            SignedCheckpoint note = SignedCheckpoint.parse((String) item.get("note"));
            assertThat(AuditKeys.verify(publicKey, note)).isTrue();
            assertThat(note.size()).isEqualTo(((Number) item.get("size")).longValue());
            assertThat(note.rootBase64()).isEqualTo(item.get("root_hash"));
        }
        // the next page back starts below the smallest size of this one
        long smallest = ((Number) items.get(1).get("size")).longValue();
        List<Map<String, Object>> older = as(VIEWER_KEY)
                .get("/api/audit/checkpoints?limit=1000&before=" + smallest)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(older).isNotEmpty().allMatch(item -> ((Number) item.get("size")).longValue() < smallest);
        assertThat(older.size())
                .isEqualTo(Math.min(
                        1000,
                        jdbc().queryForObject(
                                        "SELECT COUNT(*) FROM audit_checkpoint WHERE size < ?",
                                        Integer.class,
                                        smallest)));
        as(VIEWER_KEY).get("/api/audit/checkpoints?before=0").then().statusCode(400);
    }

    @Test
    default void parametersItCannotUseAre400AndRowsItCannotProveAre404() {
        as(AUDITOR_KEY)
                .get("/api/audit/verify?from=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(AUDITOR_KEY).get("/api/audit/verify?from=5&to=2").then().statusCode(400);
        as(AUDITOR_KEY).get("/api/audit/verify?to=0").then().statusCode(400);
        as(AUDITOR_KEY).get("/api/audit/checkpoints?limit=0").then().statusCode(400);
        as(AUDITOR_KEY).get("/api/audit/checkpoints?limit=x").then().statusCode(400);
        as(AUDITOR_KEY).get("/api/audit/not-a-uuid/proof").then().statusCode(400);
        String badRequest = "proof-bad-" + UUID.randomUUID();
        as(AUDITOR_KEY)
                .header("X-Request-Id", badRequest)
                .get("/api/audit/" + UUID.randomUUID().toString().substring(1) + "/proof")
                .then()
                .statusCode(400);
        assertThat(jdbc().queryForList("SELECT id FROM report_lineage_audit WHERE request_id = ?", badRequest))
                .isEmpty();
        // a 404 is audited not_found, naming the row asked for
        UUID missing = UUID.randomUUID();
        String missingRequest = "proof-missing-" + UUID.randomUUID();
        as(AUDITOR_KEY)
                .header("X-Request-Id", missingRequest)
                .get("/api/audit/" + missing + "/proof")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(jdbc().queryForMap(
                                "SELECT action, outcome FROM report_lineage_audit WHERE request_id = ?",
                                missingRequest))
                .containsEntry("action", "audit_verify")
                .containsEntry("outcome", "not_found");
        assertThat(detailsOf(missingRequest)).containsEntry("audit_id", missing.toString());
        as(VIEWER_KEY).get("/api/audit/verify").then().statusCode(403);
    }
}
