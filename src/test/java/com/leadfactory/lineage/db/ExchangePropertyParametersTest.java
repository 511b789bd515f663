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

/**
 * The fast binding gives every statement of routes/sql what camel-sql's own strategy gives it, with its optional
 * filters folded: {@code (CAST(x AS t) IS NULL OR condition)} becomes {@code (condition)} when x has a value and
 * {@code TRUE} when it has none (that it answers the same rows: OptionalFiltersPostgresTest).
 */
class ExchangePropertyParametersTest {

    /** The null test of an optional filter as camel-sql prepares it. */
    private static final Pattern NULL_TEST = Pattern.compile(
            "\\(\\s*CAST\\(\\?\\s+AS\\s+[A-Za-z][A-Za-z ]*(\\(\\d+\\))?\\s*\\)\\s+IS\\s+NULL\\s+OR\\s+",
            Pattern.CASE_INSENSITIVE);

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
        int folded = 0;
        for (Path file : files) {
            String query = Files.readString(file).replace(":#", ":?");
            if (!query.contains(":?")) {
                continue;
            }
            Exchange exchange = exchangeWithEveryPropertyOf(query);
            String prepared = camelSql.prepareQuery(query, true, exchange);
            List<Object> camelValues = values(camelSql.createPopulateIterator(query, prepared, 0, exchange, null));
            // every filter is on: each optional filter's null test goes, its condition stays in its parentheses
            Matcher test = NULL_TEST.matcher(prepared);
            List<Integer> tests = new ArrayList<>();
            while (test.find()) {
                tests.add((int) prepared.substring(0, test.start())
                        .chars()
                        .filter(c -> c == '?')
                        .count());
            }
            for (int i = tests.size() - 1; i >= 0; i--) {
                camelValues.remove((int) tests.get(i));
            }

            assertThat(fast.prepareQuery(query, true, exchange))
                    .as(file.toString())
                    .isEqualTo(NULL_TEST.matcher(prepared).replaceAll("("));
            assertThat(values(fast.createPopulateIterator(
                            query, prepared, 0, exchange, exchange.getMessage().getBody())))
                    .as(file.toString())
                    .containsExactlyElementsOf(camelValues);
            assertThat(fast.prepareQuery(query, true, null))
                    .as("without an exchange (counting parameters): the whole statement")
                    .isEqualTo(prepared);
            bound++;
            folded += tests.isEmpty() ? 0 : 1;
        }
        assertThat(bound).isGreaterThan(10);
        assertThat(folded).as("statements with optional filters").isGreaterThanOrEqualTo(3);
    }

    @Test
    void anOptionalFilterWithoutAValueIsTrueAndItsParametersAreNotBound() throws Exception {
        String query = "SELECT id FROM t WHERE (CAST(:?${exchangeProperty.s[a]} AS UUID) IS NULL"
                + " OR a = :?${exchangeProperty.s[a]})"
                + " AND (CAST(:?${exchangeProperty.s[after]} AS TIMESTAMP WITH TIME ZONE) IS NULL"
                + " OR (at, id) < (:?${exchangeProperty.s[after]}, CAST(:?${exchangeProperty.s[after_id]} AS UUID)))"
                + " AND (CAST(:?${exchangeProperty.s[name]} AS VARCHAR(255)) IS NULL OR name = :?${exchangeProperty.s[name]}"
                + " OR alias = :?${exchangeProperty.s[name]})"
                + " LIMIT :?${exchangeProperty.s[fetch]}";
        Exchange exchange = new DefaultExchange(camel);
        Map<String, Object> search = new HashMap<>();
        search.put("after", "t1");
        search.put("after_id", "i1");
        search.put("name", "n");
        search.put("fetch", 51);
        exchange.setProperty("s", search);

        assertThat(fast.prepareQuery(query, true, exchange))
                .isEqualTo("SELECT id FROM t WHERE TRUE AND ((at, id) < (?, CAST(? AS UUID))) AND (name = ?"
                        + " OR alias = ?) LIMIT ?");
        assertThat(values(fast.createPopulateIterator(query, null, 12, exchange, null)))
                .containsExactly("t1", "i1", "n", "n", 51);

        search.put("a", "x");
        search.remove("after");
        search.remove("name");
        assertThat(fast.prepareQuery(query, true, exchange))
                .as("another combination, another statement")
                .isEqualTo("SELECT id FROM t WHERE (a = ?) AND TRUE AND TRUE LIMIT ?");
        assertThat(values(fast.createPopulateIterator(query, null, 12, exchange, null)))
                .containsExactly("x", 51);
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
