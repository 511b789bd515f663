package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.RawInputsDocument.Omissions;
import com.leadfactory.lineage.capture.RawInputsDocument.RowSizes;
import com.leadfactory.lineage.capture.SourceRows.Section;
import com.leadfactory.lineage.db.SqlValues;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams the raw-inputs document of a report ({@link RawInputsDocument}) as JSON into gzip, one source row at a
 * time, and keeps the result within {@code maxCompressedBytes}. Memory: one row, the compressed bytes (at most the
 * cap) and, when the first pass does not fit, a few numbers per row (docs/DESIGN-NOTES.md, "Raw inputs: streamed
 * row by row").
 *
 * <p>The common case is a single pass. When the compressed output would exceed the cap, the pass stops compressing
 * but reads on to the end, measuring each row and the whole document; then whole rows are dropped until the
 * document fits: first {@code enrichment_data} rows, then {@code assessment_data} rows, each largest first.
 * Enrichment goes first because it is third-party data that can be fetched again, while assessment rows are the
 * pipeline's own judgement; largest first frees the most bytes per dropped row. The drops are planned from each
 * row's serialized size and the compression ratio seen before the cap was reached, aiming at {@value #TARGET_FILL}
 * of the cap; each further pass reads the rows again and skips the dropped ones by id (a row that appeared since is
 * written, and counts in that pass's size check); a pass that still overflows plans more drops with a smaller aim. If both
 * arrays are empty and it still does not fit, {@code inputs} and then {@code unknown_fields} are replaced by
 * {@code {"dropped": true, "size_bytes": n}}. The arrays themselves are always kept.
 *
 * <p>A truncated document gets a {@code truncation} object: {@code original_uncompressed_bytes} is the size of the
 * whole document (compact JSON, without the {@code truncation} key), measured by the first pass; {@code dropped}
 * lists what was removed, in drop order, or, when that list itself would not fit, one summary per array.
 * Thread-safe.
 */
public class RawInputsCompressor {

    static final double TARGET_FILL = 0.85;
    private static final double FILL_SHRINK_PER_RETRY = 0.7;
    private static final int MAX_ATTEMPTS = 32;
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8L;

    public record CompressedRawInputs(
            byte[] gzip, long uncompressedBytes, String sha256Hex, BigDecimal compressionRatio, boolean truncated) {}

    private final ObjectMapper mapper;
    private final SecretRedactor redactor;
    private final long maxCompressedBytes;
    private final Clock clock;

    public RawInputsCompressor(ObjectMapper mapper, SecretRedactor redactor, long maxCompressedBytes) {
        this(mapper, redactor, maxCompressedBytes, Clock.systemUTC());
    }

    RawInputsCompressor(ObjectMapper mapper, SecretRedactor redactor, long maxCompressedBytes, Clock clock) {
        if (maxCompressedBytes <= 0 || maxCompressedBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxCompressedBytes must be in 1.." + MAX_ARRAY_BYTES);
        }
        this.mapper = mapper;
        this.redactor = redactor;
        this.maxCompressedBytes = maxCompressedBytes;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException if even the document without rows, inputs and unknown fields exceeds the cap
     */
    public CompressedRawInputs compress(CompletionMessage completion, SourceRows rows) {
        RawInputsDocument document = new RawInputsDocument(mapper, redactor, completion, Instant.now(clock));
        // the common case fits at once: a row is only noted here, its entry in the dropped list is made if needed
        List<MeasuredRow> measured = new ArrayList<>();
        RowSizes sizes = (section, id, row, bytes) ->
                measured.add(new MeasuredRow(section, id, SqlValues.trimmed(row.get(section.label())), bytes));
        CappedGzip first = pass(document, rows, Omissions.NONE, sizes);
        CompressedRawInputs fitted = first.fitted(false);
        return fitted != null ? fitted : truncateUntilFits(document, rows, first, measured);
    }

    private CompressedRawInputs truncateUntilFits(
            RawInputsDocument document, SourceRows rows, CappedGzip first, List<MeasuredRow> measured) {
        long originalBytes = first.count();
        List<Drop> rowQueue = new ArrayList<>();
        for (Section section : List.of(Section.ENRICHMENT, Section.ASSESSMENT)) {
            measured.stream()
                    .filter(row -> row.section() == section)
                    .sorted(Comparator.comparingLong(MeasuredRow::bytes).reversed())
                    .map(this::rowDrop)
                    .forEach(rowQueue::add);
        }
        List<Drop> blobQueue = blobDrops(document);
        Plan plan = new Plan(originalBytes);
        double ratio = first.observedRatio();
        long currentBytes = originalBytes;
        double fill = TARGET_FILL;

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long excess = currentBytes - (long) (maxCompressedBytes * fill * ratio);
            int droppedBefore = plan.rowsDropped;
            while (plan.rowsDropped < rowQueue.size() && (excess > 0 || plan.rowsDropped == droppedBefore)) {
                Drop drop = rowQueue.get(plan.rowsDropped++);
                plan.dropRow(drop);
                excess -= drop.bytes() - drop.entryBytes();
            }
            if (plan.rowsDropped == droppedBefore && !plan.dropNextBlob(blobQueue) && !plan.summarise()) {
                break;
            }
            CappedGzip result = pass(document, rows, plan, RowSizes.IGNORED);
            CompressedRawInputs fitted = result.fitted(true);
            if (fitted != null) {
                return fitted;
            }
            ratio = result.observedRatio();
            currentBytes = result.count();
            fill *= FILL_SHRINK_PER_RETRY;
        }
        throw new IllegalStateException("Raw inputs do not fit in " + maxCompressedBytes
                + " compressed bytes even without rows, inputs and unknown fields");
    }

    private CappedGzip pass(RawInputsDocument document, SourceRows rows, Omissions omissions, RowSizes sizes) {
        CappedGzip out = new CappedGzip(maxCompressedBytes);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            document.write(json, rows, omissions, sizes, out::count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.close();
        }
        return out;
    }

    private Drop rowDrop(MeasuredRow row) {
        ObjectNode entry =
                mapper.createObjectNode().put("section", row.section().field());
        entry.put("id", row.id());
        entry.put(row.section().label(), row.label());
        entry.put("bytes", row.bytes());
        // +1 each for the separating comma in the array and in the dropped list
        return new Drop(row.section().field(), row.id(), row.bytes() + 1, serializedSize(entry) + 1, entry);
    }

    /** A row as the first pass wrote it: what names it and its compact JSON size. */
    private record MeasuredRow(Section section, String id, String label, long bytes) {}

    private List<Drop> blobDrops(RawInputsDocument document) {
        List<Drop> drops = new ArrayList<>();
        for (String part : List.of(RawInputsDocument.INPUTS, RawInputsDocument.UNKNOWN_FIELDS)) {
            JsonNode value = document.part(part);
            if (value != null && !value.isNull()) {
                long bytes = serializedSize(value);
                ObjectNode entry =
                        mapper.createObjectNode().put("section", part).put("bytes", bytes);
                drops.add(new Drop(part, null, bytes, serializedSize(entry), entry));
            }
        }
        return drops;
    }

    private long serializedSize(JsonNode node) {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try {
            mapper.writeValue(counter, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** One removable part: a row (with its id) or a whole part like inputs ({@code id} null). */
    private record Drop(String section, String id, long bytes, long entryBytes, ObjectNode entry) {

        boolean isRow() {
            return id != null;
        }
    }

    /** What has been dropped so far; as {@link Omissions}, what the next pass leaves out. */
    private final class Plan implements Omissions {
        final long originalBytes;
        final List<Drop> drops = new ArrayList<>();
        final Map<String, Set<String>> droppedRowIds = new HashMap<>();
        int rowsDropped;
        int blobsDropped;
        boolean summarised;

        Plan(long originalBytes) {
            this.originalBytes = originalBytes;
        }

        void dropRow(Drop row) {
            drops.add(row);
            droppedRowIds.computeIfAbsent(row.section(), s -> new HashSet<>()).add(row.id());
        }

        @Override
        public boolean skips(Section section, String id) {
            Set<String> ids = droppedRowIds.get(section.field());
            return ids != null && ids.contains(id);
        }

        @Override
        public long droppedPartBytes(String part) {
            return drops.stream()
                    .filter(d -> !d.isRow() && d.section().equals(part))
                    .mapToLong(d -> d.entry().get("bytes").longValue())
                    .findFirst()
                    .orElse(-1);
        }

        @Override
        public JsonNode truncation() {
            ObjectNode truncation = mapper.createObjectNode();
            truncation.put("original_uncompressed_bytes", originalBytes);
            ArrayNode dropped = truncation.putArray("dropped");
            if (summarised) {
                summary().forEach(dropped::add);
                drops.stream().filter(d -> !d.isRow()).forEach(d -> dropped.add(d.entry()));
            } else {
                drops.forEach(drop -> dropped.add(drop.entry()));
            }
            return truncation;
        }

        boolean dropNextBlob(List<Drop> blobQueue) {
            if (blobsDropped >= blobQueue.size()) {
                return false;
            }
            drops.add(blobQueue.get(blobsDropped++));
            return true;
        }

        /** Last resort when the list of dropped rows is itself too large: one entry per section. */
        boolean summarise() {
            if (summarised || rowsDropped == 0) {
                return false;
            }
            summarised = true;
            return true;
        }

        List<ObjectNode> summary() {
            List<ObjectNode> entries = new ArrayList<>();
            for (Section section : List.of(Section.ENRICHMENT, Section.ASSESSMENT)) {
                List<Drop> rows = drops.stream()
                        .filter(d -> d.isRow() && d.section().equals(section.field()))
                        .toList();
                if (!rows.isEmpty()) {
                    entries.add(mapper.createObjectNode()
                            .put("section", section.field())
                            .put("rows", rows.size())
                            .put(
                                    "bytes",
                                    rows.stream().mapToLong(d -> d.bytes() - 1).sum())
                            .put("ids_omitted", true));
                }
            }
            return entries;
        }
    }
}
