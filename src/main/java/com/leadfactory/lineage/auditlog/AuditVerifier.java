package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.auditlog.VerificationReport.Break;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Recomputes the audit log from the database and checks it, for the API ({@code GET /api/audit/verify}) and the
 * CLI ({@code verify-audit}) alike, with plain JDBC: every sequenced row's leaf against its row, the tree rebuilt
 * from the leaves against every checkpoint's signature and root (consecutive checkpoints that both match one tree
 * are consistent), rows no checkpoint may miss, and checkpoints exported from the box against the database's.
 * Answers the first break (docs/DESIGN-NOTES.md, "Proving the audit trail").
 */
public final class AuditVerifier {

    public static final String ROW_MODIFIED = "row_modified";
    public static final String ROW_MISSING = "row_missing";
    public static final String ROW_INSERTED = "row_inserted";
    public static final String ROWS_REORDERED = "rows_reordered";
    public static final String SIGNATURE_INVALID = "checkpoint_signature_invalid";
    public static final String CHECKPOINT_INCONSISTENT = "checkpoint_inconsistent";
    public static final String ROLLED_BACK = "database_rolled_back";
    public static final String HEAD_INCONSISTENT = "head_inconsistent";

    private static final int MAX_MISMATCHES = 1000;

    /** A checkpoint kept outside the database: where it came from (a file name) and its note. */
    public record ExportedCheckpoint(String source, String note) {}

    private record Mismatch(long seq, String auditId, Map<String, String> row, byte[] stored) {}

    private record Stored(long size, byte[] root, Instant time) {}

    private final List<PublicKey> keys;
    private final Duration settleWindow;

    public AuditVerifier(PublicKey key, Duration settleWindow) {
        this(List.of(key), settleWindow);
    }

    /**
     * {@code keys}: every key the log was signed with (the signing key and those it replaced); a checkpoint signed by
     * any of them is the log's.
     */
    public AuditVerifier(List<PublicKey> keys, Duration settleWindow) {
        this.keys = List.copyOf(keys);
        this.settleWindow = settleWindow;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The ids the verifying keys have in notes of {@code origin}, as a note names its key. */
    private String keyIds(String origin) {
        return String.join(
                ", ",
                keys.stream().map(key -> hex(AuditKeys.keyId(origin, key))).toList());
    }

    private String byTheKeys() {
        return keys.size() == 1 ? "the log's key" : "any of the log's " + keys.size() + " keys";
    }

    /** Verifies all rows, or only the rows with seq in [from, to] (either may be null) against their leaves. */
    public VerificationReport verify(Connection connection, List<ExportedCheckpoint> exported, Long from, Long to)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return new Run(connection, exported, from == null ? 1 : from, to == null ? Long.MAX_VALUE : to).run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private final class Run {
        private final Connection connection;
        private final List<ExportedCheckpoint> exported;
        private final long from;
        private final long to;
        private final List<Stored> checkpoints = new ArrayList<>();
        private final TreeMap<Long, byte[]> rootsAt = new TreeMap<>();
        private final List<Mismatch> mismatches = new ArrayList<>();
        private Break checkpointBreak;
        private Break missing;
        private Break backdated;
        private long rowsChecked;
        private long treeSize;
        private String latestRoot;

        Run(Connection connection, List<ExportedCheckpoint> exported, long from, long to) {
            this.connection = connection;
            this.exported = exported;
            this.from = from;
            this.to = to;
        }

        VerificationReport run() throws SQLException {
            readCheckpoints();
            List<SignedCheckpoint> outside = new ArrayList<>();
            for (ExportedCheckpoint file : exported) {
                try {
                    SignedCheckpoint checkpoint = SignedCheckpoint.parse(file.note());
                    if (!AuditKeys.verify(keys, checkpoint)) {
                        checkpointBroken(
                                SIGNATURE_INVALID,
                                checkpoint.size(),
                                "the exported checkpoint " + file.source() + " is not signed by " + byTheKeys());
                        continue;
                    }
                    outside.add(checkpoint);
                    rootsAt.put(checkpoint.size(), null);
                } catch (IllegalArgumentException e) {
                    checkpointBroken(
                            SIGNATURE_INVALID,
                            null,
                            "the exported checkpoint " + file.source() + " cannot be read: " + e.getMessage());
                }
            }
            scanLeaves();
            Break rowBreak = rowBreak();
            Stored last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
            long lastSize = last == null ? 0 : last.size();
            if (rowBreak == null && lastSize > treeSize) {
                rowBreak = new Break(
                        ROW_MISSING,
                        treeSize + 1,
                        null,
                        lastSize,
                        "checkpoint " + lastSize + " covers " + lastSize + " rows; the log holds only " + treeSize
                                + ": the rows after seq " + treeSize + " were deleted");
            }
            Instant cutoff = last == null ? null : last.time().minus(settleWindow);
            if (rowBreak == null && cutoff != null) {
                rowBreak = inserted(cutoff);
            }
            Break found = rowBreak;
            if (found == null) {
                found = checkpointBreak;
            }
            if (found == null) {
                found = rootMismatch();
            }
            if (found == null) {
                found = rolledBack(outside);
            }
            if (found == null) {
                found = headBreak();
            }
            long notYetCovered = Math.max(0, treeSize - lastSize) + unsequenced(cutoff);
            return report(found, lastSize, notYetCovered);
        }

        /** The first checkpoint problem found is the one reported. */
        private void checkpointBroken(String kind, Long size, String detail) {
            checkpointBreak = first(checkpointBreak, new Break(kind, null, null, size, detail));
        }

        private void readCheckpoints() throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT size, root_hash, origin, created_at, note FROM audit_checkpoint ORDER BY size")) {
                Instant previous = null;
                while (rs.next()) {
                    long size = rs.getLong("size");
                    byte[] root = rs.getBytes("root_hash");
                    SignedCheckpoint note;
                    try {
                        note = SignedCheckpoint.parse(rs.getString("note"));
                    } catch (IllegalArgumentException e) {
                        checkpointBroken(
                                SIGNATURE_INVALID,
                                size,
                                "checkpoint " + size + "'s note cannot be read: " + e.getMessage());
                        continue;
                    }
                    if (!AuditKeys.verify(keys, note)) {
                        checkpointBroken(
                                SIGNATURE_INVALID,
                                size,
                                "checkpoint " + size + " is signed with key id " + hex(note.keyId())
                                        + ", not by " + byTheKeys() + " (" + (keys.size() == 1 ? "key id " : "key ids ")
                                        + keyIds(note.origin())
                                        + "; if the signing key was rotated, the previous public key is needed"
                                        + " too; instances that sign one log must all have the same key)");
                        continue;
                    }
                    if (note.size() != size || !Arrays.equals(note.root(), root)) {
                        checkpointBroken(
                                CHECKPOINT_INCONSISTENT,
                                size,
                                "checkpoint " + size + "'s columns differ from its signed note (size " + note.size()
                                        + ")");
                        continue;
                    }
                    // what GET /api/audit/checkpoints lists beside the note must be what was signed
                    OffsetDateTime createdAt = rs.getObject("created_at", OffsetDateTime.class);
                    if (createdAt == null
                            || !createdAt.toInstant().equals(note.instant())
                            || !note.origin().equals(rs.getString("origin"))) {
                        checkpointBroken(
                                CHECKPOINT_INCONSISTENT,
                                size,
                                "checkpoint " + size + "'s created_at or origin differs from its signed note (signed "
                                        + note.origin() + " at " + note.instant() + ")");
                        continue;
                    }
                    Instant time = note.instant();
                    if (previous != null && time.isBefore(previous)) {
                        checkpointBroken(
                                CHECKPOINT_INCONSISTENT,
                                size,
                                "checkpoint " + size + " is dated before the smaller checkpoint that precedes it");
                    }
                    previous = time;
                    checkpoints.add(new Stored(size, note.root(), time));
                    rootsAt.put(size, null);
                    latestRoot = note.rootBase64();
                }
            }
        }

        private void scanLeaves() throws SQLException {
            CompactTree tree = CompactTree.empty();
            String sql = "SELECT l.seq, l.audit_id AS leaf_audit_id, l.leaf_hash, " + CanonicalRow.selectList("a")
                    + " FROM audit_log_leaf l LEFT JOIN report_lineage_audit a ON a.id = l.audit_id ORDER BY l.seq";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(10_000);
                try (ResultSet rs = statement.executeQuery()) {
                    long expected = 1;
                    int nextCheckpoint = 0;
                    // canonical times are fixed-width UTC text, so they compare as strings (no parse per row)
                    String sequencedFrom = null;
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        if (seq != expected && missing == null) {
                            missing = new Break(
                                    ROW_MISSING,
                                    expected,
                                    null,
                                    null,
                                    "sequence numbers " + expected + " to " + (seq - 1) + " are gone from the log");
                        }
                        expected = seq + 1;
                        byte[] stored = rs.getBytes("leaf_hash");
                        tree.append(stored);
                        if (rootsAt.containsKey(tree.size())) {
                            rootsAt.put(tree.size(), tree.root());
                        }
                        // the checkpointer sequences a row only when it is dated at most the settle window before the
                        // checkpoint preceding its tick, so a leaf after checkpoint c is never older than that
                        while (nextCheckpoint < checkpoints.size()
                                && checkpoints.get(nextCheckpoint).size() < seq) {
                            sequencedFrom = CanonicalRow.time(OffsetDateTime.ofInstant(
                                    checkpoints.get(nextCheckpoint).time().minus(settleWindow), ZoneOffset.UTC));
                            nextCheckpoint++;
                        }
                        if (seq < from || seq > to) {
                            continue;
                        }
                        rowsChecked++;
                        String auditId = String.valueOf(rs.getObject("leaf_audit_id"));
                        if (rs.getObject("id") == null) {
                            if (missing == null || missing.seq() > seq) {
                                missing = new Break(
                                        ROW_MISSING,
                                        seq,
                                        auditId,
                                        null,
                                        "the row sequenced as " + seq + " is gone from report_lineage_audit");
                            }
                            continue;
                        }
                        Map<String, String> row = CanonicalRow.read(rs);
                        if (!Arrays.equals(CanonicalRow.leafHash(row), stored)) {
                            if (mismatches.size() < MAX_MISMATCHES) {
                                mismatches.add(new Mismatch(seq, auditId, row, stored));
                            }
                        } else if (backdated == null
                                && sequencedFrom != null
                                && row.get("accessed_at").compareTo(sequencedFrom) < 0) {
                            backdated = new Break(
                                    ROW_INSERTED,
                                    seq,
                                    auditId,
                                    null,
                                    "the row sequenced as " + seq + " is dated " + row.get("accessed_at") + ", more"
                                            + " than the settle window (" + settleWindow + ") before the checkpoint"
                                            + " signed before it was sequenced: no checkpointer sequences a row that"
                                            + " old, so it was slipped in backdated");
                        }
                    }
                }
            }
            treeSize = tree.size();
        }

        private Break rowBreak() {
            Break modified = null;
            if (!mismatches.isEmpty()) {
                Mismatch firstMismatch = mismatches.get(0);
                modified = new Break(
                        ROW_MODIFIED,
                        firstMismatch.seq(),
                        firstMismatch.auditId(),
                        null,
                        "the row sequenced as " + firstMismatch.seq() + " is not the row that was logged");
                Break swapped = swapped();
                if (swapped != null && swapped.seq() <= firstMismatch.seq()) {
                    modified = swapped;
                }
            }
            // the first place the log breaks; on a tie, in this order
            return Stream.of(modified, missing, backdated)
                    .filter(Objects::nonNull)
                    .min(Comparator.comparingLong(Break::seq))
                    .orElse(null);
        }

        /**
         * Two changed rows that each hold what the other's leaf logged: their contents were swapped, or the leaves
         * were pointed at each other's rows.
         */
        private Break swapped() {
            Map<String, Mismatch> byId = new HashMap<>();
            for (Mismatch m : mismatches) {
                byId.put(m.auditId(), m);
            }
            for (Mismatch a : mismatches) {
                for (Mismatch b : mismatches) {
                    if (a == b) {
                        continue;
                    }
                    if (Arrays.equals(CanonicalRow.leafHash(b.row()), a.stored())
                            && Arrays.equals(CanonicalRow.leafHash(a.row()), b.stored())) {
                        return new Break(
                                ROWS_REORDERED,
                                Math.min(a.seq(), b.seq()),
                                a.auditId(),
                                null,
                                "the leaves sequenced as " + a.seq() + " and " + b.seq() + " point at each other's"
                                        + " rows: the log's order was changed");
                    }
                    Map<String, String> bAsA = new HashMap<>(b.row());
                    bAsA.put("id", a.row().get("id"));
                    if (Arrays.equals(CanonicalRow.leafHash(bAsA), a.stored())) {
                        return new Break(
                                ROWS_REORDERED,
                                Math.min(a.seq(), b.seq()),
                                a.auditId(),
                                null,
                                "the rows sequenced as " + a.seq() + " and " + b.seq() + " hold each other's content");
                    }
                }
            }
            return null;
        }

        private Break inserted(Instant cutoff) throws SQLException {
            String sql = "SELECT a.id, a.accessed_at FROM report_lineage_audit a WHERE a.accessed_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM audit_log_leaf l WHERE l.audit_id = a.id)"
                    + " ORDER BY a.accessed_at, a.id LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        String accessedAt = CanonicalRow.time(rs.getObject("accessed_at", OffsetDateTime.class));
                        return new Break(
                                ROW_INSERTED,
                                null,
                                String.valueOf(rs.getObject("id")),
                                null,
                                "a row dated " + accessedAt + " appeared after checkpoint "
                                        + checkpoints
                                                .get(checkpoints.size() - 1)
                                                .size()
                                        + " was signed; no late commit is that old (settle window " + settleWindow
                                        + ")");
                    }
                }
            }
            return null;
        }

        private long unsequenced(Instant cutoff) throws SQLException {
            String sql = "SELECT COUNT(*) FROM report_lineage_audit a WHERE a.accessed_at >= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM audit_log_leaf l WHERE l.audit_id = a.id)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Instant since = cutoff == null ? AuditCheckpointer.BEGINNING.toInstant() : cutoff;
                statement.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private Break rootMismatch() {
            for (Stored checkpoint : checkpoints) {
                byte[] root = rootsAt.get(checkpoint.size());
                if (!Arrays.equals(root, checkpoint.root())) {
                    return new Break(
                            CHECKPOINT_INCONSISTENT,
                            null,
                            null,
                            checkpoint.size(),
                            "checkpoint " + checkpoint.size() + " signed a root that is not the root of the log's"
                                    + " first " + checkpoint.size() + " leaves: the leaves were rewritten with"
                                    + " their rows, or the checkpoint was signed for another history");
                }
            }
            return null;
        }

        private Break rolledBack(List<SignedCheckpoint> outside) {
            Map<Long, Stored> bySize = new HashMap<>();
            for (Stored checkpoint : checkpoints) {
                bySize.put(checkpoint.size(), checkpoint);
            }
            for (SignedCheckpoint checkpoint : outside) {
                long size = checkpoint.size();
                Stored inDatabase = bySize.get(size);
                if (size > treeSize) {
                    return new Break(
                            ROLLED_BACK,
                            null,
                            null,
                            size,
                            "a checkpoint that left the box covers " + size + " rows; the database's log holds "
                                    + treeSize + ": the database was restored to, or cut back to, an earlier state");
                }
                if (inDatabase == null) {
                    // the file is written only after its checkpoint committed, so the database once had it
                    return new Break(
                            ROLLED_BACK,
                            null,
                            null,
                            size,
                            "the checkpoint of size " + size + " left the box, but the database holds no checkpoint"
                                    + " of that size: its row was deleted, or the database was restored to a state"
                                    + " from before it");
                }
                if (!Arrays.equals(rootsAt.get(size), checkpoint.root())
                        || !Arrays.equals(inDatabase.root(), checkpoint.root())) {
                    return new Break(
                            ROLLED_BACK,
                            null,
                            null,
                            size,
                            "the checkpoint of size " + size + " that left the box differs from the database's log"
                                    + " at that size: the database's history was replaced");
                }
            }
            return null;
        }

        /**
         * The head the checkpointer grows the log from is always the state of the last checkpoint (both are written
         * in one transaction): one that is not (edited, restored apart) makes the checkpointer sign nothing, so the
         * rows after it stay uncovered, free to be edited, while everything else verifies.
         */
        private Break headBreak() throws SQLException {
            // one statement, one snapshot: a checkpointer tick meanwhile moves both or neither
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT h.size, h.frontier, c.size AS last_size,"
                            + " c.root_hash AS last_root FROM audit_log_head h LEFT JOIN audit_checkpoint c"
                            + " ON c.size = (SELECT MAX(size) FROM audit_checkpoint) WHERE h.id = 1")) {
                if (!rs.next()) {
                    return new Break(HEAD_INCONSISTENT, null, null, null, "the log's head row is gone");
                }
                long size = rs.getLong("size");
                byte[] frontier = rs.getBytes("frontier");
                long lastSize = rs.getLong("last_size");
                byte[] lastRoot = rs.wasNull() ? Merkle.EMPTY_ROOT : rs.getBytes("last_root");
                byte[] headRoot;
                try {
                    headRoot = CompactTree.of(size, frontier).root();
                } catch (IllegalStateException e) {
                    headRoot = null;
                }
                if (size == lastSize && Arrays.equals(headRoot, lastRoot)) {
                    return null;
                }
                return new Break(
                        HEAD_INCONSISTENT,
                        null,
                        null,
                        lastSize == 0 ? null : lastSize,
                        "the log's head (size " + size + (size == lastSize ? ", another root" : "")
                                + ") is not the state of its last checkpoint (size " + lastSize + "): the"
                                + " checkpointer signs nothing from it, so no row after seq " + lastSize
                                + " can be covered. Restore audit_log_head from a backup taken with the"
                                + " checkpoints (README, \"Backup and restore\")");
            }
        }

        private VerificationReport report(Break found, long lastSize, long notYetCovered) {
            Long latestSize = checkpoints.isEmpty() ? null : lastSize;
            if (found != null) {
                String where = found.seq() != null
                        ? " at seq " + found.seq()
                        : found.checkpointSize() != null ? " at checkpoint " + found.checkpointSize() : "";
                return new VerificationReport(
                        VerificationReport.BROKEN,
                        rowsChecked,
                        checkpoints.size(),
                        exported.size(),
                        latestSize,
                        latestRoot,
                        notYetCovered,
                        found,
                        "broken: " + found.kind() + where
                                + (found.auditId() == null ? "" : " (" + found.auditId() + ")") + ": "
                                + found.detail());
            }
            return new VerificationReport(
                    VerificationReport.VERIFIED,
                    rowsChecked,
                    checkpoints.size(),
                    exported.size(),
                    latestSize,
                    latestRoot,
                    notYetCovered,
                    null,
                    "verified: " + rowsChecked + " rows, " + checkpoints.size() + " checkpoints, latest root "
                            + (latestRoot == null ? "none" : latestRoot + " (size " + lastSize + ")")
                            + "; not yet covered: " + notYetCovered + " rows" + emptyRange());
        }

        /**
         * A range that holds no sequenced row rehashes nothing: said, so that "verified: 0 rows" for a range past the
         * log's end is not read as those rows checked and found intact.
         */
        private String emptyRange() {
            if (rowsChecked > 0 || (from <= 1 && to == Long.MAX_VALUE)) {
                return "";
            }
            return "; the range asked for (" + from + " to " + (to == Long.MAX_VALUE ? "the end" : to)
                    + ") holds no sequenced row: the log's rows are 1 to " + treeSize;
        }
    }

    private static Break first(Break current, Break candidate) {
        return current != null ? current : candidate;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
