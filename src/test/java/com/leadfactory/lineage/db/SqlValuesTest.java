package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
