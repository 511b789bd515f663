package com.leadfactory.lineage.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The floor of the read benchmark, not part of the service: the least a JVM can do to answer the service's three
 * benchmarked requests over HTTP with the same SQL — the JDK's own HTTP server, a Hikari pool, PgJDBC, and JSON
 * written by Jackson's streaming generator straight from the result set, no framework, no security beyond
 * comparing the API key, no metrics, no request ids. {@code bench/reads-vs-pgbench.sh} runs it beside the jars
 * when {@code BENCH_JARS} names {@code floor} (bench/README.md, "The floor: a bare JVM over HTTP"), so the
 * service's gap to pgbench can be split into what any JVM over HTTP costs on this machine and what the service
 * adds.
 *
 * <p>SQL: the lookup is the service's one statement on PostgreSQL (routes/sql/lookup-lineage-and-audit-postgresql
 * .sql); a search page is the service's keyset select for a lead (routes/sql/select-lineage-page.sql with only the
 * lead and the cursor set) and the audit insert, in one transaction, as the service and pgbench run them.
 *
 * <p>Arguments: {@code port jdbc-url user api-key}.
 */
public final class BareHttpReads {

    private static final String LOOKUP = """
            WITH accessed AS (
                UPDATE report_lineage
                SET access_count = access_count + 1, last_accessed_at = CURRENT_TIMESTAMP
                WHERE report_generation_id = ?
                RETURNING id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
                          pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
                          OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
                          compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
                          created_at, access_count, last_accessed_at
            ), audited AS (
                INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent,
                                                  accessed_at, outcome, request_id, details)
                SELECT ?, accessed.id, 'lookup', 'bench-viewer', ?, ?, ?,
                       CASE WHEN accessed.id IS NULL THEN 'not_found' ELSE 'ok' END, ?, ?
                FROM (VALUES (1)) AS one_row LEFT JOIN accessed ON TRUE
            )
            SELECT accessed.*,
                   EXISTS (SELECT 1 FROM lineage_legal_hold h
                           WHERE h.lineage_id = accessed.id OR h.lead_id = accessed.lead_id) AS legal_hold
            FROM accessed""";

    private static final String PAGE = """
            SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
                   pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
                   OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
                   compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
                   created_at, access_count, last_accessed_at,
                   EXISTS (SELECT 1 FROM lineage_legal_hold h
                           WHERE h.lineage_id = report_lineage.id OR h.lead_id = report_lineage.lead_id) AS legal_hold
            FROM report_lineage
            WHERE lead_id = ? AND (created_at, id) < (?, ?)
            ORDER BY created_at DESC, id DESC
            LIMIT ?""";

    private static final String AUDIT = """
            INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent,
                                              accessed_at, outcome, request_id, details)
            VALUES (?, NULL, 'search', 'bench-viewer', ?, ?, ?, 'ok', ?, ?)""";

    private static final JsonFactory JSON = new JsonFactory();

    private final HikariDataSource pool;
    private final String apiKey;

    private BareHttpReads(HikariDataSource pool, String apiKey) {
        this.pool = pool;
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws IOException {
        // without it the JDK's server writes an answer's headers and body in two packets, and the second waits
        // for the client's delayed acknowledgement: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setUsername(args[2]);
        config.setMaximumPoolSize(10);
        BareHttpReads reads = new BareHttpReads(new HikariDataSource(config), args[3]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", reads::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                send(exchange, 401, "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            if (path.equals("/api/me")) {
                body = "{\"user\":\"bench-viewer\",\"roles\":[\"viewer\"]}".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/api/lineage/search")) {
                body = searchPage(exchange);
            } else if (path.startsWith("/api/lineage/")) {
                body = lookup(exchange, UUID.fromString(path.substring("/api/lineage/".length())));
                if (body == null) {
                    send(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            } else {
                send(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, body);
        } catch (SQLException | RuntimeException e) {
            send(exchange, 500, "{\"status\":500}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] lookup(HttpExchange exchange, UUID reportId) throws SQLException, IOException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setObject(1, reportId);
            statement.setObject(2, TimeOrderedUuid.next());
            auditColumns(exchange, statement, 3);
            statement.setString(7, "{\"report_generation_id\": \"" + reportId + "\"}");
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    summary(json, rows);
                }
                return out.toByteArray();
            }
        }
    }

    private byte[] searchPage(HttpExchange exchange) throws SQLException, IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.get("limit"));
        String[] cursor =
                new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8).split("\\|");
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            int served = 0;
            try (PreparedStatement page = connection.prepareStatement(PAGE);
                    JsonGenerator json = JSON.createGenerator(out)) {
                page.setObject(1, UUID.fromString(query.get("lead_id")));
                page.setObject(2, OffsetDateTime.parse(cursor[1]));
                page.setObject(3, UUID.fromString(cursor[2]));
                page.setInt(4, limit + 1);
                json.writeStartObject();
                json.writeArrayFieldStart("items");
                String after = null;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        if (served == limit) {
                            after = "v1|"
                                    + rows.getObject("created_at", OffsetDateTime.class)
                                            .toInstant() + "|" + rows.getObject("id", UUID.class);
                            break;
                        }
                        summary(json, rows);
                        served++;
                    }
                }
                json.writeEndArray();
                json.writeStringField(
                        "next_cursor",
                        after == null
                                ? null
                                : Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(after.getBytes(StandardCharsets.UTF_8)));
                json.writeEndObject();
            }
            try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
                audit.setObject(1, TimeOrderedUuid.next());
                auditColumns(exchange, audit, 2);
                audit.setString(
                        6,
                        "{\"criteria\":{\"lead_id\":\"" + query.get("lead_id") + "\"},\"paged\":true,\"result_count\":"
                                + served + "}");
                audit.executeUpdate();
            }
            connection.commit();
        }
        return out.toByteArray();
    }

    /** ip_address, user_agent, accessed_at, request_id from parameter {@code first} on. */
    private static void auditColumns(HttpExchange exchange, PreparedStatement statement, int first)
            throws SQLException {
        statement.setString(first, exchange.getRemoteAddress().getAddress().getHostAddress());
        statement.setString(first + 1, exchange.getRequestHeaders().getFirst("User-Agent"));
        statement.setObject(first + 2, OffsetDateTime.now());
        statement.setString(first + 3, UUID.randomUUID().toString());
    }

    /** The API's lineage summary of the current row: the same fields, names and formats as the service's. */
    private static void summary(JsonGenerator json, ResultSet row) throws SQLException, IOException {
        String lineageId = row.getString("id");
        String reportId = row.getString("report_generation_id");
        Instant started =
                row.getObject("pipeline_start_time", OffsetDateTime.class).toInstant();
        Instant finished =
                row.getObject("pipeline_end_time", OffsetDateTime.class).toInstant();
        String record = "/api/lineage/" + lineageId;
        json.writeStartObject();
        json.writeStringField("lineage_id", lineageId);
        json.writeStringField("report_generation_id", reportId);
        json.writeStringField("lead_id", row.getString("lead_id"));
        json.writeStringField("pipeline_run_id", row.getString("pipeline_run_id"));
        json.writeStringField("template_version_id", row.getString("template_version_id"));
        json.writeStringField("pipeline_started_at", started.toString());
        json.writeStringField("pipeline_finished_at", finished.toString());
        json.writeNumberField(
                "pipeline_duration_seconds",
                java.math.BigDecimal.valueOf(Duration.between(started, finished).toMillis(), 3));
        json.writeNumberField("raw_inputs_size_bytes", row.getLong("raw_inputs_size_bytes"));
        json.writeNumberField("raw_inputs_compressed_bytes", row.getLong("raw_inputs_compressed_bytes"));
        json.writeNumberField("compression_ratio", row.getBigDecimal("compression_ratio"));
        json.writeStringField(
                "raw_inputs_sha256", row.getString("raw_inputs_sha256").trim());
        String pdf = row.getString("pdf_sha256");
        json.writeStringField("pdf_sha256", pdf == null ? null : pdf.trim());
        json.writeBooleanField("truncated", row.getBoolean("truncated"));
        json.writeStringField("capture_source", row.getString("capture_source"));
        json.writeStringField("created_at", instant(row.getTimestamp("created_at")));
        json.writeNumberField("access_count", row.getLong("access_count"));
        json.writeStringField("last_accessed_at", instant(row.getTimestamp("last_accessed_at")));
        json.writeObjectFieldStart("links");
        json.writeStringField("self", "/api/lineage/" + reportId);
        json.writeStringField("logs", record + "/logs");
        json.writeStringField("download", record + "/download");
        json.writeStringField("bundle", record + "/bundle");
        json.writeStringField("audit", record + "/audit");
        json.writeEndObject();
        json.writeBooleanField("legal_hold", row.getBoolean("legal_hold"));
        json.writeEndObject();
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
