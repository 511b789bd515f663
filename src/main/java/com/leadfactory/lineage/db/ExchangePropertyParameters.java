package com.leadfactory.lineage.db;

import java.sql.PreparedStatement;
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
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;

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
 *
 * <p>An optional filter, written {@code (CAST(:#${...} AS type) IS NULL OR condition)}, is folded before the
 * statement is prepared: to {@code TRUE} when its parameter is null, to {@code (condition)} otherwise, which is
 * what the expression means in either case. Why (docs/DESIGN-NOTES.md, "Optional filters folded before
 * preparing"): unfolded, PostgreSQL could only plan such a statement well with the values in hand, so it planned
 * every execution again (a search page: 0.1 ms of planning beside 0.07 ms of execution), and its generic plan,
 * which it may switch to at any time, scans the whole table. Folded, each combination of filters in use is its own
 * statement, prepared once per connection with a plan that uses its indexes.
 */
public class ExchangePropertyParameters extends DefaultSqlPrepareStatementStrategy {

    /** The named parameter markers camel-sql leaves once its placeholder is replaced, in order. */
    private static final Pattern MARKER = Pattern.compile(":\\?(in:)?(\\w+|\\$\\{[^}]*}|\\$simple\\{[^}]*})");

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{exchangeProperty\\.(\\w+)(?:\\[(\\w+)])?}");

    /** The head of an optional filter: its opening parenthesis, the parameter tested for null, the OR. */
    private static final Pattern OPTIONAL = Pattern.compile(
            "\\(\\s*CAST\\(\\s*(:\\?\\$\\{[^}]*})\\s+AS\\s+[A-Za-z][A-Za-z ]*(?:\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?\\s*\\)"
                    + "\\s+IS\\s+NULL\\s+OR\\s",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, Optional<Statement>> statements = new ConcurrentHashMap<>();

    /**
     * A statement's text with its markers replaced by {@code ?}, where each parameter's value comes from, and its
     * pieces: fixed text and optional filters, from which the text for one exchange's values is put together.
     */
    private record Statement(String prepared, List<Parameter> parameters, List<Piece> pieces, Map<Long, Shape> shapes) {

        boolean hasOptionalFilters() {
            return pieces.size() > 1;
        }

        /** The statement for these values: each optional filter folded. */
        Shape shape(Exchange exchange) {
            long on = 0;
            int bit = 0;
            for (Piece piece : pieces) {
                if (piece.test() != null) {
                    if (piece.test().value(exchange) != null) {
                        on |= 1L << bit;
                    }
                    bit++;
                }
            }
            return shapes.computeIfAbsent(on, this::fold);
        }

        private Shape fold(long on) {
            StringBuilder text = new StringBuilder();
            List<Parameter> bound = new ArrayList<>();
            int bit = 0;
            for (Piece piece : pieces) {
                if (piece.test() == null) {
                    text.append(piece.text());
                    bound.addAll(piece.parameters());
                } else if ((on & (1L << bit++)) != 0) {
                    text.append('(').append(piece.text()).append(')');
                    bound.addAll(piece.parameters());
                } else {
                    text.append("TRUE");
                }
            }
            return new Shape(text.toString(), List.copyOf(bound));
        }
    }

    /**
     * Fixed text ({@code test} null), or an optional filter's condition, kept while {@code test} has a value.
     * {@code text} has its markers replaced by {@code ?}.
     */
    private record Piece(Parameter test, String text, List<Parameter> parameters) {}

    /** One statement as prepared for some exchanges' values, and the parameters it binds. */
    private record Shape(String prepared, List<Parameter> parameters) {}

    /** The values of a folded statement: bound as they are, however many the unfolded statement counted. */
    private static final class ShapeValues implements Iterator<Object> {

        private final Object[] values;
        private int next;

        ShapeValues(Object[] values) {
            this.values = values;
        }

        @Override
        public boolean hasNext() {
            return next < values.length;
        }

        @Override
        public Object next() {
            if (next == values.length) {
                throw new java.util.NoSuchElementException();
            }
            return values[next++];
        }
    }

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

    /**
     * The statement for this exchange, its optional filters folded; without an exchange (counting parameters at
     * start-up), the whole statement.
     */
    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange) throws SQLException {
        Optional<Statement> statement = allowNamedParameters ? parsed(query) : Optional.empty();
        if (statement.isEmpty()) {
            return super.prepareQuery(query, allowNamedParameters, exchange);
        }
        return exchange != null && statement.get().hasOptionalFilters()
                ? statement.get().shape(exchange).prepared()
                : statement.get().prepared();
    }

    @Override
    public Iterator<?> createPopulateIterator(
            String query, String preparedQuery, int expectedParams, Exchange exchange, Object value)
            throws SQLException {
        Optional<Statement> statement = parsed(query);
        if (statement.isEmpty()) {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value);
        }
        if (exchange != null && statement.get().hasOptionalFilters()) {
            List<Parameter> parameters = statement.get().shape(exchange).parameters();
            Object[] values = new Object[parameters.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = parameters.get(i).value(exchange);
            }
            return new ShapeValues(values);
        }
        List<Parameter> parameters = statement.get().parameters();
        List<Object> values = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            values.add(parameter.value(exchange));
        }
        return values.iterator();
    }

    /**
     * A folded statement binds fewer values than the whole statement has markers, the count camel-sql was given
     * ({@link SqlParameterCounts}): its values are bound as they are.
     */
    @Override
    public void populateStatement(PreparedStatement ps, Iterator<?> iterator, int expectedParams) throws SQLException {
        if (iterator instanceof ShapeValues shape) {
            new ArgumentPreparedStatementSetter(shape.values).setValues(ps);
            return;
        }
        super.populateStatement(ps, iterator, expectedParams);
    }

    private Optional<Statement> parsed(String query) {
        return statements.computeIfAbsent(query, ExchangePropertyParameters::parse);
    }

    /** Empty unless every marker is an exchange property (or an entry of one) and nothing else has a '?'. */
    static Optional<Statement> parse(String query) {
        Optional<Piece> whole = piece(null, query);
        long questionMarks = query.chars().filter(c -> c == '?').count();
        if (whole.isEmpty()
                || whole.get().parameters().isEmpty()
                || questionMarks != whole.get().parameters().size()) {
            return Optional.empty(); // no named parameters, or a '?' of another kind: camel-sql's own parsing
        }
        List<Piece> pieces = pieces(query);
        if (pieces.isEmpty()) {
            pieces = List.of(whole.get());
        }
        return Optional.of(new Statement(
                whole.get().text(), whole.get().parameters(), List.copyOf(pieces), new ConcurrentHashMap<>()));
    }

    /** The fixed text and optional filters of a statement, or empty when one of them cannot be parsed. */
    private static List<Piece> pieces(String query) {
        List<Piece> pieces = new ArrayList<>();
        Matcher head = OPTIONAL.matcher(query);
        int from = 0;
        while (head.find(from)) {
            int close = closingParenthesis(query, head.start());
            Optional<Piece> before = piece(null, query.substring(from, head.start()));
            Optional<Piece> test = piece(null, head.group(1));
            if (close < 0 || before.isEmpty() || test.isEmpty()) {
                return List.of();
            }
            Optional<Piece> condition = piece(test.get().parameters().get(0), query.substring(head.end(), close));
            if (condition.isEmpty()) {
                return List.of();
            }
            pieces.add(before.get());
            pieces.add(condition.get());
            from = close + 1;
        }
        if (pieces.isEmpty() || pieces.size() / 2 > Long.SIZE) {
            return List.of(); // none, or more than a shape's key can tell apart: the statement stays whole
        }
        Optional<Piece> rest = piece(null, query.substring(from));
        if (rest.isEmpty()) {
            return List.of();
        }
        pieces.add(rest.get());
        return pieces;
    }

    /** A fragment's text with its markers replaced by '?', or empty when a marker is not an exchange property. */
    private static Optional<Piece> piece(Parameter test, String fragment) {
        List<Parameter> parameters = new ArrayList<>();
        StringBuilder prepared = new StringBuilder();
        Matcher marker = MARKER.matcher(fragment);
        while (marker.find()) {
            Matcher property = PROPERTY.matcher(marker.group(2));
            if (marker.group(1) != null || !property.matches()) {
                return Optional.empty();
            }
            parameters.add(new Parameter(property.group(1), property.group(2)));
            marker.appendReplacement(prepared, "?");
        }
        marker.appendTail(prepared);
        return Optional.of(new Piece(test, prepared.toString(), List.copyOf(parameters)));
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping literals and comments; -1 if none. */
    private static int closingParenthesis(String query, int open) {
        int depth = 0;
        for (int i = open; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\'' || c == '"') {
                i = query.indexOf(c, i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '-' && query.startsWith("--", i)) {
                i = query.indexOf('\n', i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
