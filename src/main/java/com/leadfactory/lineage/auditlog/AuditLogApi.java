package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.problem.NotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the /api/audit/verify, checkpoints, public-key and proof routes (routes/audit-log.yaml) answer. */
@Component("auditLogApi")
public class AuditLogApi {

    private static final int MAX_CHECKPOINTS = 1000;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final AuditSigner signer;
    private final AuditLogProperties properties;

    public AuditLogApi(DataSource dataSource, JdbcTemplate jdbc, AuditSigner signer, AuditLogProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.signer = signer;
        this.properties = properties;
    }

    public VerificationReport verify(String from, String to) throws SQLException, IOException {
        Long first = seq("from", from);
        Long last = seq("to", to);
        if (first != null && last != null && last < first) {
            throw new BadParameterException("to", "must not be below from");
        }
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

    public List<CheckpointEntry> checkpoints(String limit) {
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
        return jdbc.query(
                "SELECT size, root_hash, created_at, note FROM audit_checkpoint ORDER BY size DESC LIMIT ?",
                (rs, i) -> new CheckpointEntry(
                        rs.getLong("size"),
                        Base64.getEncoder().encodeToString(rs.getBytes("root_hash")),
                        CanonicalRow.time(rs.getObject("created_at", OffsetDateTime.class)),
                        rs.getString("note")),
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
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM audit_log_leaf WHERE audit_id = ?", Long.class, id);
        List<Map<String, Object>> checkpoints = seqs.isEmpty()
                ? List.of()
                : jdbc.queryForList(
                        "SELECT size, note FROM audit_checkpoint WHERE size >= ? ORDER BY size DESC LIMIT 1",
                        seqs.get(0));
        if (checkpoints.isEmpty()) {
            throw new NotFoundException("Audit row " + id + " is not covered by a checkpoint yet (the checkpointer"
                    + " runs every " + properties.getCheckpointInterval() + ")");
        }
        long seq = seqs.get(0);
        long size = ((Number) checkpoints.get(0).get("size")).longValue();
        List<byte[]> leaves = new ArrayList<>();
        jdbc.query(
                "SELECT leaf_hash FROM audit_log_leaf WHERE seq <= ? ORDER BY seq",
                rs -> {
                    leaves.add(rs.getBytes(1));
                },
                size);
        if (leaves.size() != size) {
            throw new IllegalStateException("the audit log holds " + leaves.size() + " of the " + size
                    + " leaves its checkpoint signed: run GET /api/audit/verify");
        }
        SignedCheckpoint checkpoint =
                SignedCheckpoint.parse((String) checkpoints.get(0).get("note"));
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> path = Merkle.inclusionProof(leaves, (int) (seq - 1), (int) size).stream()
                .map(base64::encodeToString)
                .toList();
        return new AuditProof(
                rows.get(0),
                CanonicalRow.FORMAT,
                seq,
                seq - 1,
                base64.encodeToString(CanonicalRow.leafHash(rows.get(0))),
                size,
                checkpoint.rootBase64(),
                path,
                checkpoint.text());
    }

    /**
     * The consistency proof from checkpoint {@code first} to checkpoint {@code second} (default the newest): both
     * must be checkpoints the database holds, so both notes come signed with the proof.
     */
    public ConsistencyProof consistency(String first, String second) {
        long size1 = size("first", first);
        Long size2 = second == null || second.isEmpty() ? null : size("second", second);
        if (size2 != null && size2 < size1) {
            throw new BadParameterException("second", "must not be below first");
        }
        List<Map<String, Object>> notes = jdbc.queryForList(
                "SELECT size, note FROM audit_checkpoint WHERE size = ? OR size = "
                        + (size2 == null ? "(SELECT MAX(size) FROM audit_checkpoint)" : "?")
                        + " ORDER BY size",
                size2 == null ? new Object[] {size1} : new Object[] {size1, size2});
        Map<Long, String> bySize = new LinkedHashMap<>();
        for (Map<String, Object> note : notes) {
            bySize.put(((Number) note.get("size")).longValue(), (String) note.get("note"));
        }
        if (!bySize.containsKey(size1)) {
            throw new NotFoundException(
                    "No audit checkpoint of size " + size1 + " (GET /api/audit/checkpoints lists" + " them)");
        }
        long last = size2 != null
                ? size2
                : bySize.keySet().stream().mapToLong(Long::longValue).max().orElse(size1);
        if (!bySize.containsKey(last)) {
            throw new NotFoundException(
                    "No audit checkpoint of size " + last + " (GET /api/audit/checkpoints lists" + " them)");
        }
        List<byte[]> leaves = new ArrayList<>();
        jdbc.query(
                "SELECT leaf_hash FROM audit_log_leaf WHERE seq <= ? ORDER BY seq",
                rs -> {
                    leaves.add(rs.getBytes(1));
                },
                last);
        if (leaves.size() != last) {
            throw new IllegalStateException("the audit log holds " + leaves.size() + " of the " + last
                    + " leaves its checkpoint signed: run GET /api/audit/verify");
        }
        SignedCheckpoint one = SignedCheckpoint.parse(bySize.get(size1));
        SignedCheckpoint two = SignedCheckpoint.parse(bySize.get(last));
        Base64.Encoder base64 = Base64.getEncoder();
        return new ConsistencyProof(
                size1,
                one.rootBase64(),
                one.text(),
                last,
                two.rootBase64(),
                two.text(),
                Merkle.consistencyProof(leaves, (int) size1, (int) last).stream()
                        .map(base64::encodeToString)
                        .toList());
    }

    private static long size(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadParameterException(name, "is required: the size of a checkpoint");
        }
        try {
            long size = Long.parseLong(value);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadParameterException(name, "the size of a checkpoint, 1 or more");
    }

    /** The name the checkpoint's exported copy gets. */
    public String fileName(SignedCheckpoint checkpoint) {
        return CheckpointFiles.name(checkpoint);
    }
}
