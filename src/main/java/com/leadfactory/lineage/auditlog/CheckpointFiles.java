package com.leadfactory.lineage.auditlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checkpoints exported as files: one note a file, {@code <size, 20 digits>.checkpoint}, written under a dot-name
 * and renamed when complete (routes/audit-log.yaml).
 */
public final class CheckpointFiles {

    public static final String SUFFIX = ".checkpoint";

    private CheckpointFiles() {}

    public static String name(SignedCheckpoint checkpoint) {
        return String.format("%020d%s", checkpoint.size(), SUFFIX);
    }

    /** A finished export: named like one, and not a dot-file (the name a note has while it is written). */
    static boolean isCheckpoint(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && !name.startsWith(".");
    }

    /**
     * Refuses, at start-up, an export directory the service cannot write (a failed mount, a file where the directory
     * should be, a read-only volume): found only at the first checkpoint, a minute or more later, it would leave the
     * checkpoints in the database alone while the instance looked healthy. Made when it does not exist yet, as the
     * first export would; the check writes and removes a dot-file, which is never read as a checkpoint.
     */
    public static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".writable-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new IllegalStateException(
                    "lineage.audit.checkpoint-dir " + directory.toAbsolutePath()
                            + " cannot be written: " + e
                            + ". Mount or create it writable by the service, or unset the setting (README, \"Proving"
                            + " the audit trail\")",
                    e);
        }
    }

    public static List<AuditVerifier.ExportedCheckpoint> read(Path directory) throws IOException {
        List<AuditVerifier.ExportedCheckpoint> out = new ArrayList<>();
        for (Path file : files(directory)) {
            out.add(new AuditVerifier.ExportedCheckpoint(file.toString(), Files.readString(file)));
        }
        return out;
    }

    /** The finished exports in {@code directory}, smallest size first (the names sort as their sizes do). */
    static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(CheckpointFiles::isCheckpoint).sorted().toList();
        }
    }
}
