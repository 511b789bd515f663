package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.SourceRows.Section;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** A completion and its source rows in memory, rows as camel-sql's SelectList maps them; no database. */
class RawInputsFixture implements SourceRows {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-01T08:05:30Z"), ZoneOffset.UTC);
    static final Instant ROWS_AT = Instant.parse("2024-07-01T08:00:00Z");

    final ObjectMapper mapper = new ObjectMapper();
    final SecretRedactor redactor = new SecretRedactor(
            SecretRedactor.defaultRules(), SecretRedactor.defaultSensitiveKeys(), new SimpleMeterRegistry());
    final Map<Section, List<Map<String, Object>>> rows = new EnumMap<>(Section.class);
    final ObjectNode message = mapper.createObjectNode();
    private final Random random;
    int reads;

    RawInputsFixture(long seed) {
        random = new Random(seed);
        rows.put(Section.ASSESSMENT, new ArrayList<>());
        rows.put(Section.ENRICHMENT, new ArrayList<>());
        message.put("report_generation_id", "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
        message.put("lead_id", "11111111-2222-4333-8444-555555555555");
        message.put("pipeline_run_id", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        message.put("template_version_id", "tpl-7");
        message.put("pipeline_started_at", "2024-07-01T08:01:00Z");
        message.put("pipeline_finished_at", "2024-07-01T08:05:00Z");
        message.putObject("inputs").put("campaign", "summer");
        message.put("retry_count", 1);
    }

    /** A row whose payload is {@code {"text": text}}. */
    RawInputsFixture assessment(String id, String kind, String text) {
        return row(Section.ASSESSMENT, id, kind, "{\"text\": \"" + text + "\"}");
    }

    RawInputsFixture enrichment(String id, String source, String text) {
        return row(Section.ENRICHMENT, id, source, "{\"text\": \"" + text + "\"}");
    }

    RawInputsFixture row(Section section, String id, String label, String payloadJson) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        if (section == Section.ASSESSMENT) {
            row.put("pipeline_run_id", null);
        }
        row.put(section.label(), label);
        row.put("payload", payloadJson);
        row.put("created_at", ROWS_AT.plus(rows.get(section).size(), ChronoUnit.SECONDS));
        rows.get(section).add(row);
        return this;
    }

    String randomBase64(int bytes) {
        byte[] raw = new byte[bytes * 3 / 4];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    CompletionMessage completion() {
        return new CompletionValidator(mapper).validate(message.toString().getBytes(StandardCharsets.UTF_8));
    }

    RawInputsCompressor compressor(long cap) {
        return new RawInputsCompressor(mapper, redactor, cap, CLOCK);
    }

    RawInputsCompressor.CompressedRawInputs compress(long cap) {
        return compressor(cap).compress(completion(), this);
    }

    @Override
    public void forEach(Section section, Consumer<Map<String, Object>> row) {
        reads++;
        rows.get(section).forEach(row);
    }
}
