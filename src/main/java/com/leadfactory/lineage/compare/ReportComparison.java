package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.config.CompareProperties;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.problem.NotFoundException;
import com.leadfactory.lineage.query.LineageSummary;
import com.leadfactory.lineage.query.LineageSummaryMapper;
import com.leadfactory.lineage.query.RequestParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/**
 * The steps of GET /api/lineage/compare (routes/compare-api.yaml): the two report ids, each side's read, and the
 * answer built from both rows once the reads and their audit rows are committed.
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

    private final CompareProperties properties;
    private final AuditProperties audit;
    private final ObjectMapper mapper;
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
        this.mapper = mapper;
        this.diffs = new Semaphore(Math.max(0, properties.getMaxConcurrentDiffs()), true);
    }

    /** The query parameters a and b: two different report ids. */
    public Map<String, Object> request(Map<String, Object> headers) {
        UUID a = parameters.uuid("a", headers.get("a"));
        UUID b = parameters.uuid("b", headers.get("b"));
        if (a.equals(b)) {
            throw new BadParameterException("b", "must name another report than a (a report equals itself)");
        }
        Map<String, Object> compare = new HashMap<>();
        compare.put("a", a);
        compare.put("b", b);
        return compare;
    }

    /** Before one side's read: its report id as the SQL parameters, and no audit state left from the other. */
    public void side(Exchange exchange) {
        String side = exchange.getProperty("side", String.class);
        Object id = exchange.getProperty("compare", Map.class).get(side);
        exchange.setProperty("report_generation_id", id);
        exchange.setProperty("lineage_id", id);
        exchange.removeProperties("auditOutcome");
        exchange.removeProperties("auditLineageId");
        exchange.getMessage().removeHeader("lineageCount");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report_generation_id", String.valueOf(id));
        details.put("side", side);
        details.put(
                "other",
                String.valueOf(exchange.getProperty("compare", Map.class).get("a".equals(side) ? "b" : "a")));
        exchange.setProperty("auditDetails", details);
    }

    /** After one side's read: its row (or null) and whether its id named a lineage record instead. */
    @SuppressWarnings("unchecked")
    public void keep(Exchange exchange) {
        String side = exchange.getProperty("side", String.class);
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        compare.put(side + "_row", exchange.getMessage().getBody());
        Number lineageCount = exchange.getMessage().getHeader("lineageCount", Number.class);
        compare.put(side + "_is_lineage_id", lineageCount != null && lineageCount.longValue() > 0);
    }

    /** The answer; 400 for a lineage id given as a report id, 404 for a missing report, 413 for a huge diff. */
    @SuppressWarnings("unchecked")
    public Comparison respond(Exchange exchange) {
        Map<String, Object> compare = exchange.getProperty("compare", Map.class);
        for (String side : new String[] {"a", "b"}) {
            if (compare.get(side + "_row") == null) {
                if (Boolean.TRUE.equals(compare.get(side + "_is_lineage_id"))) {
                    throw new BadParameterException(
                            side, "is a lineage_id; compare takes report ids (a record's report_generation_id)");
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
        LogComparison logs = LogComparison.of(json(rowA.get("pipeline_logs")), json(rowB.get("pipeline_logs")));
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
                document((byte[]) rowA.get("raw_inputs_compressed")),
                document((byte[]) rowB.get("raw_inputs_compressed")),
                properties.getMaxChanges()));
        return new Comparison.InputsDiff(
                diff.total() == 0, diff.total(), diff.changes(), !diff.complete(), a.truncated(), b.truncated(), note);
    }

    /** Runs a diff in one of lineage.compare.max-concurrent-diffs slots: each holds two documents in heap. */
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

    JsonNode document(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("stored raw inputs could not be read", e);
        }
    }

    private JsonNode json(Object column) {
        String text = JsonColumns.text(column);
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored pipeline logs could not be read", e);
        }
    }
}
