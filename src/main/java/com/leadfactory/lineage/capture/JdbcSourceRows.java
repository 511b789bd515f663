package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.db.JsonColumns;
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
 *
 * <p>The first fetch is one row; after each row the fetch size is set so that the next fetch brings about {@value
 * #FETCH_BYTES} bytes of rows as large as the largest so far (one row when rows are larger). Rows of 15 KB then
 * come in two round trips a select, rows of 1 MB one at a time.
 */
final class JdbcSourceRows implements SourceRows {

    static final int FETCH_BYTES = 1024 * 1024;
    private static final int MAX_FETCH_ROWS = 256;

    private final JdbcTemplate jdbc;
    private final Map<Section, RouteSql> statements;
    private final Map<String, Object> properties;
    private final ColumnMapRowMapper columns = new ColumnMapRowMapper();

    /** {@code jdbc} must have the fetch size 1. */
    JdbcSourceRows(JdbcTemplate jdbc, Map<Section, RouteSql> statements, Map<String, Object> properties) {
        this.jdbc = jdbc;
        this.statements = new EnumMap<>(statements);
        this.properties = properties;
    }

    @Override
    public void forEach(Section section, Consumer<Map<String, Object>> row) {
        RouteSql sql = statements.get(section);
        int[] number = {0};
        long[] largest = {1};
        RowCallbackHandler each = rs -> {
            Map<String, Object> columnValues = columns.mapRow(rs, number[0]++);
            String payload = JsonColumns.text(columnValues.get("payload"));
            largest[0] = Math.max(largest[0], payload == null ? 0 : payload.length());
            rs.setFetchSize((int) Math.max(1, Math.min(MAX_FETCH_ROWS, FETCH_BYTES / largest[0])));
            row.accept(columnValues);
        };
        jdbc.query(sql.jdbc(), each, sql.values(properties));
    }
}
