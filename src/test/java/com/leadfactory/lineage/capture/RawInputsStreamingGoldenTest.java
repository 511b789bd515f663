package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.capture.SourceRows.Section;
import org.junit.jupiter.api.Test;

/**
 * The documents the streaming writer stores are the ones the document built as one JSON tree used to store: the
 * SHA-256 and size of the uncompressed JSON below were produced by that code on the same inputs (the two were
 * compared byte for byte, gzip included, before it was removed), but for the three times, which are written with
 * their seconds (10:00:00Z, not 10:00Z) since. A change here changes what is stored.
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

        assertStored(fixture, CAP, "8cf81bcdb3dc3365c94397a4429ffe33226c9a25fd7d77f77b222fd7dfcc410e", 1906, false);
    }

    @Test
    void largeCompressibleUnderTheCap() {
        RawInputsFixture fixture = new RawInputsFixture(2);
        for (int i = 0; i < 200; i++) {
            fixture.assessment("a" + i, "seo", "the same finding again and again ".repeat(300));
        }

        assertStored(
                fixture, CAP, "c89821f01b1c3b75efea103961ba7215820693adc1bb56a39bace66d7355becd", 2_001_979, false);
    }

    @Test
    void truncatedEnrichmentFirst() {
        RawInputsFixture fixture = new RawInputsFixture(3);
        for (int i = 0; i < 12; i++) {
            fixture.assessment("a" + i, "kind-" + i, fixture.randomBase64(20_000 + fixture.nextInt(200_000)));
            fixture.enrichment("e" + i, "source-" + i, fixture.randomBase64(50_000 + fixture.nextInt(300_000)));
        }

        assertStored(fixture, CAP, "6d96fc23b9c5f9c9fe8d06d7ed2beb35e8f44c421f69f94d826933f1a2b56334", 68_226, true);
    }

    @Test
    void inputsDropped() {
        RawInputsFixture fixture = new RawInputsFixture(4).enrichment("e1", "vendor", "x");
        fixture.message.putObject("inputs").put("blob", fixture.randomBase64(500_000));

        assertStored(fixture, CAP, "2c830458c436d807b606734493eeeed31c243cb30c65b17d4c5f5d7a4a5247b3", 674, true);
    }

    @Test
    void summarisedDroppedList() {
        RawInputsFixture fixture = new RawInputsFixture(5);
        for (int i = 0; i < 3000; i++) {
            fixture.enrichment("enrichment-row-with-a-long-id-" + i, "vendor-" + i, fixture.randomBase64(40));
        }

        assertStored(fixture, 8 * 1024, "49612162cd84d85fdeb788f030a26e2a4fad62a4cbf026353ab8ae0fc96ec214", 728, true);
    }
}
