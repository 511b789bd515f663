package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.problem.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {

    @Test
    void roundTripsAndStaysOpaque() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-25T10:15:30.123456Z"), UUID.randomUUID());
        String encoded = cursor.encode();
        assertThat(encoded).doesNotContain("2026").matches("[A-Za-z0-9_-]+");
        assertThat(KeysetCursor.decode("cursor", encoded)).isEqualTo(cursor);
    }

    @Test
    void refusesWhatItDidNotIssue() {
        String wrongVersion = Base64.getUrlEncoder()
                .encodeToString(("v0|2026-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        // a time no cursor of this API holds, and PostgreSQL cannot compare with (it was a 500)
        String farFuture = Base64.getUrlEncoder()
                .encodeToString(("v1|+300000-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        for (String bad :
                new String[] {"***", wrongVersion, Base64.getUrlEncoder().encodeToString("v1|x|y".getBytes()), farFuture
                }) {
            assertThatThrownBy(() -> KeysetCursor.decode("cursor", bad))
                    .isInstanceOf(BadParameterException.class)
                    .extracting(e -> ((BadParameterException) e).parameter())
                    .isEqualTo("cursor");
        }
    }

    @Test
    void readsTheInstantsItWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(11);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoSteps = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 100_000; i++) {
            int step = nanoSteps[random.nextInt(nanoSteps.length)];
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(from, to), (long) random.nextInt(1_000_000_000 / step) * step);
            assertThat(KeysetCursor.issuedInstant(instant.toString())).isEqualTo(instant);
            KeysetCursor cursor = new KeysetCursor(instant, UUID.randomUUID());
            assertThat(KeysetCursor.decode("cursor", cursor.encode())).isEqualTo(cursor);
        }
        // anything else is left to Instant.parse, which reads or refuses it as before
        for (String other : new String[] {
            "2026-11-25T10:15:30.1Z",
            "2026-11-25t10:15:30z",
            "2026-13-25T10:15:30Z",
            "2026-11-25T23:59:60Z",
            "+12026-11-25T10:15:30Z",
            "2026-11-25T10:15:3xZ",
            "2026-11-25T10:15:30.12345Z"
        }) {
            assertThat(KeysetCursor.issuedInstant(other)).isNull();
        }
        String leapSecond = Base64.getUrlEncoder()
                .encodeToString(("v1|2026-12-31T23:59:60Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        assertThat(KeysetCursor.decode("cursor", leapSecond).after()).isEqualTo(Instant.parse("2026-12-31T23:59:60Z"));
        String badMonth = Base64.getUrlEncoder()
                .encodeToString(("v1|2026-13-01T00:00:00Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeysetCursor.decode("cursor", badMonth)).isInstanceOf(BadParameterException.class);
    }
}
