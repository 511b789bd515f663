package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class LineageFilesTest {

    private static final int RAW_BYTES = 24 * 1024 * 1024;
    private static final int LOG_BYTES = 8 * 1024 * 1024;

    /**
     * Raw inputs of tens of MB compress to a few KB (a capture keeps them whole under the 2 MiB cap). A bundle used
     * to inflate them into one array and copy that on its way into the zip, so a few dozen bundles at once of such
     * a record ran a 512 MB heap out; it now streams each stored gzip into the zip.
     */
    @Test
    void aBundleOfALargeDocumentAllocatesAboutWhatIsStoredNotTheDocument() throws Exception {
        Map<String, Object> row = row(
                gzip(repeated("{\"score\":12345,\"label\":\"abcdefghij\"},", RAW_BYTES)),
                gzip(repeated("{\"level\":\"INFO\",\"msg\":\"rendered\"},", LOG_BYTES)));
        LineageFiles files = new LineageFiles(new LineageSummaryMapper());
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            files.bundle(new DefaultExchange(context), row); // warm: class loading, JIT
            Exchange exchange = new DefaultExchange(context);

            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            files.bundle(exchange, row);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(allocated)
                    .as(
                            "bytes allocated for one bundle of a %d MB document and %d MB of logs",
                            RAW_BYTES >> 20, LOG_BYTES >> 20)
                    .isLessThan(4L * 1024 * 1024);
            byte[] zip = exchange.getMessage().getBody(byte[].class);
            Map<String, Long> sizes = new HashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    sizes.put(entry.getName(), in.transferTo(java.io.OutputStream.nullOutputStream()));
                }
            }
            assertThat(sizes)
                    .containsEntry("raw_inputs.json", (long) RAW_BYTES)
                    .containsEntry("pipeline_logs.json", (long) LOG_BYTES)
                    .containsKey("lineage.json");
            assertThat(exchange.getMessage().getHeader("Content-Disposition", String.class))
                    .endsWith(".bundle.zip\"");
        }
    }

    private static Map<String, Object> row(byte[] rawGzip, byte[] logsGzip) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", UUID.randomUUID());
        row.put("report_generation_id", UUID.randomUUID());
        row.put("lead_id", UUID.randomUUID());
        row.put("pipeline_run_id", UUID.randomUUID());
        row.put("template_version_id", "tpl@big");
        row.put("pipeline_start_time", OffsetDateTime.parse("2026-11-25T10:00:00Z"));
        row.put("pipeline_end_time", OffsetDateTime.parse("2026-11-25T10:00:42Z"));
        row.put("created_at", OffsetDateTime.parse("2026-11-25T10:00:43Z"));
        row.put("raw_inputs_size_bytes", RAW_BYTES);
        row.put("raw_inputs_compressed", rawGzip);
        row.put("pipeline_logs_gzip", logsGzip);
        return row;
    }

    private static byte[] repeated(String unit, int size) {
        byte[] one = unit.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[size];
        for (int i = 0; i < size; i++) {
            all[i] = one[i % one.length];
        }
        return all;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}
