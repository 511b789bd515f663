package com.leadfactory.lineage.db;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.component.sql.SqlHelper;
import org.apache.camel.component.sql.SqlPrepareStatementStrategy;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every {@code sql:} endpoint how many parameters its statement has, counted once from the SQL text, so
 * camel-sql stops asking the driver on every execution ({@code PreparedStatement.getParameterMetaData()}).
 *
 * <p>Why (docs/DESIGN-NOTES.md, "Prepared statements"): on PostgreSQL that question is a round trip of its
 * own, a describe-only parse of an unnamed statement, after which PgJDBC parses the statement again under a
 * new server-side name: every execution parsed and planned its statement twice and no prepared statement was
 * ever reused. With the count known, each pooled connection prepares a statement once and reuses it.
 *
 * <p>Only counts that are certain are set: a statement with an IN list expanded per message ({@code :#in:}),
 * a {@code ?} that is not one of camel-sql's parameter markers (in a comment, a literal, an operator) or SQL
 * taken from the message body keeps camel-sql's own check. Applies to endpoints created later ({@code toD}) too.
 * Each endpoint also binds its parameters with {@link ExchangePropertyParameters}.
 */
@Component
public class SqlParameterCounts implements EndpointStrategy, CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SqlParameterCounts.class);

    /** camel-sql's named parameter markers once its placeholder is replaced: :?name, :?${expr}, :?$simple{expr}. */
    private static final Pattern MARKER = Pattern.compile(":\\?(\\w+|\\$\\{[^}]+}|\\$simple\\{[^}]+})");

    private CamelContext camelContext;

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camelContext = camelContext;
        camelContext.getCamelContextExtension().registerEndpointCallback(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started: endpoints created from now on still pass through registerEndpoint
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof SqlEndpoint sql && sql.getParametersCount() == 0 && !sql.isUseMessageBodyForSql()) {
            if (sql.getPrepareStatementStrategy() == null) {
                sql.setPrepareStatementStrategy(new ExchangePropertyParameters(sql.getSeparator()));
            }
            OptionalInt count = count(sql);
            if (count.isPresent()) {
                sql.setParametersCount(count.getAsInt());
            } else {
                LOG.debug("{}: parameters not countable from the text, camel-sql asks the driver", uri);
            }
        }
        return endpoint;
    }

    private OptionalInt count(SqlEndpoint sql) {
        try {
            String text = SqlHelper.resolveQuery(
                    camelContext, sql.getQuery(), sql.isUsePlaceholder() ? sql.getPlaceholder() : null);
            SqlPrepareStatementStrategy strategy = sql.getPrepareStatementStrategy() != null
                    ? sql.getPrepareStatementStrategy()
                    : new DefaultSqlPrepareStatementStrategy(sql.getSeparator());
            return count(text, strategy, sql.isAllowNamedParameters());
        } catch (IOException | NoTypeConversionAvailableException | java.sql.SQLException | RuntimeException e) {
            LOG.debug("cannot read the SQL of {}: camel-sql asks the driver", sql.getEndpointUri(), e);
            return OptionalInt.empty();
        }
    }

    /**
     * The number of JDBC parameters of a statement as camel-sql prepares it, or empty when that number is not
     * certain from the text alone.
     *
     * @param text the SQL with camel-sql's placeholder already replaced ({@code :?name})
     */
    static OptionalInt count(String text, SqlPrepareStatementStrategy strategy, boolean allowNamedParameters)
            throws java.sql.SQLException {
        if (text.contains(":?in:")) {
            return OptionalInt.empty();
        }
        int markers = 0;
        Matcher matcher = MARKER.matcher(text);
        while (matcher.find()) {
            markers++;
        }
        int questionMarks = occurrences(text, '?');
        if (questionMarks != markers || !allowNamedParameters && markers > 0) {
            return OptionalInt.empty(); // a '?' of another kind: only the driver's parser can tell
        }
        String prepared = strategy.prepareQuery(text, true, null);
        int parameters = occurrences(prepared, '?');
        return parameters == markers && parameters > 0 ? OptionalInt.of(parameters) : OptionalInt.empty();
    }

    private static int occurrences(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
