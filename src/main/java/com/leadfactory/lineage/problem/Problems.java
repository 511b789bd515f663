package com.leadfactory.lineage.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The problem any failure becomes: a {@link ProblemException} says so itself; a database that cannot be reached
 * (no connection, also when a transaction could not begin for want of one; or timed out) is a 503 to retry; anything else is a 500. Camel wraps what a bean or an expression threw, so the
 * cause chain is searched for the first failure that means something.
 */
public final class Problems {

    public static final Problem DATABASE_UNAVAILABLE = Problem.of(
            503,
            "database-unavailable",
            "Database unavailable",
            "The lineage database cannot be reached right now; nothing was stored. Retry later.");

    public static final Problem INTERNAL_ERROR = Problem.of(
            500,
            "internal-error",
            "Internal error",
            "The request failed on the server and nothing was stored; retry, and quote the request id if it persists.");

    private Problems() {}

    public static Problem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException known) {
                return known.problem();
            }
            if (t instanceof DataAccessException database) {
                return ofDatabase(database);
            }
            if (noConnection(t)) {
                return DATABASE_UNAVAILABLE;
            }
        }
        return INTERNAL_ERROR;
    }

    /**
     * A connection the database did not give: what a read transaction's begin throws (Spring's
     * CannotCreateTransactionException is no DataAccessException) with the pool's timeout, or the driver's SQLSTATE
     * class 08 (connection exception), as its cause.
     */
    private static boolean noConnection(Throwable t) {
        return t instanceof SQLTransientConnectionException
                || t instanceof SQLException sql
                        && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08");
    }

    /** The reason a failure is filed under in metrics and dead-letter headers: its problem type. */
    public static String reason(Throwable failure) {
        return of(failure).type().toLowerCase(Locale.ROOT);
    }

    /**
     * A database failure is a 503 when the database, not the statement, failed: no connection, a transient failure,
     * or a connection that broke under the statement (a pooled connection whose server process was ended: Spring
     * files SQLSTATE class 08 as a resource failure).
     */
    private static Problem ofDatabase(DataAccessException failure) {
        if (failure instanceof CannotGetJdbcConnectionException
                || failure instanceof TransientDataAccessException
                || failure instanceof DataAccessResourceFailureException) {
            return DATABASE_UNAVAILABLE;
        }
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (noConnection(t)) {
                return DATABASE_UNAVAILABLE;
            }
        }
        return INTERNAL_ERROR;
    }
}
