package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.capture.SourceRows.Section;
import org.junit.jupiter.api.Test;

/** The streaming writer against the tree-based assembler and compressor it replaces: the same bytes. */
class RawInputsStreamingEquivalenceTest {

    private static final int CAP = 64 * 1024;

    private void assertSameAsTree(RawInputsFixture fixture, long cap) {
        CompletionMessage completion = fixture.completion();
        var tree = new TreeRawInputsCompressor(fixture.mapper, cap)
                .compress(new TreeRawInputsAssembler(fixture.mapper, fixture.redactor, RawInputsFixture.CLOCK)
                        .assemble(
                                completion,
                                fixture.rows.get(Section.ASSESSMENT),
                                fixture.rows.get(Section.ENRICHMENT)));
        CompressedRawInputs streamed = fixture.compressor(cap).compress(completion, fixture);
        System.out.printf(
                "%s truncated=%s bytes=%d%n", streamed.sha256Hex(), streamed.truncated(), streamed.uncompressedBytes());
        assertThat(streamed.gzip()).isEqualTo(tree.gzip());
        assertThat(streamed.sha256Hex()).isEqualTo(tree.sha256Hex());
        assertThat(streamed.uncompressedBytes()).isEqualTo(tree.uncompressedBytes());
        assertThat(streamed.compressionRatio()).isEqualTo(tree.compressionRatio());
        assertThat(streamed.truncated()).isEqualTo(tree.truncated());
    }

    @Test
    void small() {
        RawInputsFixture fixture = new RawInputsFixture(1)
                .assessment("a1", "seo", "slow page password=hunter22 ".repeat(20))
                .enrichment("e1", "clearbit", "acme inc ".repeat(20));
        fixture.message.putObject("pdf").put("uri", "s3://bucket/r.pdf").put("token", "abc");
        fixture.row(Section.ENRICHMENT, "e2", null, "not json {");
        fixture.row(Section.ASSESSMENT, "a2", " padded ", null);
        assertSameAsTree(fixture, CAP);
    }

    @Test
    void largeCompressibleUnderTheCap() {
        RawInputsFixture fixture = new RawInputsFixture(2);
        for (int i = 0; i < 200; i++) {
            fixture.assessment("a" + i, "seo", "the same finding again and again ".repeat(300));
        }
        assertSameAsTree(fixture, CAP);
    }

    @Test
    void truncatedEnrichmentFirst() {
        RawInputsFixture fixture = new RawInputsFixture(3);
        for (int i = 0; i < 12; i++) {
            fixture.assessment("a" + i, "kind-" + i, fixture.randomBase64(20_000 + fixture.nextInt(200_000)));
            fixture.enrichment("e" + i, "source-" + i, fixture.randomBase64(50_000 + fixture.nextInt(300_000)));
        }
        assertSameAsTree(fixture, CAP);
    }

    @Test
    void inputsDropped() {
        RawInputsFixture fixture = new RawInputsFixture(4).enrichment("e1", "vendor", "x");
        fixture.message.putObject("inputs").put("blob", fixture.randomBase64(500_000));
        assertSameAsTree(fixture, CAP);
    }

    @Test
    void summarisedDroppedList() {
        RawInputsFixture fixture = new RawInputsFixture(5);
        for (int i = 0; i < 3000; i++) {
            fixture.enrichment("enrichment-row-with-a-long-id-" + i, "vendor-" + i, fixture.randomBase64(40));
        }
        assertSameAsTree(fixture, 8 * 1024);
    }
}
