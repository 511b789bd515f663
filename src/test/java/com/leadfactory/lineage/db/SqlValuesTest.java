package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

class SqlValuesTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.890Z");

    @Test
    void normalisesWhatEitherDriverReturns() throws Exception {
        assertThat(SqlValues.instant(Timestamp.from(AT))).isEqualTo(AT);
        assertThat(SqlValues.instant(AT.atOffset(ZoneOffset.ofHours(2)))).isEqualTo(AT);
        assertThat(SqlValues.instant(AT.atZone(ZoneOffset.UTC))).isEqualTo(AT);
        assertThat(SqlValues.instant("2026-03-04T05:06:07.890Z")).isEqualTo(AT);
        assertThat(SqlValues.instant(null)).isNull();
        UUID id = UUID.randomUUID();
        assertThat(SqlValues.uuid(id.toString())).isEqualTo(id);
        assertThat(SqlValues.trimmed("abc   ")).isEqualTo("abc");

        PGobject json = new PGobject();
        json.setType("jsonb");
        json.setValue("{\"a\": 1}");
        assertThat(JsonColumns.text(json)).isEqualTo("{\"a\": 1}");
        assertThat(JsonColumns.text("[1]".getBytes(StandardCharsets.UTF_8))).isEqualTo("[1]");
        assertThat(JsonColumns.text(null)).isNull();
    }

    @Test
    void writesInstantsAsInstantToStringDoes() {
        assertThat(SqlValues.instantText(null)).isNull();
        assertThat(SqlValues.instantText(AT.atOffset(ZoneOffset.ofHours(2)))).isEqualTo("2026-03-04T05:06:07.890Z");
        for (String edge : new String[] {
            "2026-03-04T05:06:00Z",
            "2026-03-04T05:06:07.000001Z",
            "2026-03-04T05:06:07.000000001Z",
            "2026-03-04T05:06:07.123456Z",
            "2026-03-04T05:06:07.100Z",
            "1500-03-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z"
        }) {
            Instant instant = Instant.parse(edge);
            assertThat(SqlValues.instantText(instant))
                    .isEqualTo(instant.toString())
                    .isEqualTo(edge);
        }
        SplittableRandom random = new SplittableRandom(27);
        long from = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        int[] nanoSteps = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 200_000; i++) {
            int step = nanoSteps[random.nextInt(nanoSteps.length)];
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(from, to), (long) random.nextInt(1_000_000_000 / step) * step);
            assertThat(SqlValues.instantText(instant)).isEqualTo(instant.toString());
        }
    }
}
