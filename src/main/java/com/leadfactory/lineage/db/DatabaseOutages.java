package com.leadfactory.lineage.db;

import com.leadfactory.lineage.problem.FailureText;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a scheduled sweep (a {@code timer:} route: reconciliation, retention, the storage measurement, the audit
 * checkpointer, OpenLineage delivery) says while the database does not answer: one WARN line when a sweep first
 * finds it away (what stopped, the cause, how often it tries again), DEBUG at every tick after it, and one INFO line
 * when the sweep reaches the database again, instead of a stack trace at every tick for as long as the outage lasts.
 * Each sweep keeps its own state, by name. Only a failure to reach the database is taken for an outage
 * ({@link #reachesNoDatabase}); anything else is thrown on to the route's error handling, stack trace and all. See
 * docs/DESIGN-NOTES.md, "A sweep while the database is away".
 */
@Component("databaseOutages")
public class DatabaseOutages {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutages.class);

    private final Clock clock;

    /** Sweep name → since when its ticks have not reached the database; no entry while they do. */
    private final Map<String, Instant> awaySince = new ConcurrentHashMap<>();

    @Autowired
    public DatabaseOutages() {
        this(Clock.systemUTC());
    }

    DatabaseOutages(Clock clock) {
        this.clock = clock;
    }

    /**
     * A failure to reach the database: no connection or transaction for the tick, or its connection broke under it
     * (a failed rollback, SQLState class 08), anywhere in the chain of causes.
     */
    static boolean reachesNoDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || (t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tick of {@code sweep} failed (the route's doCatch; it runs again every {@code interval}). A failure to reach
     * the database is logged as said above; anything else is thrown on as it came, for the route's error handling to
     * log with its stack trace.
     */
    public void failed(String sweep, String interval, Exception failure) throws Exception {
        if (!reachesNoDatabase(failure)) {
            throw failure;
        }
        if (awaySince.putIfAbsent(sweep, clock.instant()) == null) {
            LOG.warn(
                    "{} paused: the database does not answer ({}); will retry every {}, and say so once it answers",
                    sweep,
                    FailureText.of(failure),
                    interval);
        } else {
            LOG.debug("{} still paused: the database does not answer", sweep, failure);
        }
    }

    /** A tick of {@code sweep} reached the database: after an outage, one INFO line says the sweep goes on. */
    public void answers(String sweep) {
        Instant since = awaySince.remove(sweep);
        if (since != null) {
            LOG.info(
                    "{} resumed: the database answers again after {} s",
                    sweep,
                    Duration.between(since, clock.instant()).toSeconds());
        }
    }
}
