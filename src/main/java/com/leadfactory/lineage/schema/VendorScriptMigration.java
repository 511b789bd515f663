package com.leadfactory.lineage.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * One migration version whose statements are partly the same on both databases and partly not (a trigger is
 * PL/pgSQL on PostgreSQL and a Java {@code org.h2.api.Trigger} on H2). A subclass in package
 * {@code db.migration.common} named like a migration ({@code V7__legal_holds}) runs, in this order and in one
 * transaction, the scripts in the resource folder {@code db/migration/vendor-specific/} of the same name:
 *
 * <ol>
 *   <li>{@code shared.sql}: what both databases run, with the type placeholders;
 *   <li>{@code postgresql.sql} or {@code h2.sql}: the statements of the database it runs on.
 * </ol>
 *
 * A missing script is nothing to run. The checksum covers all the scripts (for every database), so Flyway's
 * validation refuses an edited released migration exactly as it does for a plain SQL file. How to write one:
 * {@code db/migration/README.md}.
 */
public abstract class VendorScriptMigration extends BaseJavaMigration {

    static final List<String> SCRIPTS =
            List.of("shared", DatabaseVendor.POSTGRESQL.folder(), DatabaseVendor.H2.folder());
    /** Outside Flyway's locations, so Flyway does not take the scripts for badly named SQL migrations. */
    static final String FOLDER = "db/migration/vendor-specific/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DatabaseVendor vendor = DatabaseVendor.of(connection);
        Map<String, String> placeholders = new HashMap<>(vendor.placeholders());
        placeholders.putAll(context.getConfiguration().getPlaceholders());
        for (String name : List.of("shared", vendor.folder())) {
            String script = script(name);
            if (script != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(replacePlaceholders(name, script, placeholders));
                } catch (SQLException e) {
                    throw new SQLException(
                            location(name) + " failed: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        for (String name : SCRIPTS) {
            String script = script(name);
            if (script != null) {
                crc.update((name + "\n" + script).getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    /** The script's text with line ends normalised, or null when this migration has none of that name. */
    String script(String name) {
        String path = location(name);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    String location(String name) {
        return FOLDER + getClass().getSimpleName() + "/" + name + ".sql";
    }

    private String replacePlaceholders(String name, String script, Map<String, String> placeholders) {
        Matcher matcher = PLACEHOLDER.matcher(script);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(location(name) + ": no value for placeholder ${" + matcher.group(1)
                        + "}; known: " + placeholders.keySet());
            }
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(replaced);
        return replaced.toString();
    }
}
