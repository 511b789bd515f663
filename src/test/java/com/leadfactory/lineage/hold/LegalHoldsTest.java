package com.leadfactory.lineage.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.query.RequestParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LegalHoldsTest {

    private final LegalHolds holds = new LegalHolds(new ObjectMapper(), new RequestParameters());

    private String reason(String body) {
        return holds.reason(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theReasonIsTakenAsSentWithinItsLimits() {
        assertThat(reason("{\"reason\": \"LIT-1\"}")).isEqualTo("LIT-1");
        assertThat(reason("{\"reason\": \" padded \"}")).isEqualTo(" padded ");
        assertThat(reason("{\"reason\": \"😀😀😀\"}"))
                .as("code points, not UTF-16 units")
                .hasSize(6);
    }

    @Test
    void aBadReasonNamesTheField() {
        for (String body : new String[] {
            null,
            "",
            "[]",
            "{\"reason\": null}",
            "{\"reason\": true}",
            "{\"reason\": \"ab\"}",
            "{\"reason\": \"\\u0007bel\"}"
        }) {
            assertThatThrownBy(() -> reason(body))
                    .as(String.valueOf(body))
                    .isInstanceOfSatisfying(
                            BadParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("reason"));
        }
    }

    /** caller.JsonDuplicates names the key that was sent twice, wherever it is, as every other door does. */
    @Test
    void aKeySentTwiceIsRefusedNamingThatKey() {
        assertThatThrownBy(() -> reason("{\"reason\": \"first reason\", \"reason\": \"second reason\"}"))
                .isInstanceOfSatisfying(BadParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("reason");
                    assertThat(e.getMessage()).isEqualTo("reason: is given more than once");
                });
        assertThatThrownBy(() -> reason("{\"reason\": \"valid reason\", \"note\": 1, \"note\": 2}"))
                .as("not reported as the reason: the reason was given once")
                .isInstanceOfSatisfying(
                        BadParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("note"));
        assertThatThrownBy(() -> reason("{\"reason\": \"valid reason\""))
                .isInstanceOfSatisfying(
                        BadParameterException.class,
                        e -> assertThat(e.getMessage()).contains("not JSON"));
    }

    @Test
    void aScopeIsLineageOrLead() {
        assertThat(holds.toHold(null)).isNull();
        assertThatThrownBy(() -> holds.release(
                        new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext()),
                        "report"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
