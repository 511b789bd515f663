package com.leadfactory.lineage.trail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.audit.AuditRows;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.db.RouteSql;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.query.PageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/audit} with {@code Accept: application/x-ndjson} or {@code text/csv}: the whole period the filters
 * select, streamed from a database cursor (autocommit off and a fetch size, which is what makes PgJDBC stream
 * instead of reading every row first). The export's own audit row ({@code audit_export}, with the criteria, the
 * format and the row count) is written at the end, on the cursor's connection and in its transaction
 * (docs/DESIGN-NOTES.md, "Streaming the audit export"). The cursor's connection is held until the client has read
 * the last row, however slowly it reads, so at most {@code lineage.audit.max-concurrent-exports} run at once; one
 * that finds no slot within {@code lineage.audit.export-wait} is a 503 ({@link ExportBusyException}).
 */
@Component("auditExport")
public class AuditExport {

    public static final String ACTION = "audit_export";
    static final int FETCH_SIZE = 1000;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceLoader resources;
    private final String sqlLocation;
    private final CamelContext camel;
    private final AuditRows auditRows;
    private final int maxExports;
    private final Semaphore exports;
    private final Duration exportWait;
    private final AuditSearchTimeout searchTimeout;

    public AuditExport(
            DataSource dataSource,
            ObjectMapper mapper,
            ResourceLoader resources,
            @Value("${lineage.routes.sql}") String sqlLocation,
            CamelContext camel,
            AuditRows auditRows,
            AuditProperties properties,
            AuditSearchTimeout searchTimeout) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.resources = resources;
        this.sqlLocation = sqlLocation;
        this.camel = camel;
        this.auditRows = auditRows;
        this.maxExports = properties.getMaxConcurrentExports();
        this.exports = new Semaphore(maxExports, true);
        this.exportWait = properties.getExportWait();
        this.searchTimeout = searchTimeout;
    }

    /** Whether the Accept header asks for an export rather than a JSON page. */
    public boolean wanted(String accept) {
        return ExportFormat.accepted(accept) != null;
    }

    /**
     * Opens the cursor (a database that cannot be read fails here, before any byte is sent) and returns the body
     * that streams it; sets {@code exportContentType} and {@code exportFileName}. A HEAD request gets the same
     * headers and an empty body without running the export: Tomcat would drop every byte of it, and its audit row
     * would record an export of rows nobody received.
     */
    public InputStream start(Exchange exchange) throws Exception {
        ExportFormat format = ExportFormat.accepted(exchange.getMessage().getHeader("Accept", String.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> search = exchange.getProperty("search", Map.class);
        for (String paging : new String[] {"cursor", "limit"}) {
            Object value = exchange.getMessage().getHeader(paging);
            if (value != null && !value.toString().isBlank()) {
                throw new BadParameterException(
                        paging, "an export streams the whole period; only a JSON page takes " + paging);
            }
        }
        Map<String, Object> caller = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (name.regionMatches(true, 0, CallerHeaders.PREFIX, 0, CallerHeaders.PREFIX.length())) {
                caller.put(name, value);
            }
        });
        if ("HEAD".equalsIgnoreCase(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
            // the headers an export would have, nothing read: no cursor, no slot, no audit row for rows never sent
            describe(exchange, format, search, OffsetDateTime.now(ZoneOffset.UTC));
            return InputStream.nullInputStream();
        }
        RouteSql select = RouteSql.load(resources, sqlLocation, "select-audit-export.sql");
        RouteSql insert = RouteSql.load(resources, sqlLocation, "insert-audit-row.sql");
        Map<String, Object> criteria = PageBuilder.auditCriteria(search);
        if (!exports.tryAcquire(exportWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ExportBusyException(maxExports);
        }
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Connection connection = null;
        PreparedStatement statement = null;
        ResultSet rows;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            // each fetch of rows is bounded, on PostgreSQL (the client's pace between fetches is not)
            searchTimeout.limitExport(exchange, connection);
            statement = select.prepare(connection, Collections.singletonMap("search", search));
            statement.setFetchSize(FETCH_SIZE);
            rows = statement.executeQuery();
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                if (statement != null) {
                    statement.close();
                }
                if (connection != null) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    connection.close();
                }
            } finally {
                exports.release();
            }
            throw e;
        }
        ExportStream.Finisher finisher = (db, count, complete) -> {
            Map<String, Object> audit = auditRow(caller, criteria, format, startedAt, count, complete);
            try (PreparedStatement write = insert.prepare(db, Collections.singletonMap("audit", audit))) {
                write.executeUpdate();
            }
        };
        describe(exchange, format, search, startedAt);
        ExportStream stream = new ExportStream(
                connection,
                statement,
                rows,
                format,
                mapper,
                finisher,
                "by " + caller.get(CallerHeaders.PRINCIPAL) + " (request " + caller.get(CallerHeaders.REQUEST_ID) + ")",
                exports::release);
        // platform-http copies the body to the response and then completes the exchange, but closes the body only
        // on success: when the client goes away mid-export, this closes it (the audit row with the rows sent so
        // far, the connection back to the pool). After a complete export, close() does nothing.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                stream.close();
            }
        });
        return stream;
    }

    private static void describe(
            Exchange exchange, ExportFormat format, Map<String, Object> search, OffsetDateTime exportedAt) {
        exchange.setProperty("exportContentType", format.contentType());
        exchange.setProperty(
                "exportFileName",
                fileName(
                        (OffsetDateTime) search.get("from"),
                        (OffsetDateTime) search.get("to"),
                        exportedAt,
                        format.extension()));
    }

    /**
     * The file an export is saved as names the period it holds (from, else the start of the trail; to, else the moment
     * of the export), in UTC to the second: named by the day of the export only, March's downloads exported in
     * November read as November's, and two periods exported on one day got one name.
     */
    static String fileName(OffsetDateTime from, OffsetDateTime to, OffsetDateTime exportedAt, String extension) {
        return "audit-" + (from == null ? "start" : FILE_TIME.format(from)) + "-"
                + FILE_TIME.format(to == null ? exportedAt : to) + "." + extension;
    }

    /** The parameters of insert-audit-row.sql for the export, as {@code direct:write-audit-row} prepares them. */
    private Map<String, Object> auditRow(
            Map<String, Object> caller,
            Map<String, Object> criteria,
            ExportFormat format,
            OffsetDateTime startedAt,
            long count,
            boolean complete) {
        Exchange audit = new DefaultExchange(camel);
        audit.getMessage().setHeaders(new HashMap<>(caller));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("criteria", criteria);
        details.put("format", format.extension());
        details.put("result_count", count);
        details.put("complete", complete);
        details.put("started_at", startedAt.toString());
        audit.setProperty("auditAction", ACTION);
        audit.setProperty("auditOutcome", "ok");
        audit.setProperty("auditDetails", details);
        try {
            auditRows.prepare(audit);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("export audit details are not JSON", e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = audit.getProperty("audit", Map.class);
        return row;
    }
}
