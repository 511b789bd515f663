package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.problem.FieldViolation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompletionValidatorTest {

    private static final String REPORT_ID = "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b";
    private static final String LEAD_ID = "11111111-2222-4333-8444-555555555555";
    private static final String RUN_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    private static final String SHA = "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789";

    private final ObjectMapper mapper = new ObjectMapper();
    private final CompletionValidator validator = new CompletionValidator(mapper);

    private ObjectNode validMessage() {
        ObjectNode node = mapper.createObjectNode();
        node.put("report_generation_id", REPORT_ID);
        node.put("lead_id", LEAD_ID);
        node.put("pipeline_run_id", RUN_ID);
        node.put("template_version_id", "tpl-2024-07");
        node.put("pipeline_started_at", "2024-07-01T10:00:00+02:00");
        node.put("pipeline_finished_at", "2024-07-01T08:05:30.123Z");
        ObjectNode pdf = node.putObject("pdf");
        pdf.put("uri", "s3://reports/r1.pdf");
        pdf.put("sha256", SHA);
        pdf.put("size_bytes", 123456);
        node.putArray("pipeline_logs").addObject().put("level", "INFO").put("msg", "done");
        node.putObject("inputs").put("campaign", "summer");
        return node;
    }

    private List<FieldViolation> violationsOf(Object body) {
        try {
            validator.validate(body);
        } catch (InvalidCompletionException e) {
            return e.violations();
        }
        throw new AssertionError("expected InvalidCompletionException");
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<FieldViolation> violationsOf(ObjectNode node) {
        return violationsOf(node.toString());
    }

    @Test
    void validMessageRoundTrips() {
        CompletionMessage message = validator.validate(validMessage().toString());

        assertThat(message.getReportGenerationId()).isEqualTo(UUID.fromString(REPORT_ID));
        assertThat(message.getLeadId()).isEqualTo(UUID.fromString(LEAD_ID));
        assertThat(message.getPipelineRunId()).isEqualTo(UUID.fromString(RUN_ID));
        assertThat(message.getTemplateVersionId()).isEqualTo("tpl-2024-07");
        assertThat(message.getPipelineStartedAt()).isEqualTo(OffsetDateTime.parse("2024-07-01T08:00:00Z"));
        assertThat(message.getPipelineFinishedAt()).isEqualTo(OffsetDateTime.parse("2024-07-01T08:05:30.123Z"));
        assertThat(message.getPdfUri()).isEqualTo("s3://reports/r1.pdf");
        assertThat(message.getPdfSha256()).isEqualTo(SHA.toLowerCase());
        assertThat(message.getPdfSizeBytes()).isEqualTo(123456L);
        assertThat(message.getPdf()).isEqualTo(validMessage().get("pdf"));
        assertThat(message.getPipelineLogs()).isEqualTo(validMessage().get("pipeline_logs"));
        assertThat(message.getInputs()).isEqualTo(validMessage().get("inputs"));
        assertThat(message.getUnknownFields()).isEmpty();
    }

    @Test
    void offsetsAreNormalisedToUtc() {
        CompletionMessage message = validator.validate(validMessage().toString());

        assertThat(message.getPipelineStartedAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(message.getPipelineStartedAt().getHour()).isEqualTo(8);
        assertThat(message.getPipelineFinishedAt().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        ObjectNode node = validMessage();
        node.remove("pdf");
        node.remove("inputs");
        node.putNull("pipeline_logs");

        CompletionMessage message = validator.validate(node.toString());

        assertThat(message.getPdf()).isNull();
        assertThat(message.getPdfUri()).isNull();
        assertThat(message.getPdfSha256()).isNull();
        assertThat(message.getPdfSizeBytes()).isNull();
        assertThat(message.getPipelineLogs()).isNull();
        assertThat(message.getInputs()).isNull();
        assertThat(message.getUnknownFields()).isNotNull().isEmpty();
    }

    @Test
    void inputsMustBeAnObject() {
        for (String inputs : java.util.List.of("[1]", "\"text\"", "3", "true")) {
            ObjectNode node = validMessage();
            node.set("inputs", readTree(inputs));
            assertThat(violationsOf(node)).extracting(FieldViolation::field).containsExactly("inputs");
        }
    }

    @Test
    void aValueNestedDeeperThanTheStoredDocumentsCanHoldIsRefusedNamingItsField() throws Exception {
        int limit = CompletionValidator.MAX_NESTING;
        String fields = mapper.writeValueAsString(validMessage());
        String within = fields.substring(0, fields.length() - 1) + ",\"deep\":" + "[".repeat(limit) + "1"
                + "]".repeat(limit) + "}";
        assertThat(validator.validate(within).getUnknownFields().has("deep")).isTrue();
        String deeper = fields.substring(0, fields.length() - 1) + ",\"deep\":" + "[".repeat(limit + 1) + "1"
                + "]".repeat(limit + 1) + "}";
        assertThat(violationsOf((Object) deeper))
                .extracting(FieldViolation::field)
                .containsExactly("deep");
        String beyondTheParser = "{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(violationsOf((Object) beyondTheParser))
                .extracting(FieldViolation::field)
                .containsExactly("body");
    }

    @Test
    void bytesInUtf16OrUtf32AreRefusedAsNotUtf8() {
        for (java.nio.charset.Charset charset : java.util.List.of(
                java.nio.charset.StandardCharsets.UTF_16,
                java.nio.charset.StandardCharsets.UTF_16LE,
                java.nio.charset.Charset.forName("UTF-32BE"))) {
            assertThat(violationsOf(validMessage().toString().getBytes(charset)))
                    .extracting(FieldViolation::message)
                    .singleElement()
                    .asString()
                    .contains("not UTF-8");
        }
        byte[] latin1 = validMessage()
                .toString()
                .replace("tpl", "tpl\u00e9")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(violationsOf(latin1))
                .extracting(FieldViolation::message)
                .singleElement()
                .asString()
                .contains("UTF-8");
    }

    @Test
    void pipelineLogsMayBeAnObject() {
        ObjectNode node = validMessage();
        node.putObject("pipeline_logs").put("summary", "ok");

        assertThat(validator.validate(node.toString()).getPipelineLogs().isObject())
                .isTrue();
    }

    @Test
    void unknownTopLevelFieldsAreKept() {
        ObjectNode node = validMessage();
        node.put("retry_count", 3);
        node.putObject("extra").put("a", "b");

        CompletionMessage message = validator.validate(node.toString());

        assertThat(message.getUnknownFields().size()).isEqualTo(2);
        assertThat(message.getUnknownFields().get("retry_count").intValue()).isEqualTo(3);
        assertThat(message.getUnknownFields().get("extra").get("a").textValue()).isEqualTo("b");
    }

    @Test
    void acceptsBytesAndInputStream() {
        byte[] bytes = validMessage().toString().getBytes(StandardCharsets.UTF_8);

        assertThat(validator.validate(bytes).getLeadId()).isEqualTo(UUID.fromString(LEAD_ID));
        assertThat(validator.validate(new ByteArrayInputStream(bytes)).getLeadId())
                .isEqualTo(UUID.fromString(LEAD_ID));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n", "[]", "\"text\"", "42", "null"})
    void bodyThatIsNotAJsonObjectIsRejected(String body) {
        assertThat(violationsOf((Object) body)).containsExactly(new FieldViolation("body", "must be a JSON object"));
    }

    @Test
    void emptyBytesAndStreamAreRejected() {
        assertThat(violationsOf(new byte[0])).extracting(FieldViolation::field).containsExactly("body");
        assertThat(violationsOf(new ByteArrayInputStream(new byte[0])))
                .extracting(FieldViolation::field)
                .containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"lead_id\": ", "{\"a\":1} trailing", "{'single': 1}"})
    void malformedJsonIsReportedOnBodyWithShortMessage(String body) {
        List<FieldViolation> violations = violationsOf((Object) body);

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).field()).isEqualTo("body");
        assertThat(violations.get(0).message())
                .startsWith("is not valid JSON")
                .doesNotContain("\tat ")
                .hasSizeLessThan(300);
    }

    @Test
    void unsupportedBodyTypeIsAProgrammingError() {
        assertThatThrownBy(() -> validator.validate(42L)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "report_generation_id",
                "lead_id",
                "pipeline_run_id",
                "template_version_id",
                "pipeline_started_at",
                "pipeline_finished_at"
            })
    void requiredFieldMissingOrNull(String field) {
        ObjectNode missing = validMessage();
        missing.remove(field);
        ObjectNode nulled = validMessage();
        nulled.putNull(field);

        assertThat(violationsOf(missing)).containsExactly(new FieldViolation(field, "is required"));
        assertThat(violationsOf(nulled)).containsExactly(new FieldViolation(field, "is required"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "report_generation_id",
                "lead_id",
                "pipeline_run_id",
                "template_version_id",
                "pipeline_started_at",
                "pipeline_finished_at"
            })
    void requiredFieldOfWrongType(String field) {
        ObjectNode number = validMessage();
        number.put(field, 12);
        ObjectNode object = validMessage();
        object.putObject(field);

        assertThat(violationsOf(number)).containsExactly(new FieldViolation(field, "must be a string"));
        assertThat(violationsOf(object)).containsExactly(new FieldViolation(field, "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "", "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6bff"})
    void badUuid(String value) {
        ObjectNode node = validMessage();
        node.put("lead_id", value);

        assertThat(violationsOf(node)).containsExactly(new FieldViolation("lead_id", "must be a UUID"));
    }

    @Test
    void templateVersionIdIsStoredAsSentAndLengthChecked() {
        ObjectNode blank = validMessage();
        blank.put("template_version_id", "   ");
        ObjectNode tooLong = validMessage();
        tooLong.put("template_version_id", "x".repeat(256));
        ObjectNode longest = validMessage();
        longest.put("template_version_id", "x".repeat(255));
        ObjectNode astral = validMessage();
        astral.put("template_version_id", "\uD83D\uDE00".repeat(255));
        ObjectNode inner = validMessage();
        inner.put("template_version_id", "audit v3 (rev 2)");

        assertThat(violationsOf(blank)).extracting(FieldViolation::field).containsExactly("template_version_id");
        assertThat(violationsOf(tooLong)).extracting(FieldViolation::field).containsExactly("template_version_id");
        assertThat(validator.validate(longest.toString()).getTemplateVersionId())
                .hasSize(255);
        assertThat(validator.validate(astral.toString()).getTemplateVersionId())
                .as("255 characters outside the BMP are 255 characters, not 510")
                .hasSize(510);
        assertThat(validator.validate(inner.toString()).getTemplateVersionId()).isEqualTo("audit v3 (rev 2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1\u0000\u0007", "v1\n", "v\t1", "\u007Fv1", "v1\u0085"})
    void templateVersionIdWithControlCharactersIsRefusedNotStripped(String value) {
        ObjectNode node = validMessage();
        node.put("template_version_id", value);

        assertThat(violationsOf(node)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("template_version_id");
            assertThat(violation.message()).contains("control characters");
        });
    }

    /** A bidi override, zero-width or other invisible character would make the stored identifier read differently. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1\u202Egnp.exe",
                "v\u200B1",
                "v1\u200F",
                "\u2066v1\u2069",
                "\uFEFFv1",
                "v1\u2028v2",
                "v1\u2029",
                "v1\uD800x",
                "v1\uDC00"
            })
    void templateVersionIdWithInvisibleCharactersIsRefusedOnceNamingIt(String value) {
        ObjectNode node = validMessage();
        node.put("template_version_id", value);

        assertThat(violationsOf(node)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("template_version_id");
            assertThat(violation.message())
                    .as("the same wording as caller.PlainText's, with the character and its position")
                    .isEqualTo(PlainText.problem(value))
                    .contains("U+");
        });
    }

    @Test
    void pdfUriWithABidiOverrideIsRefused() {
        ObjectNode node = validMessage();
        ((ObjectNode) node.get("pdf")).put("uri", "s3://reports/r1\u202Efdp.exe");

        assertThat(violationsOf(node))
                .containsExactly(new FieldViolation(
                        "pdf.uri", "must not contain invisible format characters (U+202E at position 16)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"  v1  ", " v1", "v1 ", "\u00A0v1"})
    void templateVersionIdWithSurroundingWhitespaceIsRefusedNotTrimmed(String value) {
        ObjectNode node = validMessage();
        node.put("template_version_id", value);

        assertThat(violationsOf(node)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("template_version_id");
            assertThat(violation.message()).contains("whitespace");
        });
    }

    @Test
    void pdfUriLongerThanItsLimitIsRefusedAndOneAtTheLimitAccepted() {
        ObjectNode atLimit = validMessage();
        String uri = "s3://reports/";
        ((ObjectNode) atLimit.get("pdf")).put("uri", uri + "r".repeat(CompletionValidator.PDF_URI_MAX - uri.length()));
        ObjectNode over = validMessage();
        ((ObjectNode) over.get("pdf")).put("uri", uri + "r".repeat(CompletionValidator.PDF_URI_MAX - uri.length() + 1));

        assertThat(validator.validate(atLimit.toString()).getPdfUri()).hasSize(CompletionValidator.PDF_URI_MAX);
        assertThat(violationsOf(over))
                .containsExactly(new FieldViolation("pdf.uri", "must be at most 8192 characters"));
    }

    @Test
    void pdfUriWithControlCharactersIsRefused() {
        ObjectNode node = validMessage();
        ((ObjectNode) node.get("pdf")).put("uri", "s3://reports/r1.pdf\r\nX-Injected: 1");

        assertThat(violationsOf(node))
                .containsExactly(
                        new FieldViolation("pdf.uri", "must not contain control characters (U+000D at position 20)"));
    }

    @Test
    void duplicateTopLevelKeyIsRefusedNamingIt() {
        String body = validMessage().toString().replaceFirst("\\{", "{\"lead_id\":\"" + RUN_ID + "\",");

        assertThat(violationsOf(body)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("lead_id");
            assertThat(violation.message()).contains("more than once");
        });
    }

    @Test
    void duplicateKeyAnywhereIsRefusedWithItsPath() {
        String inLogs = validMessage().toString().replace("\"msg\":\"done\"", "\"msg\":\"done\",\"msg\":\"other\"");
        String inInputs = validMessage()
                .toString()
                .replace("\"campaign\":\"summer\"", "\"rows\":[{},{\"a\":{\"id\":1,\"id\":2}}]");
        String inPdf = validMessage().toString().replace("\"size_bytes\":123456", "\"size_bytes\":1,\"size_bytes\":2");

        assertThat(violationsOf(inLogs)).extracting(FieldViolation::field).containsExactly("pipeline_logs[0].msg");
        assertThat(violationsOf(inInputs)).extracting(FieldViolation::field).containsExactly("inputs.rows[1].a.id");
        assertThat(violationsOf(inPdf)).extracting(FieldViolation::field).containsExactly("pdf.size_bytes");
    }

    @Test
    void unpairedSurrogatesAreRefusedWherever() {
        String inInputs = validMessage().toString().replace("\"summer\"", "\"sum\\ud800mer\"");
        String inKey = validMessage().toString().replace("\"campaign\"", "\"camp\\udc00\"");

        assertThat(violationsOf(inInputs)).extracting(FieldViolation::field).containsExactly("inputs.campaign");
        assertThat(violationsOf(inKey))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("not valid Unicode"));
        assertThat(validator
                        .validate(validMessage().toString().replace("\"summer\"", "\"\\ud83d\\ude00\""))
                        .getInputs()
                        .get("campaign")
                        .textValue())
                .as("a proper surrogate pair is fine")
                .isEqualTo("\uD83D\uDE00");
    }

    @Test
    void decimalsAreKeptAsTheExactNumbersSent() {
        String numbers = validMessage()
                .toString()
                .replace("\"summer\"", "0.10000000000000000000001")
                .replace("\"done\"", "[1.50, 1e400, 3.141592653589793238462643383279]")
                .replaceFirst("\\{", "{\"ratio\": 12345678901234567890.5,");

        CompletionMessage message = validator.validate(numbers);

        assertThat(message.getInputs().get("campaign").decimalValue())
                .isEqualTo(new java.math.BigDecimal("0.10000000000000000000001"));
        assertThat(message.getPipelineLogs().get(0).get("msg").toString())
                .isEqualTo("[1.50,1E+400,3.141592653589793238462643383279]");
        assertThat(message.getUnknownFields().get("ratio").decimalValue())
                .isEqualTo(new java.math.BigDecimal("12345678901234567890.5"));
    }

    @Test
    void aDecimalADoubleHoldsHasTheDigestItHadWhenDecimalsWereReadAsDoubles() throws Exception {
        String message = validMessage().toString().replace("\"summer\"", "1.50").replace("\"done\"", "1e3");
        // the digest of the same field as a double-reading parser saw it: {"campaign":1.5}, [{"level":..,"msg":1000.0}]
        com.fasterxml.jackson.databind.JsonNode asDoubles = mapper.readTree(message);
        java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> sha = node -> {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(mapper.writer()
                                        .with(
                                                com.fasterxml.jackson.databind.cfg.JsonNodeFeature
                                                        .WRITE_PROPERTIES_SORTED)
                                        .writeValueAsBytes(node)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        CompletionMessage exact = validator.validate(message);

        assertThat(exact.getFieldDigests())
                .containsEntry("inputs", sha.apply(asDoubles.get("inputs")))
                .containsEntry("pipeline_logs", sha.apply(asDoubles.get("pipeline_logs")));
        assertThat(validator
                        .validate(validMessage().toString().replace("\"summer\"", "0.10000000000000000000001"))
                        .getFieldDigests()
                        .get("inputs"))
                .as("a decimal beyond a double's precision is not the double it rounds to")
                .isNotEqualTo(validator
                        .validate(validMessage().toString().replace("\"summer\"", "0.1"))
                        .getFieldDigests()
                        .get("inputs"));
    }

    @Test
    void nulIsRefusedInLogsButKeptInRawInputs() {
        String inLogs = validMessage().toString().replace("\"done\"", "\"do\\u0000ne\"");
        String inInputs = validMessage().toString().replace("\"summer\"", "\"sum\\u0000mer\"");

        assertThat(violationsOf(inLogs)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("pipeline_logs[0].msg");
            assertThat(violation.message()).contains("U+0000");
        });
        assertThat(validator.validate(inInputs).getInputs().get("campaign").textValue())
                .isEqualTo("sum\u0000mer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e131072", "-1e131072", "1000e131069", "1e-16384", "1.5e-16383", "0.0e-20000", "0e-99999"})
    void aNumberBeyondPostgresNumericIsRefusedInLogsButKeptInRawInputs(String number) {
        String inLogs = validMessage().toString().replace("\"done\"", number);
        String inInputs = validMessage().toString().replace("\"summer\"", number);

        assertThat(violationsOf(inLogs)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("pipeline_logs[0].msg");
            assertThat(violation.message()).contains("jsonb").contains("131072").contains("16383");
        });
        assertThat(validator.validate(inInputs).getInputs().get("campaign").decimalValue())
                .isEqualByComparingTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e131071", "-9.9e131071", "1e-16383", "1.5e-16382", "0e999999", "1e400", "1.50"})
    void numbersPostgresNumericHoldsAreKeptInLogs(String number) {
        String inLogs = validMessage().toString().replace("\"done\"", number);

        assertThat(validator
                        .validate(inLogs)
                        .getPipelineLogs()
                        .get(0)
                        .get("msg")
                        .decimalValue())
                .isEqualByComparingTo(number);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-07-01T10:00:00",
                "2024-07-01",
                "yesterday",
                "2024-13-01T10:00:00Z",
                "+300000-07-01T10:00:00Z",
                "-0001-07-01T10:00:00Z"
            })
    void timestampWithoutOffsetOrInvalid(String value) {
        ObjectNode node = validMessage();
        node.put("pipeline_started_at", value);

        assertThat(violationsOf(node))
                .containsExactly(
                        new FieldViolation("pipeline_started_at", "must be an RFC 3339 timestamp with offset"));
    }

    @Test
    void finishedBeforeStarted() {
        ObjectNode node = validMessage();
        node.put("pipeline_started_at", "2024-07-01T10:00:00Z");
        node.put("pipeline_finished_at", "2024-07-01T11:59:59+02:00");

        assertThat(violationsOf(node))
                .containsExactly(new FieldViolation("pipeline_finished_at", "must not be before pipeline_started_at"));
    }

    @Test
    void finishedEqualToStartedIsFine() {
        ObjectNode node = validMessage();
        node.put("pipeline_started_at", "2024-07-01T10:00:00Z");
        node.put("pipeline_finished_at", "2024-07-01T12:00:00+02:00");

        assertThat(validator.validate(node.toString()).getPipelineFinishedAt())
                .isEqualTo(OffsetDateTime.parse("2024-07-01T10:00:00Z"));
    }

    @Test
    void pdfRules() {
        ObjectNode notObject = validMessage();
        notObject.put("pdf", "s3://x");
        ObjectNode badFields = validMessage();
        badFields.putObject("pdf").put("uri", 5).put("sha256", "abc").put("size_bytes", -1);
        ObjectNode fractional = validMessage();
        fractional.putObject("pdf").put("size_bytes", 1.5).put("sha256", 7);
        ObjectNode onlyUri = validMessage();
        onlyUri.putObject("pdf").put("uri", "s3://x");

        assertThat(violationsOf(notObject)).containsExactly(new FieldViolation("pdf", "must be a JSON object"));
        assertThat(violationsOf(badFields))
                .containsExactly(
                        new FieldViolation("pdf.uri", "must be a string"),
                        new FieldViolation("pdf.sha256", "must be 64 hexadecimal characters"),
                        new FieldViolation("pdf.size_bytes", "must be a non-negative integer"));
        assertThat(violationsOf(fractional))
                .containsExactly(
                        new FieldViolation("pdf.sha256", "must be a string"),
                        new FieldViolation("pdf.size_bytes", "must be a non-negative integer"));
        CompletionMessage message = validator.validate(onlyUri.toString());
        assertThat(message.getPdfUri()).isEqualTo("s3://x");
        assertThat(message.getPdfSha256()).isNull();
        assertThat(message.getPdfSizeBytes()).isNull();
    }

    @Test
    void pipelineLogsMustBeArrayOrObject() {
        ObjectNode node = validMessage();
        node.put("pipeline_logs", "line 1\nline 2");

        assertThat(violationsOf(node))
                .containsExactly(new FieldViolation("pipeline_logs", "must be a JSON array or object"));
    }

    @Test
    void everyViolationIsReportedTogether() {
        ObjectNode node = mapper.createObjectNode();
        node.put("report_generation_id", "nope");
        node.put("lead_id", 7);
        node.put("template_version_id", "");
        node.put("pipeline_started_at", "2024-07-01T10:00:00Z");
        node.put("pipeline_finished_at", "2024-07-01T09:00:00Z");
        node.putObject("pdf").put("sha256", "zz");
        node.put("pipeline_logs", 3);
        node.put("something_else", true);

        assertThatThrownBy(() -> validator.validate(node.toString()))
                .isInstanceOf(InvalidCompletionException.class)
                .hasMessageContaining("report_generation_id must be a UUID")
                .hasMessageContaining("lead_id must be a string");
        assertThat(violationsOf(node))
                .containsExactly(
                        new FieldViolation("report_generation_id", "must be a UUID"),
                        new FieldViolation("lead_id", "must be a string"),
                        new FieldViolation("pipeline_run_id", "is required"),
                        new FieldViolation("template_version_id", "must not be blank"),
                        new FieldViolation("pipeline_finished_at", "must not be before pipeline_started_at"),
                        new FieldViolation("pdf.sha256", "must be 64 hexadecimal characters"),
                        new FieldViolation("pipeline_logs", "must be a JSON array or object"));
    }

    @Test
    void fieldDigestsAreTheSha256OfTheFieldsJsonWithEveryObjectsKeysSorted() throws Exception {
        ObjectNode message = validMessage();
        message.set(
                "inputs",
                mapper.readTree("{\"z\":1,\"a\":[{\"y\":true,\"b\":null},\"t\"],\"m\":{\"q\":2.5,\"c\":{}}}"));
        message.put("extra", "x");

        CompletionMessage parsed = validator.validate(message.toString());

        String canonical = "{\"a\":[{\"b\":null,\"y\":true},\"t\"],\"m\":{\"c\":{},\"q\":2.5},\"z\":1}";
        assertThat(parsed.getFieldDigests())
                .containsEntry("inputs", sha256(canonical))
                .containsEntry("extra", sha256("\"x\""))
                .containsEntry("pdf.uri", sha256("\"s3://reports/r1.pdf\""))
                .doesNotContainKeys("pdf.sha256", "lead_id", "report_generation_id");
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
