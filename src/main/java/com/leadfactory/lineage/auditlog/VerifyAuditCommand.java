package com.leadfactory.lineage.auditlog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar lineage-panel.jar verify-audit --public-key FILE|PEM [--public-key ...] [--checkpoints DIR]
 * [--settle-window DURATION] [--from SEQ] [--to SEQ]}: the verifier without the service, over plain JDBC to the
 * database named by SPRING_DATASOURCE_URL / USERNAME / PASSWORD; {@code --public-key} once for every key the log was
 * signed with (the current one and those it replaced). Exit 0 verified, 1 broken, 2 wrong usage or no database.
 */
public final class VerifyAuditCommand {

    public static final String NAME = "verify-audit";

    static final String USAGE = "usage: java -jar lineage-panel.jar verify-audit --public-key FILE|PEM"
            + " [--public-key FILE|PEM (a key used before a rotation)] [--checkpoints DIR] [--settle-window 5m]"
            + " [--from SEQ] [--to SEQ]\n"
            + "  database: SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD";

    private VerifyAuditCommand() {}

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> publicKeys = new ArrayList<>();
        String checkpoints = null;
        Duration settle = Duration.ofMinutes(5);
        Long from = null;
        Long to = null;
        if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        try {
            Set<String> given = new HashSet<>();
            for (int i = 1; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (args[i].startsWith("--") && !args[i].equals("--public-key") && !given.add(args[i])) {
                    // which directory, window or range would be meant is not for the verifier to guess (keys add up:
                    // a log signed before and after a key rotation needs both)
                    throw new IllegalArgumentException(args[i] + " is given more than once");
                }
                switch (args[i]) {
                    case "--public-key" -> publicKeys.add(required(args[i], value));
                    case "--checkpoints" -> checkpoints = required(args[i], value);
                    case "--settle-window" -> settle = settleWindow(required(args[i], value));
                    case "--from" -> from = sequence(args[i], required(args[i], value));
                    case "--to" -> to = sequence(args[i], required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (publicKeys.isEmpty()) {
                throw new IllegalArgumentException("--public-key is required");
            }
            if (from != null && to != null && to < from) {
                // as GET /api/audit/verify refuses it: an empty range would rehash nothing and still say "verified"
                throw new IllegalArgumentException("--to " + to + " is below --from " + from);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String url = env.get("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            err.println(NAME + ": SPRING_DATASOURCE_URL is not set");
            err.println(USAGE);
            return 2;
        }
        List<PublicKey> keys = new ArrayList<>();
        List<AuditVerifier.ExportedCheckpoint> exported;
        try {
            for (String publicKey : publicKeys) {
                keys.add(AuditKeys.fromPublicPem(
                        publicKey.contains("-----BEGIN") ? publicKey : Files.readString(Path.of(publicKey))));
            }
            exported = checkpoints == null ? List.of() : CheckpointFiles.read(Path.of(checkpoints));
            if (checkpoints != null && !Files.isDirectory(Path.of(checkpoints))) {
                throw new IOException("--checkpoints " + checkpoints + " is not a directory");
            }
        } catch (NoSuchFileException e) {
            err.println(NAME + ": no such file: " + e.getFile());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        }
        try (Connection connection = DriverManager.getConnection(
                url,
                env.getOrDefault("SPRING_DATASOURCE_USERNAME", ""),
                env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""))) {
            VerificationReport report = new AuditVerifier(keys, settle).verify(connection, exported, from, to);
            out.println(report.message());
            if (checkpoints != null && exported.isEmpty()) {
                // an empty directory (a failed mount, a wrong path) must not pass for a comparison that was made
                err.println(NAME + ": warning: " + checkpoints + " holds no exported checkpoint; the log was checked"
                        + " against the database's own checkpoints only");
            }
            return report.verified() ? 0 : 1;
        } catch (SQLException e) {
            err.println(NAME + ": the database at " + url + " cannot be read: " + e.getMessage());
            return 2;
        }
    }

    private static long sequence(String option, String value) {
        try {
            long sequence = Long.parseLong(value);
            // the first row of the log is 1, as GET /api/audit/verify takes it
            if (sequence >= 1) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " needs a sequence number (1 or more), not " + value);
    }

    private static Duration settleWindow(String value) {
        Duration window;
        try {
            window = duration(value);
        } catch (DateTimeParseException e) {
            window = null;
        }
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException(
                    "--settle-window needs a duration of 0 or more (30s, 5m, 1h, PT5M), not " + value);
        }
        return window;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** 30s, 5m, 1h, or ISO-8601 (PT5M). */
    static Duration duration(String text) {
        if (text.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(text);
    }
}
