package com.leadfactory.lineage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The read benchmark's rows, made by the same SQL file pgbench's side uses (bench/pgbench/generate-million.sql):
 * report generations and their lineage rows, every 100th of them of {@link #HOT_LEAD}. PostgreSQL only.
 */
public final class GeneratedLineage {

    public static final UUID HOT_LEAD = UUID.fromString("00000000-0000-4000-8000-00000000beef");

    private static final Path SCRIPT = Path.of("bench", "pgbench", "generate-million.sql");

    private GeneratedLineage() {}

    /** Inserts {@code rows} report generations and lineage rows and analyzes both tables. */
    public static void insert(Connection connection, int rows) throws SQLException {
        String script;
        try {
            script = Files.readString(SCRIPT).replaceAll("(?m)^--.*$", "").replace(":rows", Integer.toString(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
