package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import com.leadfactory.lineage.problem.FailureText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One checkpointer tick (routes/audit-log.yaml), in one transaction: lock the log's head row, give every audit
 * row committed since the last tick its sequence number and leaf (and store the subtrees they complete, for
 * proofs), and when there were any, sign and store a checkpoint of the new tree. Rows whose accessed_at lies more than the settle window before the last checkpoint
 * are never sequenced: such a row appeared after that checkpoint with an old time, and the verifier reports it as
 * inserted (docs/DESIGN-NOTES.md, "Proving the audit trail").
 */
@Component("auditCheckpointer")
public class AuditCheckpointer implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final String LOCK_HEAD =
            "SELECT size, frontier, last_checkpoint_at FROM audit_log_head WHERE id = 1 FOR UPDATE";

    private static final String UNSEQUENCED = "SELECT " + CanonicalRow.selectList("a")
            + " FROM report_lineage_audit a WHERE a.accessed_at >= ?"
            + " AND NOT EXISTS (SELECT 1 FROM audit_log_leaf l WHERE l.audit_id = a.id)"
            + " ORDER BY a.accessed_at, a.id LIMIT ?";

    /** The next batch of the same tick continues after the last row sequenced, instead of skipping past it. */
    private static final String UNSEQUENCED_AFTER = "SELECT " + CanonicalRow.selectList("a")
            + " FROM report_lineage_audit a WHERE a.accessed_at >= ? AND (a.accessed_at, a.id) > (?, ?)"
            + " AND NOT EXISTS (SELECT 1 FROM audit_log_leaf l WHERE l.audit_id = a.id)"
            + " ORDER BY a.accessed_at, a.id LIMIT ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditSigner signer;
    private final StoredSubtrees subtrees;
    private final Duration settleWindow;
    private final int batchSize;
    private final Path exportDir;

    /**
     * The newest checkpoint known to have left the box: with an export directory, the newest file in it this
     * signer signed (read again whenever that file is gone); without one, the last checkpoint this instance signed.
     */
    private volatile Exported newestExported;

    private record Exported(long size, byte[] root, Path file) {}

    /** The checkpointer will not sign: the log is not the state of what was signed before. */
    static class Refused extends IllegalStateException {
        /** {@code what} went wrong; what it means and what to do next are the same for every refusal. */
        Refused(String what) {
            super(what + ": no checkpoint is signed until this is resolved. Run GET /api/audit/verify or"
                    + " verify-audit to see what changed (README, \"Proving the audit trail\")");
        }

        Refused(String what, String action) {
            super(what + ": " + action);
        }
    }

    /**
     * The log's last checkpoint is not one this instance's keys verify: another instance signs the log with another
     * key (or under another origin), or this one was given the wrong key. Signing on would leave a log whose
     * checkpoints no one public key verifies, found only when someone runs the verifier.
     */
    static final class SignerMismatch extends Refused {
        private final String what;
        private final String action;

        SignerMismatch(String what, String action) {
            super(what, "this instance signs no checkpoint. " + action);
            this.what = what;
            this.action = action;
        }

        String what() {
            return what;
        }

        String action() {
            return action;
        }
    }

    public AuditCheckpointer(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            AuditSigner signer,
            StoredSubtrees subtrees,
            AuditLogProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.signer = signer;
        this.subtrees = subtrees;
        this.settleWindow = properties.getSettleWindow();
        this.batchSize = properties.getBatchSize();
        String dir = properties.getCheckpointDir();
        this.exportDir = dir == null || dir.isBlank() ? null : Path.of(dir);
        if (exportDir != null) {
            CheckpointFiles.requireWritable(exportDir);
        }
    }

    /** Sequences what arrived and returns the new checkpoint, or null when nothing arrived. */
    public SignedCheckpoint checkpoint() {
        SignedCheckpoint checkpoint;
        try {
            checkpoint = transactions.execute(status -> appendAndSign());
        } catch (Refused refused) {
            // the log no longer is what was signed: said as an ERROR at every tick until someone looks
            LOG.error(refused.getMessage());
            throw refused;
        }
        if (checkpoint != null) {
            // committed: from now on the log must extend it (its file is written next, routes/audit-log.yaml)
            newestExported = new Exported(
                    checkpoint.size(),
                    checkpoint.root(),
                    exportDir == null ? null : exportDir.resolve(CheckpointFiles.name(checkpoint)));
        }
        return checkpoint;
    }

    private SignedCheckpoint appendAndSign() {
        Object[] head = jdbc.queryForObject(LOCK_HEAD, (rs, i) -> new Object[] {
            rs.getLong("size"), rs.getBytes("frontier"), rs.getObject("last_checkpoint_at", OffsetDateTime.class)
        });
        CompactTree tree = CompactTree.of((Long) head[0], (byte[]) head[1]);
        OffsetDateTime last = refuseToForkFromTheLastCheckpoint(tree);
        refuseToForkFromACheckpointThatLeftTheBox(tree);
        subtrees.coverTheLog(tree.size(), tree.root());
        OffsetDateTime cutoff = last == null ? BEGINNING : last.minus(settleWindow);
        long before = tree.size();
        List<Map<String, String>> rows = null;
        do {
            if (rows == null) {
                rows = jdbc.query(UNSEQUENCED, (rs, i) -> CanonicalRow.read(rs), cutoff, batchSize);
            } else {
                Map<String, String> after = rows.get(rows.size() - 1);
                rows = jdbc.query(
                        UNSEQUENCED_AFTER,
                        (rs, i) -> CanonicalRow.read(rs),
                        cutoff,
                        OffsetDateTime.parse(after.get("accessed_at")),
                        UUID.fromString(after.get("id")),
                        batchSize);
            }
            List<Object[]> leaves = new ArrayList<>(rows.size());
            List<Object[]> nodes = new ArrayList<>();
            CompactTree.CompletedSubtree stored = subtrees.collector(nodes);
            for (Map<String, String> row : rows) {
                byte[] leaf = CanonicalRow.leafHash(row);
                tree.append(leaf, stored);
                leaves.add(new Object[] {tree.size(), UUID.fromString(row.get("id")), leaf});
            }
            if (!leaves.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO audit_log_leaf (seq, audit_id, leaf_hash) VALUES (?, ?, ?)", leaves);
            }
            subtrees.insert(nodes);
        } while (rows.size() == batchSize);
        if (tree.size() == before) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        SignedCheckpoint checkpoint = signer.sign(tree.size(), tree.root(), CanonicalRow.time(now));
        jdbc.update(
                "UPDATE audit_log_head SET size = ?, frontier = ?, last_checkpoint_at = ? WHERE id = 1",
                tree.size(),
                tree.frontierBytes(),
                now);
        jdbc.update(
                "INSERT INTO audit_checkpoint (size, root_hash, origin, created_at, note) VALUES (?, ?, ?, ?, ?)",
                checkpoint.size(),
                checkpoint.root(),
                checkpoint.origin(),
                now,
                checkpoint.text());
        LOG.info(
                "Audit checkpoint {}: {} rows sequenced, root {}",
                checkpoint.size(),
                tree.size() - before,
                checkpoint.rootBase64());
        return checkpoint;
    }

    /**
     * A checkpoint that could not leave the box one way (routes/audit-log.yaml): it is signed and stored, and the next
     * checkpoint that does leave commits to it too; the other way out is still tried.
     */
    public void exportFailed(long size, String where, Exception cause) {
        // the cause and its root say what to fix (a mount, the broker); its stack trace, at every checkpoint for as
        // long as the broker is away, would not
        LOG.error(
                "Audit checkpoint {} could not be exported to {}: {}. It is signed and kept in the database; the next"
                        + " checkpoint that is exported covers its rows too",
                size,
                where,
                FailureText.withTypes(cause));
        LOG.debug("Audit checkpoint {} export failure", size, cause);
    }

    /**
     * A new checkpoint must extend the last one: the head it grows from has the last checkpoint's size and root. A
     * head that does not (edited or restored apart from the checkpoints) would make the service sign a history that
     * contradicts what it signed before, so it signs nothing until someone looks. Returns the time the last
     * checkpoint signed (null when there is none yet).
     */
    private OffsetDateTime refuseToForkFromTheLastCheckpoint(CompactTree tree) {
        List<Object[]> last =
                jdbc.query("SELECT size, root_hash, note FROM audit_checkpoint ORDER BY size DESC LIMIT 1", (rs, i) ->
                        new Object[] {rs.getLong("size"), rs.getBytes("root_hash"), rs.getString("note")});
        if (!last.isEmpty()
                && ((Long) last.get(0)[0] != tree.size() || !Arrays.equals((byte[]) last.get(0)[1], tree.root()))) {
            throw new Refused("The audit log's head (size " + tree.size()
                    + ((Long) last.get(0)[0] == tree.size()
                            ? ", root " + Base64.getEncoder().encodeToString(tree.root())
                            : "")
                    + ") is not the state of its last checkpoint (size " + last.get(0)[0] + ", root "
                    + Base64.getEncoder().encodeToString((byte[]) last.get(0)[1]) + ") (head_inconsistent)");
        }
        if (last.isEmpty()) {
            return null;
        }
        SignedCheckpoint note;
        OffsetDateTime signedAt;
        // the settle window counts from the time the last checkpoint signed, not from a column anyone can rewind
        // (the verifier holds every leaf to the same rule)
        try {
            note = SignedCheckpoint.parse((String) last.get(0)[2]);
            signedAt = OffsetDateTime.ofInstant(note.instant(), ZoneOffset.UTC);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new Refused("The audit log's last checkpoint (size " + last.get(0)[0] + ") cannot be read ("
                    + e.getMessage() + ")");
        }
        SignerMismatch mismatch = mismatch(note);
        if (mismatch != null) {
            throw mismatch;
        }
        return signedAt;
    }

    private static final String SIGNER_MISMATCH_ACTION = "Give every instance of this log the same"
            + " lineage.audit.signing-key-file (or signing-key) and lineage.audit.origin; after a key rotation, keep the"
            + " old public key in lineage.audit.previous-public-keys (an instance started without a key signs with one"
            + " made for its run: its public key is in the WARN line that run logged at start-up, and that instance's"
            + " GET /api/audit/public-key serves it). Signing on would leave checkpoints that the log's public key does"
            + " not verify (checkpoint_signature_invalid)";

    /**
     * Why this instance may not sign on from the checkpoint {@code last}, or null when it may: the note must name this
     * log's origin and be signed by the signing key or one it replaced (lineage.audit.previous-public-keys).
     */
    SignerMismatch mismatch(SignedCheckpoint last) {
        if (!last.origin().equals(signer.origin())) {
            return new SignerMismatch(
                    "The audit log's last checkpoint (size " + last.size() + ") is of the log \"" + last.origin()
                            + "\", not of this instance's lineage.audit.origin \"" + signer.origin() + "\"",
                    SIGNER_MISMATCH_ACTION);
        }
        if (!AuditKeys.verify(signer.verificationKeys(), last)) {
            String mine = signer.keySetting() == null
                    ? "this instance's signing key (key id " + signer.keyIdHex() + ", generated for this run: neither"
                            + " lineage.audit.signing-key nor lineage.audit.signing-key-file is set)"
                    : "this instance's signing key (key id " + signer.keyIdHex() + ", from " + signer.keySetting()
                            + ")";
            return new SignerMismatch(
                    "The audit log's last checkpoint (size " + last.size() + ") is signed with key id "
                            + java.util.HexFormat.of().formatHex(last.keyId()) + ", which is neither " + mine + " nor "
                            + (signer.previousKeys().isEmpty()
                                    ? "a previous key (lineage.audit.previous-public-keys is empty)"
                                    : "one of the " + signer.previousKeys().size()
                                            + " lineage.audit.previous-public-keys"),
                    SIGNER_MISMATCH_ACTION);
        }
        return null;
    }

    /**
     * At start-up, before the routes run: a key someone chose that does not verify the log's last checkpoint stops
     * start-up (a rolling deploy with the wrong key keeps the old instances serving and says why); a key made for
     * this run is said at once as an ERROR, and its checkpointer then signs nothing (every tick says it again).
     */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> last = jdbc.query(
                "SELECT note FROM audit_checkpoint ORDER BY size DESC LIMIT 1", (rs, i) -> rs.getString("note"));
        if (last.isEmpty()) {
            return;
        }
        SignerMismatch mismatch;
        try {
            mismatch = mismatch(SignedCheckpoint.parse(last.get(0)));
        } catch (IllegalArgumentException e) {
            // an unreadable note is the verifier's to name, and every tick says it (refuseToForkFromTheLastCheckpoint)
            return;
        }
        if (mismatch == null) {
            return;
        }
        if (signer.keySetting() != null) {
            throw mismatch;
        }
        LOG.error(mismatch.getMessage());
    }

    /**
     * The database alone is not the judge of what was signed: rolled back together with its checkpoints (a restored
     * dump, a superuser's rewrite), its head agrees with its own last checkpoint, and signing on would fork the log
     * and, at a size exported before, replace that exported file with the fork's. So a new checkpoint must also
     * extend the newest one that left the box: the log holds at least its rows, and the database's checkpoint of
     * that size is that one (docs/DESIGN-NOTES.md, "Proving the audit trail").
     */
    private void refuseToForkFromACheckpointThatLeftTheBox(CompactTree tree) {
        Exported exported = newestExported();
        if (exported == null) {
            return;
        }
        String where = exported.file() == null ? "signed by this instance" : "exported as " + exported.file();
        if (tree.size() < exported.size()) {
            throw new Refused("The audit log holds " + tree.size() + " rows, fewer than checkpoint " + exported.size()
                    + " (" + where + "): the database was restored to, or cut back to, an earlier state"
                    + " (database_rolled_back)");
        }
        List<byte[]> stored = jdbc.query(
                "SELECT root_hash FROM audit_checkpoint WHERE size = ?",
                (rs, i) -> rs.getBytes("root_hash"),
                exported.size());
        if (stored.isEmpty() || !Arrays.equals(stored.get(0), exported.root())) {
            throw new Refused("The database holds no checkpoint " + exported.size() + " with the root of the one "
                    + where + ": its log is not the history that was signed (database_rolled_back)");
        }
    }

    private Exported newestExported() {
        Exported known = newestExported;
        if (exportDir == null || (known != null && Files.exists(known.file()))) {
            return known;
        }
        try {
            known = newestSignedFile();
        } catch (IOException e) {
            // not a reason to stop signing: hold the log to what this instance knows, and look again next tick
            LOG.warn(
                    "The checkpoint directory {} cannot be read ({}); checking against it next tick",
                    exportDir,
                    e.toString());
            return known;
        }
        newestExported = known;
        return known;
    }

    /**
     * The export directory's newest note of this log (its origin, signed by its key or a previous one: a rotation
     * does not let the database fall behind what left the box before it); files that are not such a note are passed
     * over.
     */
    private Exported newestSignedFile() throws IOException {
        List<Path> files = CheckpointFiles.files(exportDir);
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            try {
                SignedCheckpoint note = SignedCheckpoint.parse(Files.readString(file));
                if (note.origin().equals(signer.origin()) && AuditKeys.verify(signer.verificationKeys(), note)) {
                    return new Exported(note.size(), note.root(), file);
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("Passing over {}: {}", file, e.getMessage());
            }
        }
        return null;
    }
}
