package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.RouteSql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The bound on a search of the whole audit trail (lineage.audit.search-timeout): on PostgreSQL the search's
 * transaction gets that statement timeout ({@code set-statement-timeout-postgresql.sql}, reset when the transaction
 * ends, so no pooled connection keeps it), and a statement the database cancelled for it becomes a 504
 * audit-search-timeout instead of a 500. A JSON page's select and each batch of rows an export fetches are bounded;
 * the export's total time is its client's pace, never bounded by this. H2 has no transaction-scoped statement
 * timeout: there searches are not bounded (docs/DESIGN-NOTES.md, "A bound on a search of the whole trail").
 */
@Component("auditSearchTimeout")
public class AuditSearchTimeout {

    /** The exchange property the timeout travels in, in milliseconds: the parameter of the SQL, and the mark. */
    public static final String PROPERTY = "statementTimeoutMs";

    static final String ADVICE = "Narrow the period (from/to) or add a filter (user_id, on_behalf_of, action,"
            + " lineage_id), or export the period in parts.";

    /** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (or by a cancel request). */
    static final String QUERY_CANCELED = "57014";

    private static final String SQL_FILE = "set-statement-timeout-postgresql.sql";

    private final Duration timeout;
    private final JsonColumns database;
    private final ResourceLoader resources;
    private final String sqlLocation;

    public AuditSearchTimeout(
            AuditProperties properties,
            JsonColumns database,
            ResourceLoader resources,
            @Value("${lineage.routes.sql}") String sqlLocation) {
        this.timeout = properties.getSearchTimeout();
        this.database = database;
        this.resources = resources;
        this.sqlLocation = sqlLocation;
    }

    /** A route step: the timeout for {@code set-statement-timeout-postgresql.sql}, which the route runs next. */
    public void limit(Exchange exchange) {
        exchange.setProperty(PROPERTY, timeout.toMillis());
    }

    /** The export's transaction on its own connection (autocommit off) gets the same timeout, on PostgreSQL. */
    void limitExport(Exchange exchange, Connection connection) throws SQLException, IOException {
        if (!database.isPostgres()) {
            return;
        }
        limit(exchange);
        RouteSql set = RouteSql.load(resources, sqlLocation, SQL_FILE);
        try (PreparedStatement statement = set.prepare(connection, Map.of(PROPERTY, timeout.toMillis()))) {
            statement.execute();
        }
    }

    /**
     * The routes' error handling: a failure of a search this bound applies to ({@code limited} is the property) that
     * the database cancelled becomes the 504; any other failure is returned as it is.
     */
    public Throwable explain(Throwable failure, Object limited) {
        if (limited == null || !cancelled(failure)) {
            return failure;
        }
        return new AuditSearchTimeoutException(timeout, failure);
    }

    /** Whether the database cancelled the statement (its timeout ran out), anywhere in the chain of causes. */
    static boolean cancelled(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** What an export that timed out between two batches of rows says in its last line. */
    String exportAdvice() {
        return "the database cancelled fetching the next rows after " + describe(timeout)
                + " (lineage.audit.search-timeout). " + ADVICE;
    }

    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
