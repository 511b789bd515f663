package com.leadfactory.lineage.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessPurposeTest {

    @Test
    void plainTextIsTakenAsItArrives() {
        assertThat(AccessPurpose.decode("SUP-4821 customer disputes the score"))
                .isEqualTo("SUP-4821 customer disputes the score");
        assertThat(AccessPurpose.decode(null)).isNull();
        assertThat(AccessPurpose.problemWithHeader("SUP-1")).isNull();
    }

    @Test
    void anExtendedValueIsPercentDecodedAsUtf8() {
        assertThat(AccessPurpose.decode("UTF-8''Pr%C3%BCfung%20%E2%9C%93")).isEqualTo("Prüfung ✓");
        assertThat(AccessPurpose.decode("utf-8''abc")).isEqualTo("abc");
        assertThat(AccessPurpose.problemWithHeader("UTF-8''Pr%C3%BCfung%20%E2%9C%93"))
                .isNull();
    }

    @Test
    void anExtendedValueThatDoesNotDecodeIsUnreadableNeverMangled() {
        for (String bad : new String[] {"UTF-8''%C3", "UTF-8''%ZZ", "UTF-8''%", "UTF-8''a b", "UTF-8''%FF%FE%FD"}) {
            assertThat(AccessPurpose.decode(bad)).as(bad).isNull();
            assertThat(AccessPurpose.problemWithHeader(bad)).as(bad).contains("RFC 8187");
        }
    }

    @Test
    void thePurposeItselfIsChecked() {
        assertThat(AccessPurpose.problem(null)).contains("is required");
        assertThat(AccessPurpose.problem("  ")).contains("is required");
        assertThat(AccessPurpose.problem("ab")).contains("3-200").contains("it has 2");
        assertThat(AccessPurpose.problem("abc")).isNull();
        assertThat(AccessPurpose.problem("x".repeat(200))).isNull();
        assertThat(AccessPurpose.problem("x".repeat(201))).contains("it has 201");
        assertThat(AccessPurpose.problem("😀😀😀"))
                .as("characters, not UTF-16 units")
                .isNull();
        assertThat(AccessPurpose.problem("a\tb c")).contains("control characters");
        assertThat(AccessPurpose.problem(" abc")).contains("whitespace");
    }
}
