package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.problem.BadParameterException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestParametersTest {

    private final RequestParameters parameters = new RequestParameters();

    @Test
    void typesEveryFilterAndDefaultsThePage() {
        UUID lead = UUID.randomUUID();
        Map<String, Object> headers = new HashMap<>();
        headers.put("lead_id", lead.toString());
        headers.put("pdf_sha256", "AB".repeat(32));
        headers.put("from", "2026-01-01T01:00:00+01:00");
        Map<String, Object> search = parameters.search(headers);

        assertThat(search.get("lead_id")).isEqualTo(lead);
        assertThat(search.get("pdf_sha256")).isEqualTo("ab".repeat(32));
        assertThat(search.get("from")).isEqualTo(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(search.get("template_version_id")).isNull();
        assertThat(search.get("lineage_id")).isNull();
        assertThat(search.get("limit")).isEqualTo(RequestParameters.DEFAULT_LIMIT);
        assertThat(search.get("fetch")).isEqualTo(RequestParameters.DEFAULT_LIMIT + 1);
        assertThat(search.get("after_id")).isNull();
    }

    @Test
    void aLineageIdIsTypedLikeTheOtherIds() {
        UUID lineage = UUID.randomUUID();
        Map<String, Object> search = parameters.search(
                new HashMap<>(Map.of("lineage_id", lineage.toString().toUpperCase())));
        assertThat(search.get("lineage_id")).isEqualTo(lineage);
    }

    @Test
    void namesTheParameterItRefuses() {
        assertRefused(Map.of("pipeline_run_id", "123"), "pipeline_run_id");
        assertRefused(Map.of("lineage_id", "0192f7b4-8c1e"), "lineage_id");
        assertRefused(Map.of("limit", "abc"), "limit");
        assertRefused(Map.of("limit", "500"), "limit");
        assertRefused(Map.of("to", "tomorrow"), "to");
        assertRefused(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"), "to");
        assertRefused(Map.of("template_version_id", "x".repeat(256)), "template_version_id");
        assertThatThrownBy(() -> parameters.uuid("report_id", null)).hasMessageContaining("is required");
    }

    /** Values are used exactly as sent: a blank one is refused, not taken as absent, and nothing is trimmed. */
    @Test
    void takesValuesExactlyAsSent() {
        String uuid = UUID.randomUUID().toString();
        assertRefused(Map.of("template_version_id", "  "), "template_version_id");
        assertRefused(Map.of("lead_id", uuid + " "), "lead_id");
        assertRefused(Map.of("lead_id", " " + uuid), "lead_id");
        assertRefused(Map.of("lead_id", ""), "lead_id");
        assertRefused(Map.of("template_version_id", "a\u0000b"), "template_version_id");
        assertRefused(Map.of("template_version_id", java.util.List.of("a", "b")), "template_version_id");
        assertThatThrownBy(() -> parameters.uuid("a", uuid + "\u0000"))
                .hasMessage("a: must not contain control characters (U+0000 at position 37)");
        assertRefused(Map.of("template_version_id", "v1\u202Egnp.exe"), "template_version_id");
        assertThatThrownBy(() -> parameters.auditSearch(new HashMap<>(Map.of("user_id", "crm\u200B"))))
                .hasMessage("user_id: must not contain invisible format characters (U+200B at position 4)");
        assertRefused(Map.of("template_version_id", "v1\u2028"), "template_version_id");
        assertThatThrownBy(() -> parameters.search(new HashMap<>(Map.of("template_version_id", "v1\u202Egnp.exe"))))
                .hasMessage("template_version_id: must not contain invisible format characters (U+202E at position 3)");
        assertThatThrownBy(() ->
                        parameters.auditSearch(new HashMap<>(Map.of("user_id", java.util.List.of("crm", "aud1")))))
                .hasMessage("user_id: must be given at most once");
    }

    /** An offset's '+' typed into a URL arrives as a space (form decoding): the answer says so, not just "RFC 3339". */
    @Test
    void anOffsetWhosePlusArrivedAsASpaceIsNamedAsSuch() {
        assertThatThrownBy(() -> parameters.auditSearch(new HashMap<>(Map.of("from", "2026-03-29T02:30:00 01:00"))))
                .hasMessage("from: must be an RFC 3339 timestamp with offset, e.g. 2026-01-31T00:00:00Z (the '+' of"
                        + " its offset arrived as a space: in a query string send it as %2B,"
                        + " 2026-03-29T02:30:00%2B01:00)");
        assertThatThrownBy(() -> parameters.search(new HashMap<>(Map.of("to", "2026-03-29T02:30:00.5 05:30"))))
                .hasMessageEndingWith("send it as %2B, 2026-03-29T02:30:00.5%2B05:30)");
        assertThatThrownBy(() -> parameters.search(new HashMap<>(Map.of("to", "2026-03-29 02:30:00Z"))))
                .hasMessage("to: must be an RFC 3339 timestamp with offset, e.g. 2026-01-31T00:00:00Z");
    }

    @Test
    void acceptsACursorItIssued() {
        UUID after = UUID.randomUUID();
        String cursor = new KeysetCursor(java.time.Instant.parse("2026-05-01T00:00:00Z"), after).encode();
        Map<String, Object> page =
                parameters.auditPage(UUID.randomUUID().toString(), Map.of("cursor", cursor, "limit", "7"));
        assertThat(page.get("after_id")).isEqualTo(after);
        assertThat(page.get("fetch")).isEqualTo(8);
    }

    private void assertRefused(Map<String, Object> headers, String parameter) {
        assertThatThrownBy(() -> parameters.search(new HashMap<>(headers)))
                .isInstanceOf(BadParameterException.class)
                .extracting(e -> ((BadParameterException) e).parameter())
                .isEqualTo(parameter);
    }
}
