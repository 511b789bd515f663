package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.problem.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
}
