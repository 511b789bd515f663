package com.leadfactory.lineage.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.leadfactory.lineage.db.ExchangePropertyParameters;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The floor of the read benchmark, not part of the service: the least a JVM can do to answer the service's three
 * benchmarked requests over HTTP with the same SQL — the JDK's own HTTP server, a Hikari pool, PgJDBC, and JSON
 * written by Jackson's streaming generator straight from the result set, no framework, no security beyond
 * comparing the API key, no metrics, no request ids. {@code bench/reads-vs-pgbench.sh} runs it beside the jars
 * when {@code BENCH_JARS} names {@code floor} (bench/README.md, "Optional filters folded, and the floor"), so the
 * service's gap to pgbench can be split into what any JVM over HTTP costs on this machine and what the service
 * adds.
 *
 * <p>SQL: the service's own files, read from routes/sql and prepared and bound by the service's own binding
 * ({@link ExchangePropertyParameters}, optional filters folded): the lookup is the one statement on PostgreSQL
 * (lookup-lineage-and-audit-postgresql.sql); a search page is select-lineage-page.sql with the lead and the cursor
 * set, then insert-audit-row.sql, in one transaction, as the service runs them.
 *
 * <p>Arguments: {@code port jdbc-url user api-key}; run from the repository's root.
 */
public final class BareHttpReads {

    private static final Path SQL = Path.of("routes", "sql");
    private static final JsonFactory JSON = new JsonFactory();

    private final HikariDataSource pool;
    private final String apiKey;
    private final CamelContext camel = new DefaultCamelContext();
    private final ExchangePropertyParameters binding = new ExchangePropertyParameters(',');
    private final String lookup = statement("lookup-lineage-and-audit-postgresql.sql");
    private final String page = statement("select-lineage-page.sql");
    private final String audit = statement("insert-audit-row.sql");

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

    private void handle(HttpExchange request) throws IOException {
        try (request) {
            if (!apiKey.equals(request.getRequestHeaders().getFirst("X-API-Key"))) {
                send(request, 401, "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = request.getRequestURI().getRawPath();
            byte[] body;
            if (path.equals("/api/me")) {
                body = "{\"user\":\"bench-viewer\",\"roles\":[\"viewer\"]}".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/api/lineage/search")) {
                body = searchPage(request);
            } else if (path.startsWith("/api/lineage/")) {
                body = lookup(request, UUID.fromString(path.substring("/api/lineage/".length())));
            } else {
                body = null;
            }
            if (body == null) {
                send(request, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(request, 200, body);
        } catch (SQLException | RuntimeException e) {
            send(request, 500, "{\"status\":500}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] lookup(HttpExchange request, UUID reportId) throws SQLException, IOException {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("report_generation_id", reportId);
        exchange.setProperty("audit", auditRow(request, "lookup", "{\"report_generation_id\": \"" + reportId + "\"}"));
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = prepared(connection, lookup, exchange);
                ResultSet rows = statement.executeQuery()) {
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

    private byte[] searchPage(HttpExchange request) throws SQLException, IOException {
        Map<String, String> query = query(request.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.get("limit"));
        String[] cursor =
                new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8).split("\\|");
        Map<String, Object> search = new HashMap<>();
        search.put("lead_id", UUID.fromString(query.get("lead_id")));
        search.put("after_created_at", OffsetDateTime.parse(cursor[1]));
        search.put("after_id", UUID.fromString(cursor[2]));
        search.put("fetch", limit + 1);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("search", search);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            int served = 0;
            try (PreparedStatement statement = prepared(connection, page, exchange);
                    ResultSet rows = statement.executeQuery();
                    JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeArrayFieldStart("items");
                String after = null;
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
            String details = "{\"criteria\":{\"lead_id\":\"" + query.get("lead_id") + "\"},\"paged\":true,"
                    + "\"result_count\":" + served + "}";
            exchange.setProperty("audit", auditRow(request, "search", details));
            try (PreparedStatement statement = prepared(connection, audit, exchange)) {
                statement.executeUpdate();
            }
            connection.commit();
        }
        return out.toByteArray();
    }

    /** A statement of routes/sql as camel-sql hands it to its strategy (the placeholder # already a ?). */
    private static String statement(String file) {
        try {
            return Files.readString(SQL.resolve(file)).replace(":#", ":?");
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository's root: " + e.getMessage(), e);
        }
    }

    /** The statement prepared and bound by the service's own binding: optional filters folded, as the routes. */
    private PreparedStatement prepared(Connection connection, String sql, Exchange exchange) throws SQLException {
        String text = binding.prepareQuery(sql, true, exchange);
        int markers = (int) text.chars().filter(c -> c == '?').count();
        PreparedStatement statement = connection.prepareStatement(text);
        binding.populateStatement(
                statement, binding.createPopulateIterator(sql, text, markers, exchange, null), markers);
        return statement;
    }

    /** The parameters of insert-audit-row.sql (and the lookup's audit), as audit.AuditRows prepares them. */
    private static Map<String, Object> auditRow(HttpExchange request, String action, String details) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", TimeOrderedUuid.next());
        row.put("action", action);
        row.put("user_id", "bench-viewer");
        row.put("ip_address", request.getRemoteAddress().getAddress().getHostAddress());
        row.put("user_agent", request.getRequestHeaders().getFirst("User-Agent"));
        row.put("accessed_at", OffsetDateTime.now());
        row.put("outcome", "ok");
        row.put("request_id", UUID.randomUUID().toString());
        row.put("details", details);
        return row;
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
