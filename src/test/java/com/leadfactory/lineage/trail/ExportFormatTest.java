package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void theAcceptHeaderPicksTheExportOrNone() {
        assertThat(ExportFormat.accepted("text/csv")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.accepted("application/json, Text/CSV;q=0.9")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.accepted("application/x-ndjson")).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.accepted("application/json")).isNull();
        assertThat(ExportFormat.accepted("*/*")).isNull();
        assertThat(ExportFormat.accepted(null)).isNull();
        assertThat(ExportFormat.accepted("text/csv;q=0, application/json")).isNull();
        assertThat(ExportFormat.accepted("text/csv; Q=0.0, application/x-ndjson;q=0.5"))
                .isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.CSV.contentType()).startsWith("text/csv; charset=utf-8");
        assertThat(ExportFormat.NDJSON.contentType()).isEqualTo("application/x-ndjson");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(field("plain")).isEqualTo("plain");
        assertThat(field(null)).isEmpty();
        assertThat(field("a,b")).isEqualTo("\"a,b\"");
        assertThat(field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() {
        assertThat(field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(field("+1")).isEqualTo("'+1");
        assertThat(field("-2+3")).isEqualTo("'-2+3");
        assertThat(field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(field("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(field("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(field("'=1"))
                .as("reversible: one leading quote removed is the stored value")
                .isEqualTo("''=1");
        assertThat(field("a=1")).as("only the first character counts").isEqualTo("a=1");
        assertThat(field("x;=cmd|' /C calc'!A0"))
                .as("a spreadsheet that splits on semicolons (its locale's list separator) sees one cell")
                .isEqualTo("\"x;=cmd|' /C calc'!A0\"");
        assertThat(field("x\t@SUM(A1)")).as("nor does one that splits on tabs").isEqualTo("\"x\t@SUM(A1)\"");
        assertThat(field("")).isEmpty();
    }

    private static String field(String value) {
        StringBuilder line = new StringBuilder();
        ExportFormat.csvField(line, value);
        return line.toString();
    }
}
