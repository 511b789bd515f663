package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RawInputsCompressorTest {

    private static final int CAP = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random = new Random(42);

    private ObjectNode document() {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("schema_version", 1);
        doc.put("captured_at", "2024-07-01T08:05:30Z");
        doc.put("report_generation_id", "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
        doc.put("lead_id", "11111111-2222-4333-8444-555555555555");
        doc.put("pipeline_run_id", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        doc.put("template_version_id", "tpl-7");
        doc.putArray("assessment_data");
        doc.putArray("enrichment_data");
        doc.putObject("inputs").put("campaign", "summer");
        doc.putObject("unknown_fields").put("retry_count", 1);
        return doc;
    }

    private ObjectNode row(String id, String labelField, String label, String text) {
        ObjectNode row = mapper.createObjectNode().put("id", id).put(labelField, label);
        row.putObject("payload").put("text", text);
        return row;
    }

    private String randomBase64(int bytes) {
        byte[] raw = new byte[bytes * 3 / 4];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private JsonNode assertValidAndConsistent(CompressedRawInputs result, long cap) throws Exception {
        assertThat(result.gzip().length).isLessThanOrEqualTo((int) cap);
        byte[] json = gunzip(result.gzip());
        assertThat(result.uncompressedBytes()).isEqualTo(json.length);
        assertThat(result.sha256Hex()).isEqualTo(sha256(json));
        return mapper.readTree(json);
    }

    @Test
    void smallDocumentRoundTripsInOnePiece() throws Exception {
        ObjectNode doc = document();
        ((ArrayNode) doc.get("assessment_data")).add(row("a1", "kind", "seo", "slow page ".repeat(20)));
        ((ArrayNode) doc.get("enrichment_data")).add(row("e1", "source", "clearbit", "acme inc ".repeat(20)));
        ObjectNode before = doc.deepCopy();

        CompressedRawInputs result = new RawInputsCompressor(mapper, CAP).compress(doc);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(stored).isEqualTo(before);
        assertThat(doc).isEqualTo(before);
        assertThat(result.truncated()).isFalse();
        assertThat(result.compressionRatio()).isGreaterThan(BigDecimal.ONE);
        assertThat(result.compressionRatio().scale()).isEqualTo(2);
    }

    @Test
    void largeCompressibleDocumentUnderTheCapIsNotTruncated() throws Exception {
        ObjectNode doc = document();
        ArrayNode assessments = (ArrayNode) doc.get("assessment_data");
        for (int i = 0; i < 200; i++) {
            assessments.add(row("a" + i, "kind", "seo", "the same finding again and again ".repeat(300)));
        }

        CompressedRawInputs result = new RawInputsCompressor(mapper, CAP).compress(doc);

        assertThat(result.uncompressedBytes()).isGreaterThan(1_000_000);
        assertThat(result.truncated()).isFalse();
        assertThat(assertValidAndConsistent(result, CAP)).isEqualTo(doc);
        assertThat(result.compressionRatio()).isGreaterThan(new BigDecimal("15"));
    }

    @Test
    void incompressibleDocumentIsTruncatedEnrichmentFirstLargestFirst() throws Exception {
        ObjectNode doc = document();
        ArrayNode assessments = (ArrayNode) doc.get("assessment_data");
        ArrayNode enrichments = (ArrayNode) doc.get("enrichment_data");
        for (int i = 0; i < 12; i++) {
            assessments.add(row("a" + i, "kind", "kind-" + i, randomBase64(20_000 + random.nextInt(200_000))));
            enrichments.add(row("e" + i, "source", "source-" + i, randomBase64(50_000 + random.nextInt(300_000))));
        }
        for (int i = 0; i < 5; i++) {
            assessments.add(row("small-" + i, "kind", "tiny", randomBase64(200)));
        }
        ObjectNode before = doc.deepCopy();

        CompressedRawInputs result = new RawInputsCompressor(mapper, CAP).compress(doc);

        assertThat(doc).isEqualTo(before);
        assertThat(result.truncated()).isTrue();
        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(stored.get("assessment_data").isArray()).isTrue();
        assertThat(stored.get("enrichment_data").isArray()).isTrue();
        assertThat(stored.get("inputs")).isEqualTo(before.get("inputs"));
        assertThat(stored.get("lead_id")).isEqualTo(before.get("lead_id"));
        assertThat(stored.get("truncation").get("original_uncompressed_bytes").longValue())
                .isEqualTo(mapper.writeValueAsBytes(before).length);

        List<String> sections = new ArrayList<>();
        Set<String> droppedIds = new HashSet<>();
        long previousBytes = Long.MAX_VALUE;
        String previousSection = null;
        for (JsonNode entry : stored.at("/truncation/dropped")) {
            String section = entry.get("section").textValue();
            if (!section.equals(previousSection)) {
                previousBytes = Long.MAX_VALUE;
                previousSection = section;
            }
            sections.add(section);
            assertThat(entry.get("bytes").longValue()).isLessThanOrEqualTo(previousBytes);
            previousBytes = entry.get("bytes").longValue();
            droppedIds.add(entry.get("id").textValue());
            String label = section.equals("enrichment_data") ? "source" : "kind";
            assertThat(entry.get(label).isTextual()).isTrue();
        }
        assertThat(sections).startsWith("enrichment_data").contains("assessment_data");
        assertThat(sections.lastIndexOf("enrichment_data")).isLessThan(sections.indexOf("assessment_data"));
        assertThat(stored.get("enrichment_data")).isEmpty();
        for (JsonNode kept : stored.get("assessment_data")) {
            assertThat(droppedIds).doesNotContain(kept.get("id").textValue());
        }
        assertThat(droppedIds.size() + stored.get("assessment_data").size()).isEqualTo(29);
        assertThat(stored.get("assessment_data").size()).isPositive();
    }

    @Test
    void onlyEnrichmentIsDroppedWhenThatIsEnough() throws Exception {
        ObjectNode doc = document();
        ArrayNode assessments = (ArrayNode) doc.get("assessment_data");
        ArrayNode enrichments = (ArrayNode) doc.get("enrichment_data");
        for (int i = 0; i < 20; i++) {
            assessments.add(row("a" + i, "kind", "seo", "slow page ".repeat(100)));
            enrichments.add(row("e" + i, "source", "vendor", randomBase64(10_000)));
        }

        CompressedRawInputs result = new RawInputsCompressor(mapper, CAP).compress(doc);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(result.truncated()).isTrue();
        assertThat(stored.get("assessment_data")).isEqualTo(doc.get("assessment_data"));
        assertThat(stored.get("enrichment_data").size()).isBetween(1, 19);
        assertThat(stored.at("/truncation/dropped").findValuesAsText("section")).containsOnly("enrichment_data");
    }

    @Test
    void largeInputsAreReplacedWhenRowsAreNotEnough() throws Exception {
        ObjectNode doc = document();
        ((ArrayNode) doc.get("enrichment_data")).add(row("e1", "source", "vendor", randomBase64(30_000)));
        doc.putObject("inputs").put("blob", randomBase64(500_000));

        CompressedRawInputs result = new RawInputsCompressor(mapper, CAP).compress(doc);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(result.truncated()).isTrue();
        assertThat(stored.get("enrichment_data")).isEmpty();
        assertThat(stored.at("/inputs/dropped").booleanValue()).isTrue();
        assertThat(stored.at("/inputs/size_bytes").longValue())
                .isEqualTo(mapper.writeValueAsBytes(doc.get("inputs")).length);
        assertThat(stored.get("unknown_fields")).isEqualTo(doc.get("unknown_fields"));
        assertThat(stored.at("/truncation/dropped").findValuesAsText("section"))
                .containsExactly("enrichment_data", "inputs");
    }

    @Test
    void capTooSmallForTheSkeletonFails() {
        ObjectNode doc = document();
        ((ArrayNode) doc.get("enrichment_data")).add(row("e1", "source", "vendor", "x"));

        assertThatThrownBy(() -> new RawInputsCompressor(mapper, 40).compress(doc))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void capMustBePositive() {
        assertThatThrownBy(() -> new RawInputsCompressor(mapper, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
