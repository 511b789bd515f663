package com.leadfactory.lineage.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void oneLineEscapesLineBreaksTerminalEscapesAndInvisibleFormatCharacters() {
        assertThat(FailureText.oneLine("k\n2026-11-27T14:30:00Z INFO forged\r\u001b[2J\tx\u0085\u2028\u202Eexe.png"))
                .isEqualTo("k\\n2026-11-27T14:30:00Z INFO forged\\r\\u001B[2J\\tx\\u0085\\u2028\\u202Eexe.png");
    }

    @Test
    void oneLineKeepsPrintableTextAsItIs() {
        String text = "lead_id must be a UUID; Prüfung ✓ \uD83D\uDE00 \\n stays two characters";
        assertThat(FailureText.oneLine(text)).isSameAs(text);
        assertThat(FailureText.oneLine(null)).isNull();
    }
}
