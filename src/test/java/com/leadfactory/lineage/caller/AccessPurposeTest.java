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

    @Test
    void anRfc8187ValueDecodesWhateverTheCharsetsCaseAndWithALanguageTag() {
        assertThat(AccessPurpose.decode("utf-8'de'abc%20d")).isEqualTo("abc d");
        assertThat(AccessPurpose.decode("Utf-8'en-GB'Pr%C3%BCfung")).isEqualTo("Prüfung");
        assertThat(AccessPurpose.problemWithHeader("utf-8'de'abc%20d")).isNull();
    }

    @Test
    void anIso88591ExtendedValueIsDecodedAsLatin1AsRfc8187HasEveryRecipientDo() {
        assertThat(AccessPurpose.decode("ISO-8859-1''Pr%FCfung%20caf%E9")).isEqualTo("Prüfung café");
        assertThat(AccessPurpose.decode("iso-8859-1'de'abc")).isEqualTo("abc");
        assertThat(AccessPurpose.problemWithHeader("ISO-8859-1''ab%85c"))
                .as("a C1 control character is refused whatever the charset")
                .isNotNull();
    }

    @Test
    void rawBytesBeyondAsciiAreUnreadableNeverStoredAsMojibake() {
        // what Tomcat hands over for the raw UTF-8 bytes of "café raw" (read as ISO-8859-1)
        String asReceived = new String(
                "café raw".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(AccessPurpose.decode(asReceived)).isNull();
        assertThat(AccessPurpose.problemWithHeader(asReceived)).contains("RFC 8187");
    }

    @Test
    void invisibleFormatAndSeparatorCharactersAndLoneSurrogatesAreRefused() {
        assertThat(AccessPurpose.problem("abc\u202Edef"))
                .contains("format characters")
                .contains("U+202E");
        assertThat(AccessPurpose.problem("abc\u2028def")).contains("separators");
        assertThat(AccessPurpose.problem("abc\u2029def")).contains("separators");
        assertThat(AccessPurpose.problem("abc\u200Fdef")).contains("format characters");
        assertThat(AccessPurpose.problem("abc\uD800def")).contains("surrogate");
        assertThat(AccessPurpose.problem("a\u0085bc")).contains("control characters");
    }
}
