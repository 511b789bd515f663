package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Streams a raw-inputs document (docs/ARCHITECTURE.md, 'Tables') as JSON into gzip, never holding more than the tree and the
 * compressed bytes in memory, and keeps the result within {@code maxCompressedBytes}.
 *
 * <p>The common case is a single gzip pass. When the compressed output would exceed the cap, the pass is aborted
 * and whole rows are dropped until the document fits: first {@code enrichment_data} rows, then {@code
 * assessment_data} rows, each largest first. Enrichment goes first because it is third-party data that can be
 * fetched again, while assessment rows are the pipeline's own judgement; largest first frees the most bytes per
 * dropped row. The drops are planned from each row's serialized size and the compression ratio seen before the
 * abort, aiming at {@value #TARGET_FILL} of the cap; a pass that still overflows plans more drops with a smaller
 * aim. If both arrays are empty and it still does not fit, {@code inputs} and then {@code unknown_fields} are
 * replaced by {@code {"dropped": true, "size_bytes": n}}. The arrays themselves are always kept.
 *
 * <p>A truncated document gets a {@code truncation} object: {@code original_uncompressed_bytes} is the size of
 * the document as received, measured by serializing it once more into a byte counter (compact JSON, without the
 * {@code truncation} key); {@code dropped} lists what was removed, in drop order. The argument is never modified.
 * Thread-safe.
 */
class TreeRawInputsCompressor {

    static final double TARGET_FILL = 0.85;
    private static final double FILL_SHRINK_PER_RETRY = 0.7;
    private static final int MAX_ATTEMPTS = 32;
    private static final int GZIP_LEVEL = 6;
    private static final BigDecimal MAX_RATIO = new BigDecimal("999999.99");
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8L;

    static final String ASSESSMENT_DATA = "assessment_data";
    static final String ENRICHMENT_DATA = "enrichment_data";
    static final String INPUTS = "inputs";
    static final String UNKNOWN_FIELDS = "unknown_fields";
    static final String TRUNCATION = "truncation";

    public record CompressedRawInputs(
            byte[] gzip, long uncompressedBytes, String sha256Hex, BigDecimal compressionRatio, boolean truncated) {}

    private final ObjectMapper mapper;
    private final long maxCompressedBytes;

    TreeRawInputsCompressor(ObjectMapper mapper, long maxCompressedBytes) {
        if (maxCompressedBytes <= 0 || maxCompressedBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxCompressedBytes must be in 1.." + MAX_ARRAY_BYTES);
        }
        this.mapper = mapper;
        this.maxCompressedBytes = maxCompressedBytes;
    }

    /**
     * @throws IllegalStateException if even the document without rows, inputs and unknown fields exceeds the cap
     */
    public CompressedRawInputs compress(ObjectNode document) {
        Attempt first = attempt(document, false);
        return first.fitted() != null ? first.fitted() : truncateUntilFits(document, first.observedRatio());
    }

    private CompressedRawInputs truncateUntilFits(ObjectNode original, double firstRatio) {
        long originalBytes = serializedSize(original);
        List<Drop> rowQueue = new ArrayList<>(rowDrops(original, ENRICHMENT_DATA, "source"));
        rowQueue.addAll(rowDrops(original, ASSESSMENT_DATA, "kind"));
        List<Drop> blobQueue = blobDrops(original);
        Plan plan = new Plan();
        double ratio = firstRatio;
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
            ObjectNode truncated = truncatedCopy(original, plan, originalBytes);
            Attempt result = attempt(truncated, true);
            if (result.fitted() != null) {
                return result.fitted();
            }
            ratio = result.observedRatio();
            currentBytes = serializedSize(truncated);
            fill *= FILL_SHRINK_PER_RETRY;
        }
        throw new IllegalStateException("Raw inputs do not fit in " + maxCompressedBytes
                + " compressed bytes even without rows, inputs and unknown fields");
    }

    private List<Drop> rowDrops(ObjectNode document, String section, String labelField) {
        JsonNode rows = document.get(section);
        if (rows == null || !rows.isArray()) {
            return List.of();
        }
        List<Drop> drops = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            long bytes = serializedSize(row);
            ObjectNode entry = mapper.createObjectNode().put("section", section);
            entry.set("id", row.get("id"));
            entry.set(labelField, row.get(labelField));
            entry.put("bytes", bytes);
            // +1 each for the separating comma in the array and in the dropped list
            drops.add(new Drop(section, i, bytes + 1, serializedSize(entry) + 1, entry));
        }
        drops.sort(Comparator.comparingLong(Drop::bytes).reversed());
        return drops;
    }

    private List<Drop> blobDrops(ObjectNode document) {
        List<Drop> drops = new ArrayList<>();
        for (String section : List.of(INPUTS, UNKNOWN_FIELDS)) {
            JsonNode value = document.get(section);
            if (value != null && !value.isNull()) {
                long bytes = serializedSize(value);
                ObjectNode entry =
                        mapper.createObjectNode().put("section", section).put("bytes", bytes);
                drops.add(new Drop(section, -1, bytes, serializedSize(entry), entry));
            }
        }
        return drops;
    }

    /** Shallow: kept values are shared with {@code original}, only the containers that change are new. */
    private ObjectNode truncatedCopy(ObjectNode original, Plan plan, long originalBytes) {
        ObjectNode copy = mapper.createObjectNode();
        original.properties().forEach(field -> copy.set(field.getKey(), field.getValue()));
        for (String section : List.of(ENRICHMENT_DATA, ASSESSMENT_DATA)) {
            JsonNode rows = original.get(section);
            if (rows != null && rows.isArray()) {
                ArrayNode kept = copy.putArray(section);
                for (int i = 0; i < rows.size(); i++) {
                    if (!plan.isDropped(section, i)) {
                        kept.add(rows.get(i));
                    }
                }
            }
        }
        ObjectNode truncation = copy.putObject(TRUNCATION);
        truncation.put("original_uncompressed_bytes", originalBytes);
        ArrayNode dropped = truncation.putArray("dropped");
        if (plan.summarised) {
            plan.summary().forEach(dropped::add);
        } else {
            plan.drops.forEach(drop -> dropped.add(drop.entry()));
        }
        for (Drop blob : plan.drops) {
            if (blob.index() < 0) {
                copy.putObject(blob.section())
                        .put("dropped", true)
                        .put("size_bytes", blob.entry().get("bytes").longValue());
                if (plan.summarised) {
                    dropped.add(blob.entry());
                }
            }
        }
        return copy;
    }

    private Attempt attempt(ObjectNode document, boolean truncated) {
        CappedBuffer compressed = new CappedBuffer(maxCompressedBytes);
        MessageDigest sha256 = sha256();
        Level6GzipOutputStream gzip = null;
        CountingOutputStream uncompressed = null;
        try {
            gzip = new Level6GzipOutputStream(compressed);
            uncompressed = new CountingOutputStream(gzip);
            writeJson(new DigestOutputStream(uncompressed, sha256), document);
        } catch (IOException | RuntimeException e) {
            if (!compressed.exceeded) {
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            long written = uncompressed == null ? 0 : uncompressed.count;
            return new Attempt(null, (double) written / compressed.attemptedBytes);
        } finally {
            if (gzip != null) {
                gzip.releaseDeflater();
            }
        }
        byte[] bytes = compressed.toByteArray();
        BigDecimal ratio = BigDecimal.valueOf(uncompressed.count)
                .divide(BigDecimal.valueOf(bytes.length), 2, RoundingMode.HALF_UP)
                .min(MAX_RATIO);
        return new Attempt(
                new CompressedRawInputs(
                        bytes, uncompressed.count, HexFormat.of().formatHex(sha256.digest()), ratio, truncated),
                0);
    }

    /** Writes compact JSON and closes {@code out}. */
    private void writeJson(OutputStream out, JsonNode node) throws IOException {
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            mapper.writeTree(generator, node);
        }
    }

    private long serializedSize(JsonNode node) {
        CountingOutputStream counter = new CountingOutputStream(OutputStream.nullOutputStream());
        try {
            writeJson(counter, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    private record Attempt(CompressedRawInputs fitted, double observedRatio) {}

    /** One removable part: a row ({@code index >= 0}) or a whole blob such as {@code inputs}. */
    private record Drop(String section, int index, long bytes, long entryBytes, ObjectNode entry) {}

    private final class Plan {
        final List<Drop> drops = new ArrayList<>();
        final Map<String, BitSet> droppedRowIndexes = new HashMap<>();
        int rowsDropped;
        int blobsDropped;
        boolean summarised;

        void dropRow(Drop row) {
            drops.add(row);
            droppedRowIndexes.computeIfAbsent(row.section(), s -> new BitSet()).set(row.index());
        }

        boolean isDropped(String section, int index) {
            BitSet indexes = droppedRowIndexes.get(section);
            return indexes != null && indexes.get(index);
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
            for (String section : List.of(ENRICHMENT_DATA, ASSESSMENT_DATA)) {
                List<Drop> rows = drops.stream()
                        .filter(d -> d.index() >= 0 && d.section().equals(section))
                        .toList();
                if (!rows.isEmpty()) {
                    entries.add(mapper.createObjectNode()
                            .put("section", section)
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

    private static final class Level6GzipOutputStream extends GZIPOutputStream {
        Level6GzipOutputStream(OutputStream out) throws IOException {
            super(out);
            def.setLevel(GZIP_LEVEL);
        }

        // close() skips Deflater.end() when finish() throws, which is exactly the cap-exceeded case.
        void releaseDeflater() {
            def.end();
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Unchecked because ByteArrayOutputStream.write cannot throw IOException; detected via {@link #exceeded}. */
    private static final class CapExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CapExceededException() {
            super("compressed raw inputs exceed the cap", null, false, false);
        }
    }

    private static final class CappedBuffer extends ByteArrayOutputStream {
        private final long cap;
        boolean exceeded;
        long attemptedBytes;

        CappedBuffer(long cap) {
            super((int) Math.min(cap, 64 * 1024));
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int len) {
            if (exceeded || count + (long) len > cap) {
                if (!exceeded) {
                    attemptedBytes = count + (long) len;
                }
                exceeded = true;
                throw new CapExceededException();
            }
        }
    }
}
