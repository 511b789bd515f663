package com.leadfactory.lineage.availability;

import java.sql.SQLException;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Start-up without the database or the broker: Spring's report ("APPLICATION FAILED TO START") says which one did
 * not answer, at which address, why, and which settings to check, in place of a hundred lines of bean-creation
 * stack trace whose reason sits at the bottom. The process still exits (the platform's restart policy tries again,
 * README "Deploying"); the stack trace is logged at DEBUG.
 */
public class DependencyFailureAnalyzer implements FailureAnalyzer {

    private static final String DATABASE_SETTINGS =
            "spring.datasource.url, username and password (SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME,"
                    + " SPRING_DATASOURCE_PASSWORD)";
    private static final String BROKER_SETTINGS =
            "spring.rabbitmq.host, port, username, password and virtual-host" + " (SPRING_RABBITMQ_HOST, ...)";

    private final Environment environment;

    public DependencyFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable root = root(failure);
        AmqpAuthenticationException refusedLogin = find(failure, AmqpAuthenticationException.class);
        if (refusedLogin != null) {
            return new FailureAnalysis(
                    "The broker at " + broker() + " refused the login at start-up: " + root.getMessage(),
                    "Check " + BROKER_SETTINGS + ". Queue ingest (lineage.ingest.rabbitmq.enabled=true) needs the"
                            + " broker at start-up to declare its queues.",
                    failure);
        }
        if (find(failure, AmqpConnectException.class) != null) {
            return new FailureAnalysis(
                    "The broker at " + broker() + " does not answer at start-up: " + root,
                    "Start the broker or check " + BROKER_SETTINGS + ". Queue ingest"
                            + " (lineage.ingest.rabbitmq.enabled=true) needs it at start-up to declare its queues;"
                            + " a restart policy starts the service again, and an outage once it runs is waited"
                            + " out.",
                    failure);
        }
        SQLException connecting = connectionFailure(failure);
        if (connecting != null || find(failure, CannotGetJdbcConnectionException.class) != null) {
            String cause = connecting != null ? connecting.getMessage() : root.toString();
            return new FailureAnalysis(
                    "The database at " + environment.getProperty("spring.datasource.url", "(embedded H2)")
                            + " does not answer at start-up: " + cause,
                    "Start the database or check " + DATABASE_SETTINGS + ". The service needs it at start-up"
                            + " (Flyway migrates the schema); a restart policy starts the service again, and an"
                            + " outage once it runs is waited out.",
                    failure);
        }
        return null;
    }

    private String broker() {
        String host = environment.getProperty("spring.rabbitmq.host", "localhost");
        String port = environment.getProperty("spring.rabbitmq.port", "5672");
        String virtualHost = environment.getProperty("spring.rabbitmq.virtual-host", "/");
        return host + ":" + port + " (virtual host " + virtualHost + ")";
    }

    /** A SQLException that says the connection itself failed: SQLSTATE class 08, 28 (credentials), 3D (no such db). */
    private static SQLException connectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
                    return sql;
                }
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        return root;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
