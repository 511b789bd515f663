package com.leadfactory.lineage.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Does the lineage database answer right now? Asked when a queued capture fails (to tell an outage from a failure
 * of that message) and, while the consumers are paused, to know when to resume them.
 */
@Component
public class DatabaseProbe {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final int VALID_SECONDS = 5;

    private final DataSource dataSource;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_SECONDS);
        } catch (SQLException | RuntimeException e) {
            log.debug("The database does not answer: {}", e.toString());
            return false;
        }
    }
}
