package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.problem.NotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the /api/audit/verify, checkpoints, public-key, proof and consistency routes (routes/audit-log.yaml) answer.
 */
@Component("auditLogApi")
public class AuditLogApi {

    private static final int MAX_CHECKPOINTS = 1000;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final AuditSigner signer;
    private final StoredSubtrees subtrees;
    private final AuditLogProperties properties;
    private final Semaphore verifications = new Semaphore(1);

    public AuditLogApi(
            DataSource dataSource,
            JdbcTemplate jdbc,
            AuditSigner signer,
            StoredSubtrees subtrees,
            AuditLogProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.signer = signer;
        this.subtrees = subtrees;
        this.properties = properties;
    }

    /**
     * Verifies the log (or rows {@code from} to {@code to}). One verification at a time on an instance: each reads
     * every audit row and holds a database connection for as long (seconds a million rows), so a second one asked
     * for meanwhile is a 503 to retry, not a second full scan competing with the reads for the pool.
     */
    public VerificationReport verify(String from, String to) throws SQLException, IOException {
        Long first = seq("from", from);
        Long last = seq("to", to);
        if (first != null && last != null && last < first) {
            throw new BadParameterException("to", "must not be below from");
        }
        if (!verifications.tryAcquire()) {
            throw new VerifyBusyException();
        }
        try {
            return verifyNow(first, last);
        } finally {
            verifications.release();
        }
    }

    /** The one verification slot (held by tests to see a second verification refused). */
    Semaphore verifications() {
        return verifications;
    }

    private VerificationReport verifyNow(Long first, Long last) throws SQLException, IOException {
        List<AuditVerifier.ExportedCheckpoint> exported = properties.getCheckpointDir() == null
                        || properties.getCheckpointDir().isBlank()
                ? List.of()
                : CheckpointFiles.read(Path.of(properties.getCheckpointDir()));
        try (Connection connection = dataSource.getConnection()) {
            return new AuditVerifier(signer.verificationKeys(), properties.getSettleWindow())
                    .verify(connection, exported, first, last);
        }
    }

    private static Long seq(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long seq = Long.parseLong(value);
            if (seq < 1) {
                throw new BadParameterException(name, "a sequence number, 1 or more");
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "a sequence number, 1 or more");
        }
    }

    /**
     * The newest {@code limit} checkpoints, or with {@code before} (a size) the newest below it: a copy that fell
     * behind pages back from the smallest size it got until it has them all.
     */
    public List<CheckpointEntry> checkpoints(String limit, String before) {
        int max = 100;
        if (limit != null && !limit.isEmpty()) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > MAX_CHECKPOINTS) {
                throw new BadParameterException("limit", "an integer from 1 to " + MAX_CHECKPOINTS);
            }
        }
        Long below = seq("before", before);
        return jdbc.query(
                "SELECT size, root_hash, created_at, note FROM audit_checkpoint WHERE size < ? ORDER BY size DESC"
                        + " LIMIT ?",
                (rs, i) -> new CheckpointEntry(
                        rs.getLong("size"),
                        Base64.getEncoder().encodeToString(rs.getBytes("root_hash")),
                        CanonicalRow.time(rs.getObject("created_at", OffsetDateTime.class)),
                        rs.getString("note")),
                below == null ? Long.MAX_VALUE : below,
                max);
    }

    public PublicKeyInfo publicKey() {
        return new PublicKeyInfo(
                signer.origin(),
                "Ed25519",
                HexFormat.of().formatHex(AuditKeys.keyId(signer.origin(), signer.publicKey())),
                signer.publicKeyPem(),
                signer.previousKeys().stream()
                        .map(key -> new PublicKeyInfo.PreviousPublicKey(
                                HexFormat.of().formatHex(AuditKeys.keyId(signer.origin(), key)),
                                AuditKeys.publicPem(key)))
                        .toList());
    }

    /**
     * What the audit row of a verify call records (routes/audit-log.yaml): the range asked for (null: from the
     * first, to the last) and what was found, so the trail says which part of the log someone checked and when
     * it was found broken.
     */
    public Map<String, Object> verifyDetails(String from, String to, VerificationReport report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", seq("from", from));
        details.put("to", seq("to", to));
        details.put("status", report.status());
        details.put("rows", report.rows());
        details.put("latest_size", report.latestSize());
        details.put(
                "break", report.breakage() == null ? null : report.breakage().kind());
        return details;
    }

    /**
     * What the audit row of a proof read records: which audit row's content the proof discloses (or would have,
     * for a 404). A 400 for an id that is not a UUID, before anything is read or audited.
     */
    public Map<String, Object> proofDetails(String auditId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("audit_id", auditId(auditId).toString());
        return details;
    }

    private static UUID auditId(String auditId) {
        if (auditId == null || !UUID_TEXT.matcher(auditId).matches()) {
            throw new BadParameterException("audit_id", "a UUID");
        }
        return UUID.fromString(auditId);
    }

    public AuditProof proof(String auditId) {
        UUID id = auditId(auditId);
        List<Map<String, String>> rows = jdbc.query(
                "SELECT " + CanonicalRow.selectList("a") + " FROM report_lineage_audit a WHERE a.id = ?",
                (rs, i) -> CanonicalRow.read(rs),
                id);
        if (rows.isEmpty()) {
            throw new NotFoundException("No audit row " + id);
        }
        List<Map<String, Object>> leaves =
                jdbc.queryForList("SELECT seq, leaf_hash FROM audit_log_leaf WHERE audit_id = ?", id);
        List<Map<String, Object>> checkpoints = leaves.isEmpty()
                ? List.of()
                : jdbc.queryForList(
                        "SELECT size, note FROM audit_checkpoint WHERE size >= ? ORDER BY size DESC LIMIT 1",
                        leaves.get(0).get("seq"));
        if (checkpoints.isEmpty()) {
            throw new NotFoundException("Audit row " + id + " is not covered by a checkpoint yet (the checkpointer"
                    + " runs every " + properties.getCheckpointInterval() + ")");
        }
        long seq = ((Number) leaves.get(0).get("seq")).longValue();
        long size = ((Number) checkpoints.get(0).get("size")).longValue();
        SignedCheckpoint checkpoint =
                SignedCheckpoint.parse((String) checkpoints.get(0).get("note"));
        // the path is checked with the leaf the log holds; the leaf answered is the row's as it is now, so a
        // changed row gets a proof that fails without making the path be built again from every leaf
        byte[] stored = (byte[]) leaves.get(0).get("leaf_hash");
        byte[] leaf = CanonicalRow.leafHash(rows.get(0));
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> path = subtrees.inclusionProof(seq - 1, size, stored, checkpoint.root()).stream()
                .map(base64::encodeToString)
                .toList();
        return new AuditProof(
                rows.get(0),
                CanonicalRow.FORMAT,
                seq,
                seq - 1,
                base64.encodeToString(leaf),
                size,
                checkpoint.rootBase64(),
                path,
                checkpoint.text());
    }

    /**
     * What the audit row of a consistency read records: the two sizes asked for. A 400 for a size that is not a
     * sequence number, or a first size beyond the second, before anything is read or audited.
     */
    public Map<String, Object> consistencyDetails(String first, String second) {
        Long from = seq("first", first);
        if (from == null) {
            throw new BadParameterException("first", "required: the size of the checkpoint you hold, 1 or more");
        }
        Long to = seq("second", second);
        if (to != null && to < from) {
            throw new BadParameterException("second", "must not be below first");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("first", from);
        details.put("second", to);
        return details;
    }

    /**
     * The RFC 6962 consistency proof from the tree of {@code first} leaves to the signed checkpoint of size
     * {@code second} (default: the newest), sizes as {@link #consistencyDetails} checked them, or null when there is no such checkpoint (or {@code first} is beyond
     * it): whoever holds the checkpoint of {@code first} checks with it and the public key alone that the newer
     * one extends it (README, "Proving the audit trail").
     */
    public ConsistencyProof consistency(Map<String, Object> asked) {
        long from = (Long) asked.get("first");
        Long to = (Long) asked.get("second");
        List<Map<String, Object>> checkpoints = to == null
                ? jdbc.queryForList("SELECT size, note FROM audit_checkpoint ORDER BY size DESC LIMIT 1")
                : jdbc.queryForList("SELECT size, note FROM audit_checkpoint WHERE size = ?", to);
        if (checkpoints.isEmpty()) {
            return null;
        }
        long size = ((Number) checkpoints.get(0).get("size")).longValue();
        if (from > size) {
            return null;
        }
        SignedCheckpoint checkpoint =
                SignedCheckpoint.parse((String) checkpoints.get(0).get("note"));
        StoredSubtrees.Consistency proof = subtrees.consistencyProof(from, size, checkpoint.root());
        Base64.Encoder base64 = Base64.getEncoder();
        return new ConsistencyProof(
                from,
                base64.encodeToString(proof.firstRoot()),
                size,
                checkpoint.rootBase64(),
                proof.path().stream().map(base64::encodeToString).toList(),
                checkpoint.text());
    }

    /** Why there is no consistency proof for the sizes asked for (the 404's detail). */
    public String consistencyMissing(String first, String second) {
        if (second == null || second.isEmpty()) {
            return "The audit log has no checkpoint of size " + first + " or more yet (the checkpointer runs every "
                    + properties.getCheckpointInterval() + ")";
        }
        return "The audit log has no checkpoint of size " + second + " (GET /api/audit/checkpoints lists them)";
    }

    /** The name the checkpoint's exported copy gets. */
    public String fileName(SignedCheckpoint checkpoint) {
        return CheckpointFiles.name(checkpoint);
    }
}
