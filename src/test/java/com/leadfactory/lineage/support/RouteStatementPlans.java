package com.leadfactory.lineage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.ExchangePropertyParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * PostgreSQL's plan for a statement of routes/sql as a route runs it: prepared and bound by the routes' own binding
 * ({@link ExchangePropertyParameters}, optional filters folded), with the exchange property {@code search} given.
 */
public final class RouteStatementPlans {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ExchangePropertyParameters BINDING = new ExchangePropertyParameters(',');

    private RouteStatementPlans() {}

    /** The executed plan (EXPLAIN ANALYZE, BUFFERS) of routes/sql/{@code file}: its root node. */
    public static JsonNode explain(Connection connection, String file, Map<String, Object> search) throws Exception {
        String sql = Files.readString(Path.of("routes", "sql", file)).replace(":#", ":?");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("search", search);
        String prepared = BINDING.prepareQuery(sql, true, exchange);
        if (prepared.contains(":?")) {
            throw new IllegalArgumentException(file + ": a parameter outside the convention of routes/sql/README.md");
        }
        int markers = (int) prepared.chars().filter(c -> c == '?').count();
        try (PreparedStatement explain =
                connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + prepared)) {
            BINDING.populateStatement(
                    explain, BINDING.createPopulateIterator(sql, prepared, markers, exchange, null), markers);
            try (ResultSet result = explain.executeQuery()) {
                result.next();
                return MAPPER.readTree(result.getString(1)).get(0).get("Plan");
            }
        }
    }
}
