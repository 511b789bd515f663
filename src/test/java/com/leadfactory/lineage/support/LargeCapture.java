package com.leadfactory.lineage.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A report whose lead has many large source rows (scraped-page-like JSON) in a fresh PostgreSQL database, and the
 * service that captures it in its own JVM with a heap of a chosen size.
 */
public final class LargeCapture {

    public static final String ADMIN_KEY = "large-capture-admin-key-0123456789";
    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FaultDatabase database;
    private final SourceData source;
    private final UUID lead;
    private final OffsetDateTime finished;
    private final long sourceBytes;

    private LargeCapture(
            FaultDatabase database, SourceData source, UUID lead, OffsetDateTime finished, long sourceBytes) {
        this.database = database;
        this.source = source;
        this.lead = lead;
        this.finished = finished;
        this.sourceBytes = sourceBytes;
    }

    /** {@code rows} source rows of about {@code rowBytes} each, half assessment and half enrichment. */
    public static LargeCapture prepare(String databaseName, int rows, int rowBytes) throws IOException {
        FaultDatabase database = FaultDatabase.fresh(databaseName).migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), "postgres", "");
        SourceData source = new SourceData(new JdbcTemplate(dataSource));
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        UUID lead = UUID.randomUUID();
        Random random = new Random(rows);
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            String payload = scrapedPage(random, rowBytes);
            bytes += payload.length();
            if (i % 2 == 0) {
                source.assessment(lead, "kind-" + i, payload, finished.minusMinutes(1));
            } else {
                source.enrichment(lead, "source-" + i, payload, finished.minusMinutes(1));
            }
        }
        return new LargeCapture(database, source, lead, finished, bytes);
    }

    /** The bytes of the source rows' payloads. */
    public long sourceBytes() {
        return sourceBytes;
    }

    /** The service on this database, with the given maximum heap (and more JVM options), started and ready. */
    public ServiceProcess service(String name, String maxHeap, String... jvmOptions) {
        Map<String, String> properties = new LinkedHashMap<>(database.serviceProperties());
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.security.clients[0].name", "large-capture-admin");
        properties.put("lineage.security.clients[0].api-key", ADMIN_KEY);
        properties.put("lineage.security.clients[0].roles", "admin");
        ServiceProcess service = new ServiceProcess(name, properties).maxHeap(maxHeap);
        for (String option : jvmOptions) {
            service.jvmOption(option);
        }
        return service.start().awaitReady(Duration.ofMinutes(2));
    }

    /**
     * POSTs the completion of a new report of the lead; the status and the body (or -1 and the exception when none
     * came).
     */
    public Http.Answer capture(ServiceProcess service) throws IOException {
        Map<String, Object> message = new LinkedHashMap<>(source.report(lead, finished.minusSeconds(40), finished));
        message.put("inputs", Map.of("campaign", "large"));
        String completion = MAPPER.writeValueAsString(message);
        HttpRequest request = HttpRequest.newBuilder(uri(service, "/api/lineage/completions"))
                .timeout(BOUND)
                .header("Content-Type", "application/json")
                .header("X-API-Key", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(completion))
                .build();
        try {
            HttpResponse<String> response = Http.client().send(request, HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            return new Http.Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code GET /api/lineage/{id}/download}: the stored gzip. */
    public byte[] download(ServiceProcess service, String lineageId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(service, "/api/lineage/" + lineageId + "/download"))
                .timeout(BOUND)
                .header("X-API-Key", ADMIN_KEY)
                .header("X-Access-Purpose", "large capture test")
                .GET()
                .build();
        HttpResponse<byte[]> response = Http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode());
        }
        return response.body();
    }

    private static URI uri(ServiceProcess service, String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    /** Repeated keys and words (compressible) with ids and hashes (not), like an audit tool's page report. */
    public static String scrapedPage(Random random, int bytes) {
        String[] words = {
            "render", "blocking", "script", "image", "missing", "alt", "meta", "description", "cache", "header"
        };
        StringBuilder json = new StringBuilder(bytes + 256).append("{\"items\": [");
        byte[] hash = new byte[12];
        for (int i = 0; json.length() < bytes; i++) {
            if (i > 0) {
                json.append(',');
            }
            random.nextBytes(hash);
            json.append("{\"rule\": \"")
                    .append(words[i % words.length])
                    .append('-')
                    .append(words[(i * 7) % words.length])
                    .append("\", \"score\": ")
                    .append(random.nextInt(100))
                    .append(", \"url\": \"https://example.com/assets/")
                    .append(HexFormat.of().formatHex(hash))
                    .append(".js\", \"detail\": \"")
                    .append(words[(i * 3) % words.length])
                    .append(' ')
                    .append(words[(i * 5) % words.length])
                    .append(" could save ")
                    .append(random.nextInt(5000))
                    .append(" ms\"}");
        }
        return json.append("]}").toString();
    }
}
