package com.leadfactory.lineage.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;

/**
 * camel-sql's parameter binding for the one parameter form of routes/sql ({@code :#${exchangeProperty.name}} and
 * {@code :#${exchangeProperty.name[key]}}, routes/sql/README.md), read straight from the exchange instead of
 * through the simple language.
 *
 * <p>Why (docs/DESIGN-NOTES.md, "Prepared statements"): camel-sql's default strategy, for every parameter of
 * every execution, rescans the statement with regular expressions, tries to convert the message body to a
 * {@code Map} twice and evaluates a simple expression; with 10 to 22 parameters a statement that was a fifth of
 * a read's CPU. Here each statement text is parsed once; a statement with any other parameter form (a header
 * name, an {@code in:} list, a nested expression) is left to camel-sql's own strategy, unchanged.
 */
public class ExchangePropertyParameters extends DefaultSqlPrepareStatementStrategy {

    /** The named parameter markers camel-sql leaves once its placeholder is replaced, in order. */
    private static final Pattern MARKER = Pattern.compile(":\\?(in:)?(\\w+|\\$\\{[^}]*}|\\$simple\\{[^}]*})");

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{exchangeProperty\\.(\\w+)(?:\\[(\\w+)])?}");

    private final Map<String, Optional<Statement>> statements = new ConcurrentHashMap<>();

    /** A statement's text with its markers replaced by {@code ?}, and where each parameter's value comes from. */
    private record Statement(String prepared, List<Parameter> parameters) {}

    /** One parameter: an exchange property, or one entry of a property holding a {@code Map}. */
    private record Parameter(String property, String key) {

        Object value(Exchange exchange) {
            Object value = exchange.getProperty(property);
            if (key == null) {
                return value;
            }
            return value instanceof Map<?, ?> map ? map.get(key) : null;
        }
    }

    public ExchangePropertyParameters(char separator) {
        super(separator);
    }

    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange) throws SQLException {
        Optional<Statement> statement = allowNamedParameters ? parsed(query) : Optional.empty();
        return statement.isPresent()
                ? statement.get().prepared()
                : super.prepareQuery(query, allowNamedParameters, exchange);
    }

    @Override
    public Iterator<?> createPopulateIterator(
            String query, String preparedQuery, int expectedParams, Exchange exchange, Object value)
            throws SQLException {
        Optional<Statement> statement = parsed(query);
        if (statement.isEmpty()) {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value);
        }
        List<Parameter> parameters = statement.get().parameters();
        List<Object> values = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            values.add(parameter.value(exchange));
        }
        return values.iterator();
    }

    private Optional<Statement> parsed(String query) {
        return statements.computeIfAbsent(query, ExchangePropertyParameters::parse);
    }

    /** Empty unless every marker is an exchange property (or an entry of one) and nothing else has a '?'. */
    static Optional<Statement> parse(String query) {
        List<Parameter> parameters = new ArrayList<>();
        StringBuilder prepared = new StringBuilder();
        Matcher marker = MARKER.matcher(query);
        while (marker.find()) {
            Matcher property = PROPERTY.matcher(marker.group(2));
            if (marker.group(1) != null || !property.matches()) {
                return Optional.empty();
            }
            parameters.add(new Parameter(property.group(1), property.group(2)));
            marker.appendReplacement(prepared, "?");
        }
        marker.appendTail(prepared);
        long questionMarks = query.chars().filter(c -> c == '?').count();
        if (parameters.isEmpty() || questionMarks != parameters.size()) {
            return Optional.empty(); // no named parameters, or a '?' of another kind: camel-sql's own parsing
        }
        return Optional.of(new Statement(prepared.toString(), List.copyOf(parameters)));
    }
}
