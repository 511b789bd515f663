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
        assertThat(field("=SUM(A1)")).as("written as stored").isEqualTo("=SUM(A1)");
    }

    private static String field(String value) {
        StringBuilder line = new StringBuilder();
        ExportFormat.csvField(line, value);
        return line.toString();
    }
}
