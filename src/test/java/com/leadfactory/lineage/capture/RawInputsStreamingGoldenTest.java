package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.capture.SourceRows.Section;
import org.junit.jupiter.api.Test;

/**
 * The documents the streaming writer stores are the ones the document built as one JSON tree used to store: the
 * SHA-256 and size of the uncompressed JSON below were produced by that code on the same inputs (the two were
 * compared byte for byte, gzip included, before it was removed). A change here changes what is stored.
 */
class RawInputsStreamingGoldenTest {

    private static final int CAP = 64 * 1024;

    private static void assertStored(RawInputsFixture fixture, long cap, String sha256, long bytes, boolean truncated) {
        CompressedRawInputs stored = fixture.compress(cap);

        assertThat(stored.sha256Hex()).isEqualTo(sha256);
        assertThat(stored.uncompressedBytes()).isEqualTo(bytes);
        assertThat(stored.truncated()).isEqualTo(truncated);
    }

    @Test
    void small() {
        RawInputsFixture fixture = new RawInputsFixture(1)
                .assessment("a1", "seo", "slow page password=hunter22 ".repeat(20))
                .enrichment("e1", "clearbit", "acme inc ".repeat(20));
        fixture.message.putObject("pdf").put("uri", "s3://bucket/r.pdf").put("token", "abc");
        fixture.row(Section.ENRICHMENT, "e2", null, "not json {");
        fixture.row(Section.ASSESSMENT, "a2", " padded ", null);

        assertStored(fixture, CAP, "4bd9ab2246ba332255daeb082057b5dad66bd044a914d0c6142bc8e5d002b76f", 1897, false);
    }

    @Test
    void largeCompressibleUnderTheCap() {
        RawInputsFixture fixture = new RawInputsFixture(2);
        for (int i = 0; i < 200; i++) {
            fixture.assessment("a" + i, "seo", "the same finding again and again ".repeat(300));
        }

        assertStored(
                fixture, CAP, "444a2a5354109d1023d8db47c9a03c71e039db9e1f7fb9e4f2a2eb7fa467ec86", 2_001_970, false);
    }

    @Test
    void truncatedEnrichmentFirst() {
        RawInputsFixture fixture = new RawInputsFixture(3);
        for (int i = 0; i < 12; i++) {
            fixture.assessment("a" + i, "kind-" + i, fixture.randomBase64(20_000 + fixture.nextInt(200_000)));
            fixture.enrichment("e" + i, "source-" + i, fixture.randomBase64(50_000 + fixture.nextInt(300_000)));
        }

        assertStored(fixture, CAP, "cbd3ed34de25556c072ab55d1ea3aea36d0479f230c0c1a63562bdf07eafd54b", 68_217, true);
    }

    @Test
    void inputsDropped() {
        RawInputsFixture fixture = new RawInputsFixture(4).enrichment("e1", "vendor", "x");
        fixture.message.putObject("inputs").put("blob", fixture.randomBase64(500_000));

        assertStored(fixture, CAP, "8297d88c59c75eeccaca65c3f2e3a3d302306e16fc23739b871613d03b8213dd", 665, true);
    }

    @Test
    void summarisedDroppedList() {
        RawInputsFixture fixture = new RawInputsFixture(5);
        for (int i = 0; i < 3000; i++) {
            fixture.enrichment("enrichment-row-with-a-long-id-" + i, "vendor-" + i, fixture.randomBase64(40));
        }

        assertStored(fixture, 8 * 1024, "a40be82ac07ba2e2e8b41d195ec439669507c501a621e8299e2ca053bb72723a", 719, true);
    }
}
