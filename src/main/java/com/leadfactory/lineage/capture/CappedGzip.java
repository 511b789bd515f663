package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * JSON text in; SHA-256, a byte count and gzip (level 6) into a buffer of at most {@code cap} bytes out. When the
 * gzip would pass the cap it stops compressing but goes on counting, so a pass that does not fit still measures
 * the whole document. Not thread-safe: one per pass.
 */
final class CappedGzip extends OutputStream {

    private static final int GZIP_LEVEL = 6;
    private static final BigDecimal MAX_RATIO = new BigDecimal("999999.99");

    private final CappedBuffer compressed;
    private final Level6GzipOutputStream gzip;
    private final MessageDigest sha256 = sha256();
    private long count;
    private long compressedInput;
    private boolean overflowed;
    private boolean closed;

    CappedGzip(long cap) {
        compressed = new CappedBuffer(cap);
        try {
            gzip = new Level6GzipOutputStream(compressed);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
    }

    /** Every byte written so far, whether it fitted or not. */
    long count() {
        return count;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
        if (overflowed) {
            return;
        }
        try {
            sha256.update(b, off, len);
            gzip.write(b, off, len);
            compressedInput += len;
        } catch (CapExceededException e) {
            overflowed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
    }

    /** Finishes the gzip (which may still pass the cap) and frees the deflater; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!overflowed) {
                gzip.finish();
            }
        } catch (CapExceededException e) {
            overflowed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        } finally {
            gzip.releaseDeflater();
        }
    }

    /** The stored form, or null when it did not fit. Call after {@link #close}. */
    CompressedRawInputs fitted(boolean truncated) {
        if (overflowed) {
            return null;
        }
        byte[] bytes = compressed.toByteArray();
        BigDecimal ratio = BigDecimal.valueOf(count)
                .divide(BigDecimal.valueOf(bytes.length), 2, RoundingMode.HALF_UP)
                .min(MAX_RATIO);
        return new CompressedRawInputs(bytes, count, HexFormat.of().formatHex(sha256.digest()), ratio, truncated);
    }

    /** Uncompressed ÷ compressed bytes up to the point where the gzip passed the cap. */
    double observedRatio() {
        return (double) compressedInput / compressed.attemptedBytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
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

    /** Unchecked because ByteArrayOutputStream.write cannot throw IOException. */
    private static final class CapExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CapExceededException() {
            super("compressed raw inputs exceed the cap", null, false, false);
        }
    }

    private static final class CappedBuffer extends ByteArrayOutputStream {
        private final long cap;
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
            if (count + (long) len > cap) {
                attemptedBytes = count + (long) len;
                throw new CapExceededException();
            }
        }
    }
}
