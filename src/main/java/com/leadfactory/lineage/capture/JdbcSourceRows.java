package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.db.RouteSql;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The source rows through a database cursor, one at a time: {@code select-assessment-rows.sql} and {@code
 * select-enrichment-rows.sql} bound from the exchange properties as camel-sql binds them, each row mapped as
 * camel-sql's {@code SelectList} maps it. Must run inside a transaction: only with autocommit off does PgJDBC honour
 * the fetch size instead of reading the whole result first.
 */
final class JdbcSourceRows implements SourceRows {

    /** Rows in the driver's buffer at once; source rows can be megabytes each. */
    static final int FETCH_SIZE = 4;

    private final JdbcTemplate jdbc;
    private final Map<Section, RouteSql> statements;
    private final Map<String, Object> properties;
    private final ColumnMapRowMapper columns = new ColumnMapRowMapper();

    JdbcSourceRows(JdbcTemplate jdbc, Map<Section, RouteSql> statements, Map<String, Object> properties) {
        if (jdbc.getFetchSize() != FETCH_SIZE) {
            throw new IllegalArgumentException("the JdbcTemplate must have the fetch size " + FETCH_SIZE);
        }
        this.jdbc = jdbc;
        this.statements = new EnumMap<>(statements);
        this.properties = properties;
    }

    @Override
    public void forEach(Section section, Consumer<Map<String, Object>> row) {
        RouteSql sql = statements.get(section);
        int[] number = {0};
        RowCallbackHandler each = rs -> row.accept(columns.mapRow(rs, number[0]++));
        jdbc.query(sql.jdbc(), each, sql.values(properties));
    }
}
