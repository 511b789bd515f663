package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportedAccessesTest {

    private final ReportedAccesses accesses = new ReportedAccesses(
            new ObjectMapper(), Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC));

    private static String body(String occurredAt) {
        return "{\"action\":\"pdf_print\",\"on_behalf_of\":\"Jürgen\",\"occurred_at\":\"" + occurredAt
                + "\",\"event_id\":\"e-1\"}";
    }

    @Test
    void aSmallClockSkewIsAcceptedAndTheTimeKeptInUtc() {
        ReportedAccesses.Checked checked = accesses.check(body("2026-03-14T14:04:59+02:00"));
        assertThat(checked.occurredAt().toString()).isEqualTo("2026-03-14T12:04:59Z");
        assertThat(checked.onBehalfOf()).isEqualTo("Jürgen");
        assertThat(checked.purpose()).isNull();
    }

    @Test
    void moreThanFiveMinutesAheadIsRefused() {
        AccessReportException refused =
                catchThrowableOfType(AccessReportException.class, () -> accesses.check(body("2026-03-14T12:05:01Z")));
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().errors()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("occurred_at");
            assertThat(v.message()).contains("future");
        });
    }

    @Test
    void everyBrokenFieldIsNamedAtOnce() {
        AccessReportException refused = catchThrowableOfType(
                AccessReportException.class,
                () -> accesses.check("{\"action\":\"pdf_burn\",\"on_behalf_of\":\" \",\"occurred_at\":\"\","
                        + "\"purpose\":7,\"extra\":1}"));
        assertThat(refused.problem().errors())
                .extracting(v -> v.field())
                .containsExactlyInAnyOrder("extra", "action", "on_behalf_of", "occurred_at", "purpose", "event_id");
        assertThat(refused.getMessage()).contains("nothing was recorded");
    }

    @Test
    void aNameIsTakenInTheOneSpellingAnAuditorSearchesFor() {
        for (String name : new String[] {" jane", "jane ", "jane\t", "Jane\u0301"}) {
            AccessReportException refused = catchThrowableOfType(
                    AccessReportException.class,
                    () -> accesses.check("{\"action\":\"pdf_view\",\"on_behalf_of\":\""
                            + name.replace("\t", "\\t") + "\",\"occurred_at\":\"2026-03-14T12:00:00Z\","
                            + "\"event_id\":\"e-2\"}"));
            assertThat(refused).as(name).isNotNull();
            assertThat(refused.problem().errors())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("on_behalf_of"));
        }
        assertThat(accesses.check(body("2026-03-14T12:00:00Z")).onBehalfOf())
                .as("composed characters are what it takes")
                .isEqualTo("J\u00fcrgen");
    }
}
