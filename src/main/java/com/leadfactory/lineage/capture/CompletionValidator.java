package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.caller.ExactDecimals;
import com.leadfactory.lineage.caller.JsonDuplicates;
import com.leadfactory.lineage.caller.JsonErrors;
import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.problem.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a completion message against the contract (docs/ARCHITECTURE.md, "The completion message") and turns
 * it into a {@link CompletionMessage}. Every violation is collected in one pass so a 400 response can name all
 * offending fields at once.
 *
 * <p>Identifiers are stored exactly as sent or refused: no trimming, no dropping of control or invisible characters. The
 * UUIDs are the one normalisation: stored in their canonical lower-case text (RFC 9562; docs/ARCHITECTURE.md). A key
 * that appears twice in one object is refused (which of the two values was meant cannot be known), and so is
 * text that no store can hold as sent: an unpaired UTF-16 surrogate anywhere, and the NUL character or a number
 * beyond PostgreSQL's numeric in the pipeline logs (its jsonb cannot store them). See docs/DESIGN-NOTES.md,
 * "Capture".
 */
public class CompletionValidator {

    static final String REPORT_GENERATION_ID = "report_generation_id";
    static final String LEAD_ID = "lead_id";
    static final String PIPELINE_RUN_ID = "pipeline_run_id";
    static final String TEMPLATE_VERSION_ID = "template_version_id";
    static final String PIPELINE_STARTED_AT = "pipeline_started_at";
    static final String PIPELINE_FINISHED_AT = "pipeline_finished_at";
    static final String PDF = "pdf";
    static final String PIPELINE_LOGS = "pipeline_logs";
    static final String INPUTS = "inputs";

    /** The fields a record keeps in its own columns: a repeat is compared with them by value. */
    private static final Set<String> IDENTITY_FIELDS = Set.of(
            REPORT_GENERATION_ID,
            LEAD_ID,
            PIPELINE_RUN_ID,
            TEMPLATE_VERSION_ID,
            PIPELINE_STARTED_AT,
            PIPELINE_FINISHED_AT);

    private static final Set<String> CONTRACT_FIELDS = union(IDENTITY_FIELDS, Set.of(PDF, PIPELINE_LOGS, INPUTS));

    // UUID.fromString alone accepts shortened forms such as "1-1-1-1-1".
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int TEMPLATE_VERSION_ID_MAX = 255;
    /**
     * The PDF's URI names the OpenLineage output dataset and sits in both events of a report, which must fit their
     * outbox column (docs/OPENLINEAGE.md): an unbounded URI made capture fail with delivery on (docs/ARCHITECTURE.md).
     */
    public static final int PDF_URI_MAX = 8192;

    private static final int PARSE_ERROR_MAX_CHARS = 200;
    private static final int MAX_TEXT_VIOLATIONS = 20;
    /** PostgreSQL's numeric: digits before the decimal point, and after it (its documented limits). */
    static final int JSONB_INTEGER_DIGITS = 131072;

    static final int JSONB_FRACTION_DIGITS = 16383;
    /** The deepest a field's value may nest (docs/ARCHITECTURE.md, the completion message). */
    public static final int MAX_NESTING = 900;

    /**
     * The fields a repeat is compared on by value against the record's own columns
     * ({@link CompletionAgreement#matchesCapturedRecord}); every other field is compared by digest.
     */
    static final Set<String> COMPARED_BY_VALUE = union(IDENTITY_FIELDS, Set.of("pdf.sha256"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private final ObjectReader reader;

    /** JSON objects are unordered and a repeat may reorder them: digests are of the value with sorted keys. */
    private final ObjectWriter canonicalWriter;

    public CompletionValidator(ObjectMapper mapper) {
        this.canonicalWriter = mapper.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
        // a decimal is kept as the exact number sent (1.50, 0.10000000000000000000001, 1e400), never rounded to a
        // double: the logs, inputs and unknown fields are stored as sent (docs/DESIGN-NOTES.md, "Capture")
        this.reader = ExactDecimals.reading(mapper.reader())
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * @param body a String, byte[], InputStream (read fully) or null
     * @throws InvalidCompletionException listing every violation when the message breaks the contract
     * @throws IllegalArgumentException for a body type this method does not read (a wiring bug, not a client error)
     */
    public CompletionMessage validate(Object body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            throw new InvalidCompletionException(List.of(new FieldViolation("body", "must be a JSON object")));
        }
        Violations violations = new Violations();
        UUID reportGenerationId = uuid(root, REPORT_GENERATION_ID, violations);
        UUID leadId = uuid(root, LEAD_ID, violations);
        UUID pipelineRunId = uuid(root, PIPELINE_RUN_ID, violations);
        String templateVersionId = templateVersionId(root, violations);
        OffsetDateTime startedAt = timestamp(root, PIPELINE_STARTED_AT, violations);
        OffsetDateTime finishedAt = timestamp(root, PIPELINE_FINISHED_AT, violations);
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            violations.add(PIPELINE_FINISHED_AT, "must not be before " + PIPELINE_STARTED_AT);
        }
        PdfFields pdf = pdf(root, violations);
        JsonNode pipelineLogs = pipelineLogs(root, violations);
        inputs(root, violations);
        unstorableText(root, violations);
        tooDeep((ObjectNode) root, violations);
        violations.throwIfAny();

        JsonNode inputs = present(root.get(INPUTS)) ? root.get(INPUTS) : null;
        return new CompletionMessage(
                reportGenerationId,
                leadId,
                pipelineRunId,
                templateVersionId,
                startedAt,
                finishedAt,
                pdf.raw,
                pdf.uri,
                pdf.sha256,
                pdf.sizeBytes,
                pipelineLogs,
                inputs,
                unknownFields((ObjectNode) root),
                fieldDigests((ObjectNode) root));
    }

    /**
     * Field → SHA-256 (hex) of the field's canonical JSON (object keys sorted, no whitespace), for every field a
     * repeat is not compared on by value: {@code pipeline_logs}, {@code inputs}, each {@code pdf.<name>} but
     * {@code pdf.sha256}, and every field outside the contract. An absent field and JSON null have no entry.
     * Stored with the record so that a repeat is compared without reading the stored documents back.
     */
    private SortedMap<String, String> fieldDigests(ObjectNode root) {
        SortedMap<String, String> digests = new TreeMap<>();
        root.properties().forEach(field -> {
            if (field.getKey().equals(PDF) && field.getValue().isObject()) {
                field.getValue()
                        .properties()
                        .forEach(pdfField -> digest(digests, "pdf." + pdfField.getKey(), pdfField.getValue()));
            } else {
                digest(digests, field.getKey(), field.getValue());
            }
        });
        return digests;
    }

    private void digest(SortedMap<String, String> digests, String field, JsonNode value) {
        if (!present(value) || COMPARED_BY_VALUE.contains(field)) {
            return;
        }
        try {
            byte[] canonical = canonicalWriter.writeValueAsBytes(digestForm(value));
            digests.put(
                    field,
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a parsed JSON value could not be digested", e);
        }
    }

    /**
     * The value a digest is taken of: every decimal that a double holds exactly as written (its shortest double
     * text has the same value: 0.1, 1.50, 1e3) as that double, so a field's digest is the one stored before
     * decimals were kept exact, and an exact repeat of an older record is still a repeat; any other decimal (more
     * digits than a double keeps, beyond its range) as the exact number. Returns {@code value} itself when it holds
     * no decimal to change.
     */
    static JsonNode digestForm(JsonNode value) {
        if (value.isBigDecimal()) {
            BigDecimal exact = value.decimalValue();
            double rounded = exact.doubleValue();
            if (Double.isFinite(rounded) && new BigDecimal(Double.toString(rounded)).compareTo(exact) == 0) {
                return DoubleNode.valueOf(rounded);
            }
            return value;
        }
        if (value.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode form = digestForm(field.getValue());
                if (form != field.getValue()) {
                    if (copy == null) {
                        copy = ((ObjectNode) value).deepCopy();
                    }
                    copy.set(field.getKey(), form);
                }
            }
            return copy == null ? value : copy;
        }
        if (value.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < value.size(); i++) {
                JsonNode form = digestForm(value.get(i));
                if (form != value.get(i)) {
                    if (copy == null) {
                        copy = ((ArrayNode) value).deepCopy();
                    }
                    copy.set(i, form);
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    private JsonNode parse(Object body) {
        try {
            if (body == null) {
                return null;
            }
            if (body instanceof String text) {
                return reader.readTree(text);
            }
            if (body instanceof byte[] bytes) {
                notUtf16Or32(bytes);
                return reader.readTree(bytes);
            }
            if (body instanceof InputStream in) {
                return reader.readTree(in);
            }
            throw new IllegalArgumentException(
                    "Unsupported completion body type: " + body.getClass().getName());
        } catch (JsonParseException e) {
            String repeated = JsonDuplicates.repeatedKey(e);
            if (repeated != null) {
                throw new InvalidCompletionException(List.of(new FieldViolation(
                        repeated,
                        "appears more than once in the same object; send each field once (nothing was stored)")));
            }
            throw new InvalidCompletionException(List.of(new FieldViolation("body", shortParseError(e))));
        } catch (JsonProcessingException e) {
            throw new InvalidCompletionException(List.of(new FieldViolation("body", shortParseError(e))));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read completion body", e);
        }
    }

    /**
     * JSON exchanged between systems is UTF-8 (RFC 8259 §8.1). Jackson would otherwise detect UTF-16 and UTF-32
     * from the first bytes and accept them; invalid UTF-8 is reported by Jackson itself, with its position.
     */
    private static void notUtf16Or32(byte[] bytes) {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                        ? 3
                        : 0;
        boolean wideBom = bytes.length >= 2
                && (((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)
                        || ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe));
        boolean zeroByte = false;
        for (int i = start; i < Math.min(bytes.length, start + 4); i++) {
            zeroByte |= bytes[i] == 0;
        }
        if (wideBom || zeroByte) {
            throw new InvalidCompletionException(List.of(new FieldViolation(
                    "body", "is not UTF-8 (it looks like UTF-16 or UTF-32): send the JSON as UTF-8 (RFC 8259)")));
        }
    }

    private static String shortParseError(JsonProcessingException e) {
        String detail = JsonErrors.reason(e);
        if (detail.length() > PARSE_ERROR_MAX_CHARS) {
            detail = detail.substring(0, PARSE_ERROR_MAX_CHARS) + "...";
        }
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return "is not valid JSON" + where + ": " + detail;
    }

    private static UUID uuid(JsonNode root, String field, Violations violations) {
        String text = requiredString(root, field, violations);
        if (text == null) {
            return null;
        }
        if (!CANONICAL_UUID.matcher(text).matches()) {
            violations.add(field, "must be a UUID");
            return null;
        }
        return UUID.fromString(text);
    }

    /**
     * Stored exactly as sent: 1..255 characters, none of the characters {@link PlainText} refuses, no surrounding
     * whitespace.
     */
    private static String templateVersionId(JsonNode root, Violations violations) {
        String text = requiredString(root, TEMPLATE_VERSION_ID, violations);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            violations.add(TEMPLATE_VERSION_ID, "must not be blank");
            return null;
        }
        String problem = identifierProblem(text);
        if (problem != null) {
            violations.add(TEMPLATE_VERSION_ID, problem);
            return null;
        }
        if (text.codePointCount(0, text.length()) > TEMPLATE_VERSION_ID_MAX) {
            violations.add(TEMPLATE_VERSION_ID, "must be at most " + TEMPLATE_VERSION_ID_MAX + " characters");
            return null;
        }
        return text;
    }

    /**
     * Why an identifier cannot be stored as sent, or null. Control characters (NUL, BEL, a line break, ...),
     * invisible format characters (a bidi override such as U+202E makes "v1\u202Egnp.exe" show as "v1exe.png"),
     * line and paragraph separators and lone surrogates would be stripped, misprinted or shown reading differently
     * by the systems that show identifiers, so they are refused, not removed: the same characters
     * {@link PlainText} refuses in every other text a client gives.
     */
    static String identifierProblem(String text) {
        String characters = PlainText.problem(text);
        if (characters != null) {
            return characters;
        }
        if (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))
                || Character.isSpaceChar(text.charAt(0))
                || Character.isSpaceChar(text.charAt(text.length() - 1))) {
            return "must not start or end with whitespace (identifiers are stored exactly as sent)";
        }
        return null;
    }

    private static OffsetDateTime timestamp(JsonNode root, String field, Violations violations) {
        String text = requiredString(root, field, violations);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parseUtc(text);
        } catch (DateTimeParseException e) {
            violations.add(field, "must be an RFC 3339 timestamp with offset");
            return null;
        }
    }

    private static String requiredString(JsonNode root, String field, Violations violations) {
        JsonNode node = root.get(field);
        if (!present(node)) {
            violations.add(field, "is required");
            return null;
        }
        if (!node.isTextual()) {
            violations.add(field, "must be a string");
            return null;
        }
        return node.textValue();
    }

    private static PdfFields pdf(JsonNode root, Violations violations) {
        JsonNode node = root.get(PDF);
        if (!present(node)) {
            return PdfFields.NONE;
        }
        if (!node.isObject()) {
            violations.add(PDF, "must be a JSON object");
            return PdfFields.NONE;
        }
        String uri = null;
        JsonNode uriNode = node.get("uri");
        if (present(uriNode)) {
            if (!uriNode.isTextual()) {
                violations.add("pdf.uri", "must be a string");
            } else if (PlainText.problem(uriNode.textValue()) != null) {
                violations.add("pdf.uri", PlainText.problem(uriNode.textValue()));
            } else if (uriNode.textValue().length() > PDF_URI_MAX) {
                violations.add("pdf.uri", "must be at most " + PDF_URI_MAX + " characters");
            } else {
                uri = uriNode.textValue();
            }
        }
        String sha256 = null;
        JsonNode shaNode = node.get("sha256");
        if (present(shaNode)) {
            if (!shaNode.isTextual()) {
                violations.add("pdf.sha256", "must be a string");
            } else if (!SHA256_HEX.matcher(shaNode.textValue()).matches()) {
                violations.add("pdf.sha256", "must be 64 hexadecimal characters");
            } else {
                sha256 = shaNode.textValue().toLowerCase(Locale.ROOT);
            }
        }
        Long sizeBytes = null;
        JsonNode sizeNode = node.get("size_bytes");
        if (present(sizeNode)) {
            if (sizeNode.isIntegralNumber() && sizeNode.canConvertToLong() && sizeNode.longValue() >= 0) {
                sizeBytes = sizeNode.longValue();
            } else {
                violations.add("pdf.size_bytes", "must be a non-negative integer");
            }
        }
        return new PdfFields((ObjectNode) node, uri, sha256, sizeBytes);
    }

    private static JsonNode pipelineLogs(JsonNode root, Violations violations) {
        JsonNode node = root.get(PIPELINE_LOGS);
        if (!present(node)) {
            return null;
        }
        if (!node.isArray() && !node.isObject()) {
            violations.add(PIPELINE_LOGS, "must be a JSON array or object");
            return null;
        }
        return node;
    }

    /** {@code inputs}, when present, is an object of extra raw inputs (docs/ARCHITECTURE.md). */
    private static void inputs(JsonNode root, Violations violations) {
        JsonNode node = root.get(INPUTS);
        if (present(node) && !node.isObject()) {
            violations.add(INPUTS, "must be a JSON object");
        }
    }

    /**
     * The stored documents wrap a field's value a few levels deeper (the raw-inputs document, its unknown_fields), and
     * JSON writers stop at 1000 levels: a value that nests more than {@value #MAX_NESTING} levels is refused here
     * rather than failing when it is stored.
     */
    private static void tooDeep(ObjectNode root, Violations violations) {
        root.properties().forEach(field -> {
            Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
            pending.push(Map.entry(field.getValue(), 1));
            while (!pending.isEmpty()) {
                Map.Entry<JsonNode, Integer> next = pending.pop();
                if (!next.getKey().isContainerNode()) {
                    continue;
                }
                if (next.getValue() > MAX_NESTING) {
                    violations.add(field.getKey(), "nests more than " + MAX_NESTING + " levels deep");
                    return;
                }
                next.getKey().forEach(child -> pending.push(Map.entry(child, next.getValue() + 1)));
            }
        });
    }

    /**
     * Text that cannot be stored as sent: an unpaired surrogate anywhere (it has no UTF-8 form), and NUL or a
     * number beyond PostgreSQL's numeric in the pipeline logs (they are kept in a jsonb column, which refuses
     * both). Reported by JSON path, at most a few.
     */
    private static void unstorableText(JsonNode root, Violations violations) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        int reported = 0;
        while (!pending.isEmpty() && reported < MAX_TEXT_VIOLATIONS) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (hasUnpairedSurrogate(field.getKey())) {
                        violations.add(fieldPath, "has a field name that is not valid Unicode (unpaired surrogate)");
                        reported++;
                    } else if (inLogs(fieldPath) && field.getKey().indexOf('\u0000') >= 0) {
                        violations.add(
                                fieldPath,
                                "has a field name with the NUL character (U+0000): logs are stored"
                                        + " as jsonb, which cannot hold it");
                        reported++;
                    }
                    pending.push(Map.entry(fieldPath, field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isTextual() && !violations.has(path)) { // an identifier's own check said it already
                String text = node.textValue();
                if (hasUnpairedSurrogate(text)) {
                    violations.add(path, "is not valid Unicode (unpaired surrogate)");
                    reported++;
                } else if (inLogs(path) && text.indexOf('\u0000') >= 0) {
                    violations.add(
                            path,
                            "must not contain the NUL character (U+0000): logs are stored as jsonb,"
                                    + " which cannot hold it");
                    reported++;
                }
            } else if (node.isBigDecimal() && inLogs(path) && !fitsJsonb(node.decimalValue())) {
                violations.add(
                        path,
                        "is a number jsonb cannot hold (at most " + JSONB_INTEGER_DIGITS
                                + " digits before the decimal point and " + JSONB_FRACTION_DIGITS
                                + " after): logs are stored as jsonb");
                reported++;
            }
        }
    }

    /**
     * Whether PostgreSQL's numeric, which jsonb keeps its numbers in, holds the decimal as written (its scale kept,
     * as jsonb keeps it): 1e131072 or 1e-16384 fail the insert ("value overflows numeric format"), a 500.
     */
    static boolean fitsJsonb(BigDecimal value) {
        if (value.scale() > JSONB_FRACTION_DIGITS) {
            return false;
        }
        return value.signum() == 0 || (long) value.precision() - value.scale() <= JSONB_INTEGER_DIGITS;
    }

    private static boolean inLogs(String path) {
        return path.startsWith(PIPELINE_LOGS + ".") || path.startsWith(PIPELINE_LOGS + "[");
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode unknownFields(ObjectNode root) {
        ObjectNode unknown = root.objectNode();
        root.properties().forEach(entry -> {
            if (!CONTRACT_FIELDS.contains(entry.getKey())) {
                unknown.set(entry.getKey(), entry.getValue());
            }
        });
        return unknown;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private record PdfFields(ObjectNode raw, String uri, String sha256, Long sizeBytes) {
        static final PdfFields NONE = new PdfFields(null, null, null, null);
    }

    private static final class Violations {
        private final List<FieldViolation> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldViolation(field, message));
        }

        boolean has(String field) {
            return list.stream().anyMatch(violation -> violation.field().equals(field));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new InvalidCompletionException(list);
            }
        }
    }
}
