package com.leadfactory.lineage.availability;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code db} in /actuator/health and the readiness group, in place of Spring's own: UP while a pooled connection
 * answers, DOWN otherwise, said in the log once ({@link ProbedDependency}).
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator {

    private static final int VALID_SECONDS = 2;

    private final DataSource dataSource;
    private final ProbedDependency database = new ProbedDependency("the database");

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_SECONDS)) {
                return database.away(new SQLException("a connection did not answer within " + VALID_SECONDS + " s"));
            }
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException | RuntimeException e) {
            return database.away(e);
        }
        return database.answers().withDetail("database", product).build();
    }
}
