package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.capture.SourceRows.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RawInputsCompressorTest {

    private static final int CAP = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

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

    /** The whole document, untruncated, as its compact JSON. */
    private static JsonNode whole(RawInputsFixture fixture) throws Exception {
        return new ObjectMapper()
                .readTree(gunzip(fixture.compress(Integer.MAX_VALUE - 8L).gzip()));
    }

    @Test
    void smallDocumentRoundTripsInOnePieceInOneRead() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42)
                .assessment("a1", "seo", "slow page ".repeat(20))
                .enrichment("e1", "clearbit", "acme inc ".repeat(20));

        CompressedRawInputs result = fixture.compress(CAP);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(fixture.reads).as("each select read once").isEqualTo(2);
        assertThat(stored.fieldNames())
                .toIterable()
                .containsExactly(
                        "schema_version",
                        "captured_at",
                        "report_generation_id",
                        "lead_id",
                        "pipeline_run_id",
                        "template_version_id",
                        "pipeline_started_at",
                        "pipeline_finished_at",
                        "rows_as_of",
                        "assessment_data",
                        "enrichment_data",
                        "inputs",
                        "unknown_fields");
        assertThat(stored.at("/assessment_data/0/payload/text").textValue()).isEqualTo("slow page ".repeat(20));
        assertThat(stored.at("/assessment_data/0").fieldNames())
                .toIterable()
                .containsExactly("id", "pipeline_run_id", "kind", "created_at", "payload");
        assertThat(stored.at("/enrichment_data/0").fieldNames())
                .toIterable()
                .containsExactly("id", "source", "created_at", "payload");
        assertThat(stored.at("/unknown_fields/retry_count").intValue()).isEqualTo(1);
        assertThat(result.truncated()).isFalse();
        assertThat(result.compressionRatio()).isGreaterThan(BigDecimal.ONE);
        assertThat(result.compressionRatio().scale()).isEqualTo(2);
    }

    @Test
    void rowsAreMaskedAsTheyAreWritten() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42)
                .row(Section.ASSESSMENT, "a1", "seo", "{\"password\": \"hunter2\", \"note\": \"token=abcdefgh1234\"}")
                .row(Section.ENRICHMENT, "e1", "vendor", "not json, api_key=abcdefgh1234");

        JsonNode stored = assertValidAndConsistent(fixture.compress(CAP), CAP);

        assertThat(stored.at("/assessment_data/0/payload/password").textValue()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(stored.at("/assessment_data/0/payload/note").textValue()).doesNotContain("abcdefgh1234");
        assertThat(stored.at("/enrichment_data/0/payload").textValue())
                .startsWith("not json")
                .doesNotContain("abcdefgh1234");
    }

    @Test
    void largeCompressibleDocumentUnderTheCapIsNotTruncated() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42);
        for (int i = 0; i < 200; i++) {
            fixture.assessment("a" + i, "seo", "the same finding again and again ".repeat(300));
        }

        CompressedRawInputs result = fixture.compress(CAP);

        assertThat(result.uncompressedBytes()).isGreaterThan(1_000_000);
        assertThat(result.truncated()).isFalse();
        assertThat(assertValidAndConsistent(result, CAP).get("assessment_data")).hasSize(200);
        assertThat(result.compressionRatio()).isGreaterThan(new BigDecimal("15"));
    }

    @Test
    void incompressibleDocumentIsTruncatedEnrichmentFirstLargestFirst() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42);
        for (int i = 0; i < 12; i++) {
            fixture.assessment("a" + i, "kind-" + i, fixture.randomBase64(20_000 + fixture.nextInt(200_000)));
            fixture.enrichment("e" + i, "source-" + i, fixture.randomBase64(50_000 + fixture.nextInt(300_000)));
        }
        for (int i = 0; i < 5; i++) {
            fixture.assessment("small-" + i, "tiny", fixture.randomBase64(200));
        }
        JsonNode whole = whole(fixture);

        CompressedRawInputs result = fixture.compress(CAP);

        assertThat(result.truncated()).isTrue();
        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(stored.get("assessment_data").isArray()).isTrue();
        assertThat(stored.get("enrichment_data").isArray()).isTrue();
        assertThat(stored.get("inputs")).isEqualTo(whole.get("inputs"));
        assertThat(stored.get("lead_id")).isEqualTo(whole.get("lead_id"));
        assertThat(stored.get("truncation").get("original_uncompressed_bytes").longValue())
                .isEqualTo(mapper.writeValueAsBytes(whole).length);

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
            String id = entry.get("id").textValue();
            droppedIds.add(id);
            JsonNode original = rowById(whole.get(section), id);
            assertThat(entry.get("bytes").longValue())
                    .as("the size of the row as it would have been stored")
                    .isEqualTo(mapper.writeValueAsBytes(original).length);
            String label = section.equals("enrichment_data") ? "source" : "kind";
            assertThat(entry.get(label)).isEqualTo(original.get(label));
        }
        assertThat(sections).startsWith("enrichment_data").contains("assessment_data");
        assertThat(sections.lastIndexOf("enrichment_data")).isLessThan(sections.indexOf("assessment_data"));
        assertThat(stored.get("enrichment_data")).isEmpty();
        for (JsonNode kept : stored.get("assessment_data")) {
            assertThat(droppedIds).doesNotContain(kept.get("id").textValue());
            assertThat(kept)
                    .isEqualTo(
                            rowById(whole.get("assessment_data"), kept.get("id").textValue()));
        }
        assertThat(droppedIds.size() + stored.get("assessment_data").size()).isEqualTo(29);
        assertThat(stored.get("assessment_data").size()).isPositive();
    }

    @Test
    void aRowThatAppearsBetweenPassesShiftsNothing() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42) {
            @Override
            public void forEach(Section section, java.util.function.Consumer<java.util.Map<String, Object>> row) {
                if (reads == 2 && section == Section.ASSESSMENT) { // the second pass: a row is committed before all
                    rows.get(section)
                            .add(0, new java.util.HashMap<>(rows.get(section).get(0)));
                    rows.get(section).get(0).put("id", "late");
                }
                super.forEach(section, row);
            }
        };
        for (int i = 0; i < 12; i++) {
            fixture.assessment("a" + i, "kind", fixture.randomBase64(5_000));
            fixture.enrichment("e" + i, "vendor", fixture.randomBase64(20_000));
        }

        CompressedRawInputs result = fixture.compress(CAP);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(fixture.reads).as("a second pass").isGreaterThan(2);
        Set<String> dropped = new HashSet<>(stored.at("/truncation/dropped").findValuesAsText("id"));
        assertThat(dropped).isNotEmpty().doesNotContain("late");
        for (String section : List.of("assessment_data", "enrichment_data")) {
            for (JsonNode kept : stored.get(section)) {
                assertThat(dropped)
                        .as("dropped rows are dropped by id")
                        .doesNotContain(kept.get("id").textValue());
            }
        }
        assertThat(stored.at("/assessment_data/0/id").textValue()).isEqualTo("late");
    }

    @Test
    void onlyEnrichmentIsDroppedWhenThatIsEnough() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42);
        for (int i = 0; i < 20; i++) {
            fixture.assessment("a" + i, "seo", "slow page ".repeat(100));
            fixture.enrichment("e" + i, "vendor", fixture.randomBase64(10_000));
        }
        JsonNode whole = whole(fixture);

        CompressedRawInputs result = fixture.compress(CAP);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(result.truncated()).isTrue();
        assertThat(stored.get("assessment_data")).isEqualTo(whole.get("assessment_data"));
        assertThat(stored.get("enrichment_data").size()).isBetween(1, 19);
        assertThat(stored.at("/truncation/dropped").findValuesAsText("section")).containsOnly("enrichment_data");
    }

    @Test
    void largeInputsAreReplacedWhenRowsAreNotEnough() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42);
        fixture.enrichment("e1", "vendor", fixture.randomBase64(30_000));
        fixture.message.putObject("inputs").put("blob", fixture.randomBase64(500_000));
        JsonNode whole = whole(fixture);

        CompressedRawInputs result = fixture.compress(CAP);

        JsonNode stored = assertValidAndConsistent(result, CAP);
        assertThat(result.truncated()).isTrue();
        assertThat(stored.get("enrichment_data")).isEmpty();
        assertThat(stored.at("/inputs/dropped").booleanValue()).isTrue();
        assertThat(stored.at("/inputs/size_bytes").longValue())
                .isEqualTo(mapper.writeValueAsBytes(whole.get("inputs")).length);
        assertThat(stored.get("unknown_fields")).isEqualTo(whole.get("unknown_fields"));
        assertThat(stored.at("/truncation/dropped").findValuesAsText("section"))
                .containsExactly("enrichment_data", "inputs");
    }

    @Test
    void aDroppedListTooLargeForTheCapIsSummarised() throws Exception {
        RawInputsFixture fixture = new RawInputsFixture(42);
        for (int i = 0; i < 3000; i++) {
            fixture.enrichment("enrichment-row-with-a-long-id-" + i, "vendor-" + i, fixture.randomBase64(40));
        }

        CompressedRawInputs result = fixture.compress(8 * 1024);

        JsonNode stored = assertValidAndConsistent(result, 8 * 1024);
        assertThat(result.truncated()).isTrue();
        JsonNode summary = stored.at("/truncation/dropped/0");
        assertThat(summary.get("section").textValue()).isEqualTo("enrichment_data");
        assertThat(summary.get("ids_omitted").booleanValue()).isTrue();
        assertThat(summary.get("rows").intValue()
                        + stored.get("enrichment_data").size())
                .isEqualTo(3000);
    }

    @Test
    void capTooSmallForTheSkeletonFails() {
        RawInputsFixture fixture = new RawInputsFixture(42).enrichment("e1", "vendor", "x");

        assertThatThrownBy(() -> fixture.compress(40)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void capMustBePositive() {
        assertThatThrownBy(() -> new RawInputsFixture(42).compressor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode rowById(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").textValue().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }
}
