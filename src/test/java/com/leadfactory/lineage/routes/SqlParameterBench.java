package com.leadfactory.lineage.routes;

import com.leadfactory.lineage.support.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost of the SQL parameter convention (routes/sql/README.md): the same one-row select by id, its parameter
 * bound from a header ({@code :#id}, the old way) and from an exchange property ({@code :#${exchangeProperty.id}}),
 * in alternating rounds in one run, one connection.
 *
 * <pre>./mvnw test -Dlineage.test.excludedGroups= -Dtest=SqlParameterBench -Djacoco.skip=true</pre>
 */
@Tag("bench")
class SqlParameterBench {

    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void headerVersusExchangeProperty(String database) throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setMaximumPoolSize(1);
            if (database.equals("h2")) {
                dataSource.setJdbcUrl(TestDatabases.h2Memory("lineage_sql_bench"));
            } else {
                dataSource.setJdbcUrl(TestDatabases.freshPostgres("lineage_sql_bench"));
                dataSource.setUsername("postgres");
            }
            UUID id = UUID.randomUUID();
            try (var connection = dataSource.getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bench (id UUID PRIMARY KEY, name VARCHAR(32))");
                statement.execute("INSERT INTO bench VALUES ('" + id + "', 'one')");
            }
            CamelContext camel = new DefaultCamelContext();
            camel.getRegistry().bind("benchDataSource", dataSource);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:header")
                            .to("sql:SELECT name FROM bench WHERE id = :#id"
                                    + "?dataSource=#benchDataSource&outputType=SelectOne");
                    from("direct:property")
                            .to("sql:SELECT name FROM bench WHERE id = :#${exchangeProperty.id}"
                                    + "?dataSource=#benchDataSource&outputType=SelectOne");
                }
            });
            camel.start();
            try (ProducerTemplate producer = camel.createProducerTemplate()) {
                long header = 0;
                long property = 0;
                for (int round = 0; round <= ROUNDS; round++) {
                    long h = time(() ->
                            producer.send("direct:header", e -> e.getMessage().setHeader("id", id)));
                    long p = time(() -> producer.send("direct:property", e -> e.setProperty("id", id)));
                    if (round > 0) { // round 0 warms up
                        header += h;
                        property += p;
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "BENCH %s: header %.1f us/query, exchange property %.1f us/query, property / header = %.3f%n",
                        database,
                        header / 1000.0 / (ROUNDS * PER_ROUND),
                        property / 1000.0 / (ROUNDS * PER_ROUND),
                        (double) property / header);
            } finally {
                camel.close();
            }
        }
    }

    private static long time(Runnable query) {
        long start = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            query.run();
        }
        return System.nanoTime() - start;
    }
}
