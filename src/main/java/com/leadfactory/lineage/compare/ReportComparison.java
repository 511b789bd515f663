package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.caller.ExactDecimals;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.config.CompareProperties;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.NotFoundException;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.problem.Problems;
import com.leadfactory.lineage.query.LineageSummary;
import com.leadfactory.lineage.query.LineageSummaryMapper;
import com.leadfactory.lineage.query.RequestParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The steps of GET /api/lineage/compare (routes/compare-api.yaml): the two report ids, each side's read, the answer
 * built from both rows with no database connection held ({@link #build}), then each side's access counted and
 * audited with how the answer ended ({@link #auditSide}), and only then the answer sent or its failure thrown
 * ({@link #answer}). A compare whose answer fails counts nothing and is audited as failed (docs/DESIGN-NOTES.md,
 * 'Comparing two reports').
 */
@Component("reportComparison")
public class ReportComparison {

    static final String TRUNCATED_NOTE = "a truncated document lacks the rows the size cap dropped (see its"
            + " truncation field): a row missing there may still exist at the source";

    private final RequestParameters parameters;
    private final LineageSummaryMapper summaries;
    /** The diff shows customer data, so it asks what a download asks (README, 'Purpose of access'). */
    static final String NEEDS_PURPOSE = "the raw-input diff shows customer data: ask again with X-Access-Purpose"
            + " (a ticket reference or reason, 3-200 characters), as for a download";

    /**
     * Levels a stored raw-input document may nest beyond what capture's parser accepts: the completion's own parts
     * sit one level down ({@code inputs}, {@code unknown_fields}), the rest is margin.
     */
    static final int STORED_DEPTH_MARGIN = 16;

    /** Levels of the answer above a change's value: the answer, {@code inputs}, {@code changes}, the change. */
    static final int ANSWER_DEPTH_MARGIN = 8;

    /** The exchange property a compare whose audit rows already record its failure sets (audit.FailedReadAuditor). */
    public static final String FAILURE_AUDITED = "auditRecorded";

    private final CompareProperties properties;
    private final AuditProperties audit;
    /** Reads stored documents as deep as capture stores them (its parser's limit plus the levels it adds). */
    private final ObjectMapper documents;

    private final ObjectReader documentReader;

    private final int maxDocumentDepth;
    private final Semaphore diffs;

    public ReportComparison(
            RequestParameters parameters,
            LineageSummaryMapper summaries,
            CompareProperties properties,
            AuditProperties audit,
            ObjectMapper mapper) {
        this.parameters = parameters;
        this.summaries = summaries;
        this.properties = properties;
        this.audit = audit;
        // capture parses completions with this same mapper: a stored document is at most its limit plus the levels
        // storing adds, and the answer nests a change's value a few levels further down
        this.maxDocumentDepth = mapper.getFactory().streamReadConstraints().getMaxNestingDepth() + STORED_DEPTH_MARGIN;
        this.documents = mapper.copy();
        documents
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDocumentDepth)
                        .build())
                .setStreamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(maxDocumentDepth + ANSWER_DEPTH_MARGIN)
                        .build());
        // decimals as stored (capture keeps a source row's numbers exact): a change beyond a double's 17 digits is
        // a change, not two equal doubles, and a changed 1.50 is shown as 1.50
        this.documentReader = ExactDecimals.reading(documents.reader());
        this.diffs = new Semaphore(Math.max(0, properties.getMaxConcurrentDiffs()), true);
    }

    /** The query parameters a and b: two different report ids; a 400 names every one that is not. */
    public Map<String, Object> request(Map<String, Object> headers) {
        List<FieldViolation> bad = new ArrayList<>();
        UUID a = uuid("a", headers.get("a"), bad);
        UUID b = uuid("b", headers.get("b"), bad);
        if (!bad.isEmpty()) {
            throw new BadParameterException(bad);
        }
        if (a.equals(b)) {
            throw new BadParameterException("b", "must name another report than a (a report equals itself)");
        }
        Map<String, Object> compare = new HashMap<>();
        compare.put("a", a);
        compare.put("b", b);
        return compare;
    }

    private UUID uuid(String name, Object value, List<FieldViolation> bad) {
        try {
            return parameters.uuid(name, value);
        } catch (BadParameterException e) {
            bad.addAll(e.problem().errors());
            return null;
        }
    }

    /** Before one side's read: its report id as the SQL parameters, and no state left from the other side. */
    public void side(Exchange exchange) {
        String side = exchange.getProperty("side", String.class);
        Object id = exchange.getProperty("compare", Map.class).get(side);
        exchange.setProperty("report_generation_id", id);
        exchange.setProperty("other_id", id);
        exchange.getMessage().removeHeader("idKind");
    }

    /** After one side's read: its row (or null) and which other kind of id it is, if a record knows it. */
    @SuppressWarnings("unchecked")
    public void keep(Exchange exchange) {
        String side = exchange.getProperty("side", String.class);
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        Object row = exchange.getMessage().getBody();
        if (row instanceof Map<?, ?> columns) {
            // a copy (column names in any case, as the SQL row has them): build() adds this compare's access to it
            Map<String, Object> copy = new LinkedCaseInsensitiveMap<>();
            columns.forEach((name, value) -> copy.put(String.valueOf(name), value));
            row = copy;
        }
        compare.put(side + "_row", row);
        compare.put(side + "_id_kind", exchange.getMessage().getHeader("idKind", String.class));
    }

    /**
     * After both reads, with no transaction open: the answer as JSON bytes, or the failure it ended with (kept, not
     * thrown, until each side's audit row says so). Builds with the counts this compare is about to add.
     */
    @SuppressWarnings("unchecked")
    public void build(Exchange exchange) {
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        try {
            for (String side : new String[] {"a", "b"}) {
                Map<String, Object> row = (Map<String, Object>) compare.get(side + "_row");
                if (row != null) {
                    Number count = (Number) row.get("access_count");
                    row.put("access_count", (count == null ? 0 : count.longValue()) + 1);
                    row.put("last_accessed_at", Instant.now());
                }
            }
            compare.put("answer", documents.writeValueAsBytes(respond(exchange)));
        } catch (RuntimeException | JsonProcessingException | StackOverflowError failure) {
            compare.put("failure", failure);
        }
    }

    /**
     * Before one side's audit row: its outcome ({@code ok} when the answer was built and the access is counted,
     * {@code not_found} for a report id that names no report, {@code error} otherwise, with the problem in the
     * details) and whether its access counts.
     */
    @SuppressWarnings("unchecked")
    public void auditSide(Exchange exchange) {
        String side = exchange.getProperty("side", String.class);
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        Object id = compare.get(side);
        Map<String, Object> row = (Map<String, Object>) compare.get(side + "_row");
        Throwable failure = (Throwable) compare.get("failure");
        exchange.setProperty("report_generation_id", id);
        exchange.setProperty("lineage_id", id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report_generation_id", String.valueOf(id));
        details.put("side", side);
        details.put("other", String.valueOf(compare.get("a".equals(side) ? "b" : "a")));
        String outcome;
        if (failure == null) {
            outcome = "ok";
        } else {
            Problem problem = Problems.of(failure);
            details.put("problem", problem.type());
            details.put("status", problem.status());
            outcome = row == null ? "not_found" : "error";
        }
        // the body too: without auditLineageId the audit row would take the id of whatever row it holds
        exchange.getMessage().setBody(row);
        exchange.setProperty("countAccess", failure == null);
        exchange.setProperty("auditOutcome", outcome);
        exchange.setProperty("auditLineageId", row == null ? null : row.get("id"));
        exchange.setProperty("auditDetails", details);
    }

    /** After the audit rows committed: the answer's bytes, or the failure the answer ended with, already audited. */
    public byte[] answer(Exchange exchange) throws Exception {
        Map<?, ?> compare = exchange.getProperty("compare", Map.class);
        Throwable failure = (Throwable) compare.get("failure");
        if (failure == null) {
            return (byte[]) compare.get("answer");
        }
        exchange.setProperty(FAILURE_AUDITED, true);
        if (failure instanceof Exception exception) {
            throw exception;
        }
        throw (Error) failure;
    }

    /** The answer; 400 for another kind of id given as a report id, 404 for a missing report, 413 for a huge diff. */
    @SuppressWarnings("unchecked")
    Comparison respond(Exchange exchange) {
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        for (String side : new String[] {"a", "b"}) {
            if (compare.get(side + "_row") == null) {
                Object kind = compare.get(side + "_id_kind");
                if ("lineage_id".equals(kind)) {
                    throw new BadParameterException(
                            side, "is a lineage_id; compare takes report ids (a record's report_generation_id)");
                }
                if (kind != null) {
                    throw new BadParameterException(
                            side,
                            "is a " + kind + ", not a report id; its reports: GET /api/lineage/search?" + kind + "="
                                    + compare.get(side) + ", each with its report_generation_id");
                }
                throw new NotFoundException("No lineage for report " + compare.get(side) + " (" + side + ")");
            }
        }
        Map<String, Object> rowA = (Map<String, Object>) compare.get("a_row");
        Map<String, Object> rowB = (Map<String, Object>) compare.get("b_row");
        LineageSummary a = summaries.toSummary(rowA);
        LineageSummary b = summaries.toSummary(rowB);
        Map<String, Boolean> same = new LinkedHashMap<>();
        same.put("lead_id", a.leadId().equals(b.leadId()));
        same.put("pipeline_run_id", a.pipelineRunId().equals(b.pipelineRunId()));
        same.put("template_version_id", a.templateVersionId().equals(b.templateVersionId()));
        same.put("raw_inputs", a.rawInputsSha256().equals(b.rawInputsSha256()));
        same.put("pdf", a.pdfSha256() != null && a.pdfSha256().equals(b.pdfSha256()));
        // two logs of up to a completion's size each are trees of hundreds of MB: a slot like an input diff's, or
        // a few viewers' compares at once ran the heap out (docs/DESIGN-NOTES.md, 'Comparing two reports')
        LogComparison logs = limited(() -> LogComparison.of(logs("a", rowA), logs("b", rowB)));
        String roles = exchange.getMessage().getHeader(CallerHeaders.ROLES, String.class);
        boolean auditor = roles != null && Arrays.asList(roles.split(",")).contains(Role.AUDITOR.value());
        if (!auditor) {
            return new Comparison(a, b, same, logs, null, "the raw-input diff is shown to auditors only", false);
        }
        if (audit.isRequirePurpose() && exchange.getMessage().getHeader(CallerHeaders.PURPOSE) == null) {
            return new Comparison(a, b, same, logs, null, NEEDS_PURPOSE, true);
        }
        return new Comparison(a, b, same, logs, inputs(a, b, rowA, rowB), null, false);
    }

    /** The raw-input documents' differences; each read from its gzip as a tree, never as one String. */
    public Comparison.InputsDiff inputs(
            LineageSummary a, LineageSummary b, Map<String, Object> rowA, Map<String, Object> rowB) {
        long limit = properties.getMaxDocumentBytes().toBytes();
        checkSize("a", a.rawInputsSizeBytes(), limit);
        checkSize("b", b.rawInputsSizeBytes(), limit);
        String note = a.truncated() || b.truncated() ? TRUNCATED_NOTE : null;
        if (Objects.equals(a.rawInputsSha256(), b.rawInputsSha256())) {
            return new Comparison.InputsDiff(true, 0, List.of(), false, a.truncated(), b.truncated(), note);
        }
        JsonDiff.Result diff = limited(() -> JsonDiff.diff(
                document("a", (byte[]) rowA.get("raw_inputs_compressed")),
                document("b", (byte[]) rowB.get("raw_inputs_compressed")),
                properties.getMaxChanges()));
        return new Comparison.InputsDiff(
                diff.total() == 0, diff.total(), diff.changes(), !diff.complete(), a.truncated(), b.truncated(), note);
    }

    /**
     * Runs a diff in one of lineage.compare.max-concurrent-diffs slots: each holds two documents (or two logs) in
     * heap. The logs and the input diff take a slot one after the other, never one inside the other.
     */
    <T> T limited(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = diffs.tryAcquire(properties.getDiffWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new CompareBusyException(properties.getMaxConcurrentDiffs());
        }
        try {
            return work.get();
        } finally {
            diffs.release();
        }
    }

    private static void checkSize(String side, Long size, long limit) {
        if (size != null && size > limit) {
            throw new DocumentTooLargeException(side, size, limit);
        }
    }

    /** A stored document as a tree; one nested deeper than capture can store is refused, never recursed into. */
    JsonNode document(String side, byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
            return documentReader.readTree(in);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StreamConstraintsException) {
                    throw DocumentTooLargeException.tooDeep(side, maxDocumentDepth);
                }
            }
            throw new UncheckedIOException("stored raw inputs of " + side + " could not be read", e);
        }
    }

    /**
     * Stored pipeline logs (capture parsed them with the same limit as the documents): from their gzip, the form the
     * row is read in (a tenth of the text, until a slot is free), or the text of a row captured before the gzip.
     */
    private JsonNode logs(String side, Map<String, Object> row) {
        try {
            if (row.get("pipeline_logs_gzip") instanceof byte[] gzip) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
                    return documentReader.readTree(in);
                }
            }
            String text = JsonColumns.text(row.get("pipeline_logs"));
            return text == null ? null : documentReader.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored pipeline logs of " + side + " could not be read", e);
        }
    }
}
