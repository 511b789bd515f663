package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast binding gives every statement of routes/sql exactly what camel-sql's own strategy gives it. */
class ExchangePropertyParametersTest {

    private static final Pattern PROPERTY = Pattern.compile("exchangeProperty\\.(\\w+)(?:\\[(\\w+)])?");

    private static CamelContext camel;

    private final ExchangePropertyParameters fast = new ExchangePropertyParameters(',');
    private final DefaultSqlPrepareStatementStrategy camelSql = new DefaultSqlPrepareStatementStrategy(',');

    @BeforeAll
    static void camel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void everyShippedStatementIsBoundAsCamelSqlBindsIt() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes", "sql"))) {
            files = listing.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
        int bound = 0;
        for (Path file : files) {
            String query = Files.readString(file).replace(":#", ":?");
            if (!query.contains(":?")) {
                continue;
            }
            Exchange exchange = exchangeWithEveryPropertyOf(query);
            String prepared = camelSql.prepareQuery(query, true, exchange);

            assertThat(fast.prepareQuery(query, true, exchange))
                    .as(file.toString())
                    .isEqualTo(prepared);
            assertThat(values(fast.createPopulateIterator(
                            query, prepared, 0, exchange, exchange.getMessage().getBody())))
                    .as(file.toString())
                    .containsExactlyElementsOf(
                            values(camelSql.createPopulateIterator(query, prepared, 0, exchange, null)));
            bound++;
        }
        assertThat(bound).isGreaterThan(10);
    }

    @Test
    void aMissingPropertyOrEntryBindsNull() throws Exception {
        String query = "SELECT 1 FROM t WHERE a = :?${exchangeProperty.absent} AND b = :?${exchangeProperty.search[x]}";
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("search", Map.of("y", 1));

        assertThat(values(fast.createPopulateIterator(query, null, 2, exchange, null)))
                .containsExactly(null, null);
        assertThat(fast.prepareQuery(query, true, exchange)).isEqualTo("SELECT 1 FROM t WHERE a = ? AND b = ?");
    }

    @Test
    void otherParameterFormsAreLeftToCamelSql() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("id", "h");
        exchange.setProperty("ids", List.of("a", "b"));

        assertThat(ExchangePropertyParameters.parse("SELECT * FROM t WHERE id = :?id"))
                .isEmpty();
        assertThat(ExchangePropertyParameters.parse("SELECT * FROM t WHERE id IN (:?in:${exchangeProperty.ids})"))
                .isEmpty();
        assertThat(ExchangePropertyParameters.parse("SELECT '?' FROM t WHERE id = :?${exchangeProperty.id}"))
                .as("a question mark of another kind")
                .isEmpty();
        assertThat(ExchangePropertyParameters.parse("SELECT 1")).isEmpty();
        assertThat(values(fast.createPopulateIterator("SELECT * FROM t WHERE id = :?id", "", 1, exchange, null)))
                .containsExactly("h");
        assertThat(fast.prepareQuery("SELECT * FROM t WHERE id IN (:?in:${exchangeProperty.ids})", true, exchange))
                .isEqualTo("SELECT * FROM t WHERE id IN (?,?)");
    }

    /** Each property the statement names, with distinct values (a map for a property[key] form). */
    private static Exchange exchangeWithEveryPropertyOf(String query) {
        Exchange exchange = new DefaultExchange(camel);
        Matcher matcher = PROPERTY.matcher(query);
        while (matcher.find()) {
            String property = matcher.group(1);
            if (matcher.group(2) == null) {
                exchange.setProperty(property, UUID.randomUUID().toString());
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> map =
                        (Map<String, Object>) exchange.getProperty(property, new HashMap<String, Object>(), Map.class);
                map.put(matcher.group(2), UUID.randomUUID().toString());
                exchange.setProperty(property, map);
            }
        }
        exchange.getMessage().setBody(Map.of("unrelated", "body"));
        return exchange;
    }

    private static List<Object> values(Iterator<?> iterator) {
        List<Object> values = new ArrayList<>();
        iterator.forEachRemaining(values::add);
        return values;
    }
}
