package com.leadfactory.lineage.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {

    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private static String reasonFor(String json) {
        return JsonErrors.reason(catchThrowableOfType(JsonProcessingException.class, () -> READER.readTree(json)));
    }

    @Test
    void jacksonsInternalsAreLeftOutAndTheCauseKept() {
        assertThat(reasonFor("{} {}")).isEqualTo("Trailing token (of type START_OBJECT) found after value");
        assertThat(reasonFor("{\"a\":1"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)");
        assertThat(reasonFor("{\"a\":NaN}")).isEqualTo("Non-standard token 'NaN'");
        assertThat(reasonFor("[".repeat(1500) + "]".repeat(1500)))
                .startsWith("Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThat(reasonFor("{\"a\":1" + "0".repeat(2000) + "}"))
                .isEqualTo("Number value length (2001) exceeds the maximum allowed (1000)");
        assertThat(reasonFor("xx")).startsWith("Unrecognized token 'xx'");
    }

    @Test
    void aMessageThatStillNamesJacksonBecomesAFixedPhrase() {
        JsonProcessingException odd =
                new JsonProcessingException("see `com.fasterxml.jackson.core.SomeFeature` for details") {};
        assertThat(JsonErrors.reason(odd)).isEqualTo(JsonErrors.FALLBACK);
    }
}
