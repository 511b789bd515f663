package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.AuditLogProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export directory the service cannot write stops start-up naming the setting, instead of the first checkpoint. */
class CheckpointDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void aDirectoryThatCannotBeWrittenStopsStartUpNamingTheSetting() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "a failed mount, a wrong path");
        for (Path unwritable : new Path[] {file, file.resolve("checkpoints")}) {
            assertThatThrownBy(() -> checkpointerExportingTo(unwritable))
                    .as(unwritable.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lineage.audit.checkpoint-dir")
                    .hasMessageContaining(unwritable.toString());
        }
    }

    @Test
    void aMissingDirectoryIsMadeAndTheCheckLeavesNothingBehind() throws Exception {
        Path exports = directory.resolve("mnt").resolve("audit-checkpoints");

        checkpointerExportingTo(exports);

        assertThat(exports).isDirectory();
        try (Stream<Path> files = Files.list(exports)) {
            assertThat(files).isEmpty();
        }
    }

    private static AuditCheckpointer checkpointerExportingTo(Path dir) {
        AuditLogProperties properties = new AuditLogProperties();
        properties.setCheckpointDir(dir.toString());
        return new AuditCheckpointer(null, null, new AuditSigner(new AuditLogProperties()), null, properties);
    }
}
