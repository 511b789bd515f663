package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.junit.jupiter.api.Test;

class SqlParameterCountsTest {

    private static OptionalInt count(String sqlAsCamelSeesIt) throws Exception {
        return SqlParameterCounts.count(sqlAsCamelSeesIt, new DefaultSqlPrepareStatementStrategy(), true);
    }

    @Test
    void countsEveryNamedMarkerAndExpressionMarker() throws Exception {
        assertThat(count("UPDATE t SET n = n + 1 WHERE id = :?id")).hasValue(1);
        assertThat(count("SELECT * FROM t WHERE a = :?a AND (CAST(:?b AS UUID) IS NULL OR b = :?b)"))
                .hasValue(3);
        assertThat(count("INSERT INTO t (a, b) VALUES (:?${exchangeProperty.row[a]}, :?$simple{header.b})"))
                .hasValue(2);
    }

    @Test
    void leavesToTheDriverWhatTheTextCannotSettle() throws Exception {
        assertThat(count("SELECT * FROM t WHERE id IN (:?in:ids)")).isEmpty(); // one ? per element, per message
        assertThat(count("-- why? because\nSELECT * FROM t WHERE id = :?id")).isEmpty(); // not a marker
        assertThat(count("SELECT * FROM t WHERE id = ?")).isEmpty(); // positional: camel-sql counts its own way
        assertThat(count("SELECT COUNT(*) FROM t")).isEmpty(); // nothing to count: camel-sql skips binding
        assertThat(SqlParameterCounts.count(
                        "SELECT * FROM t WHERE id = :?id", new DefaultSqlPrepareStatementStrategy(), false))
                .isEmpty();
    }
}
