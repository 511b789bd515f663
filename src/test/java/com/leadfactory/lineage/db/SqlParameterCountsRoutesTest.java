package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.H2ApiTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.component.sql.SqlHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every statement in routes/sql gets its parameter count from the text, and it is the driver's own count. */
class SqlParameterCountsRoutesTest extends H2ApiTestBase {

    @Autowired
    CamelContext camelContext;

    @Autowired
    DataSource dataSource;

    @Test
    void everyShippedStatementWithParametersIsCountedAsTheDriverCountsIt() throws Exception {
        int counted = countedAsTheDriverCounts(camelContext, dataSource, file -> !file.endsWith("-postgresql.sql"));
        assertThat(counted).isGreaterThan(10);
    }

    /**
     * Checks the files of routes/sql the filter takes against the database behind {@code dataSource} (a file for
     * one database only is checked on that database: {@code SqlParameterCountsPostgresTest}); returns how many had
     * parameters.
     */
    static int countedAsTheDriverCounts(CamelContext camelContext, DataSource dataSource, Predicate<String> which)
            throws Exception {
        String location = camelContext.resolvePropertyPlaceholders("{{lineage.routes.sql}}");
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes", "sql"))) {
            files = listing.filter(f -> f.toString().endsWith(".sql"))
                    .filter(f -> which.test(f.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        int counted = 0;
        for (Path file : files) {
            SqlEndpoint endpoint =
                    camelContext.getEndpoint("sql:" + location + "/" + file.getFileName(), SqlEndpoint.class);
            String text = SqlHelper.resolveQuery(camelContext, endpoint.getQuery(), endpoint.getPlaceholder());
            if (!text.contains(":?")) {
                assertThat(endpoint.getParametersCount()).as(file.toString()).isZero();
                continue;
            }
            String prepared = new DefaultSqlPrepareStatementStrategy().prepareQuery(text, true, null);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(prepared)) {
                assertThat(endpoint.getParametersCount())
                        .as("%s: parameters counted from the text (0: not countable, see SqlParameterCounts)", file)
                        .isEqualTo(statement.getParameterMetaData().getParameterCount());
            }
            counted++;
        }
        return counted;
    }

    @Test
    void theRoutesOwnEndpointsCarryTheirCount() {
        List<SqlEndpoint> endpoints = camelContext.getEndpoints().stream()
                .filter(SqlEndpoint.class::isInstance)
                .map(SqlEndpoint.class::cast)
                .filter(e -> e.getEndpointUri().contains("insert-audit-row.sql"))
                .toList();
        assertThat(endpoints)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getParametersCount()).isPositive());
    }
}
