package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The export's file name says which period it holds, not only the day it was made. */
class AuditExportFileNameTest {

    private static final OffsetDateTime EXPORTED = OffsetDateTime.parse("2026-11-27T11:49:07.013456Z");

    @Test
    void namesThePeriodAsked() {
        assertThat(AuditExport.fileName(
                        OffsetDateTime.parse("2026-03-01T00:00Z"),
                        OffsetDateTime.parse("2026-04-01T00:00Z"),
                        EXPORTED,
                        "csv"))
                .isEqualTo("audit-20260301T000000Z-20260401T000000Z.csv");
    }

    @Test
    void anOpenEndIsTheStartOfTheTrailOrTheMomentOfTheExport() {
        assertThat(AuditExport.fileName(OffsetDateTime.parse("2026-03-01T00:00Z"), null, EXPORTED, "ndjson"))
                .isEqualTo("audit-20260301T000000Z-20261127T114907Z.ndjson");
        assertThat(AuditExport.fileName(null, OffsetDateTime.parse("2026-04-01T12:30:15.5Z"), EXPORTED, "csv"))
                .isEqualTo("audit-start-20260401T123015Z.csv");
        assertThat(AuditExport.fileName(null, null, EXPORTED, "csv")).isEqualTo("audit-start-20261127T114907Z.csv");
    }
}
