package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Http;
import com.leadfactory.lineage.support.LargeCapture;
import com.leadfactory.lineage.support.ServiceProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A report whose lead has 50 MB of source rows (50 rows of ~1 MB of scraped-page-like JSON) is captured by the
 * service in its own JVM with a 160 MB heap, which cannot hold the whole document as a tree: with the document
 * assembled in memory it failed with OutOfMemoryError (a 500) up to a 256 MB heap (bench/README.md, "Capture of a 50
 * MB input"). Streamed row by row it is stored, truncated to the cap, and downloads as valid JSON.
 */
class LargeCaptureMemoryTest {

    private static final String HEAP = "160m";
    private static final long CAP = 2 * 1024 * 1024;

    @Test
    void fiftyMegabytesOfSourceRowsAreCapturedWithinA160MegabyteHeap() throws Exception {
        LargeCapture input = LargeCapture.prepare("lineage_large_capture_test", 50, 1_000_000);
        assertThat(input.sourceBytes()).isGreaterThan(49_000_000);
        try (ServiceProcess service = input.service("large-capture-test", HEAP)) {
            Http.Answer answer = input.capture(service);

            assertThat(answer.status())
                    .as(answer.body() + "; see " + service.logFile())
                    .isEqualTo(201);
            JsonNode summary = new ObjectMapper().readTree(answer.body());
            assertThat(summary.get("truncated").booleanValue()).isTrue();

            byte[] gzip = input.download(service, summary.get("lineage_id").textValue());
            assertThat((long) gzip.length).isLessThanOrEqualTo(CAP);
            JsonNode document;
            try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                document = new ObjectMapper().readTree(json);
            }
            JsonNode truncation = document.get("truncation");
            // jsonb drops the blanks of the source text: 50 MB of payloads are ~48 MB of document
            assertThat(truncation.get("original_uncompressed_bytes").longValue())
                    .isGreaterThan(45_000_000);
            assertThat(truncation.get("dropped")).isNotEmpty();
            for (JsonNode dropped : truncation.get("dropped")) {
                assertThat(dropped.get("section").textValue()).isIn("enrichment_data", "assessment_data");
                assertThat(dropped.get("id").textValue()).isNotBlank();
                assertThat(dropped.get("bytes").longValue()).isGreaterThan(900_000);
            }
            assertThat(truncation.get("dropped").size()
                            + document.get("assessment_data").size()
                            + document.get("enrichment_data").size())
                    .isEqualTo(50);
        }
    }
}
