package com.leadfactory.lineage.trail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.TimeZoneColumns;
import com.leadfactory.lineage.query.AuditEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * The body of an audit trail export: rows are read from an open database cursor and encoded only as the response
 * asks for bytes, so memory stays flat whatever the period (docs/DESIGN-NOTES.md, "Streaming the audit export").
 * The cursor and the export's own audit row share one connection and one transaction: the row is written after the
 * last data row, with the count, and committed; if it cannot be written (or the cursor fails), the body ends with an
 * error line instead of ending as if complete. Closed early (the client went away), it writes the row with the count
 * so far. {@code connectionReturned} runs once, when the connection has gone back to the pool.
 */
final class ExportStream extends InputStream {

    /** Called once, with the number of rows written and whether the export ran to its end. */
    interface Finisher {
        void finish(Connection connection, long rows, boolean complete) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(ExportStream.class);
    private static final int CHUNK = 64 * 1024;

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ExportFormat format;
    private final ObjectMapper mapper;
    private final Finisher finisher;
    private final String description;
    private final Runnable connectionReturned;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 4096);
    private byte[] buffer;
    private int position;
    private long count;
    private final RowMapper<Map<String, Object>> rowMaps = TimeZoneColumns.rowMaps();
    private boolean exhausted;
    private boolean closed;

    ExportStream(
            Connection connection,
            PreparedStatement statement,
            ResultSet rows,
            ExportFormat format,
            ObjectMapper mapper,
            Finisher finisher,
            String description,
            Runnable connectionReturned) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.format = format;
        this.mapper = mapper;
        this.finisher = finisher;
        this.description = description;
        this.connectionReturned = connectionReturned;
        this.buffer = format.header();
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= buffer.length) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * The next rows, up to about {@value #CHUNK} bytes; at the end of the cursor the audit row. A failure ends the
     * body with an error line instead of the rest (see {@link ExportFormat#errorLine}).
     */
    private boolean fill() throws IOException {
        if (closed || exhausted) {
            return false;
        }
        chunk.reset();
        try {
            while (chunk.size() < CHUNK && rows.next()) {
                chunk.write(format.row(AuditEntry.of(rowMaps.mapRow(rows, (int) count)), mapper));
                count++;
            }
        } catch (SQLException e) {
            exhausted = true;
            // what was read is on record if the database still takes the row; the body ends with the error. The
            // failed fetch aborted the transaction (PostgreSQL then refuses every statement in it), which held
            // nothing but the read: the row goes in a transaction of its own on the same connection
            rollBackTheRead();
            String recorded = end(false) == null ? "" : " (nor could its audit row be written)";
            byte[] sent = chunk.toByteArray();
            String cause = AuditSearchTimeout.cancelled(e)
                    ? " (the database cancelled fetching the next rows at lineage.audit.search-timeout: "
                            + AuditSearchTimeout.ADVICE + ")"
                    : "";
            byte[] error = failed("reading the rows" + recorded + cause, e);
            buffer = new byte[sent.length + error.length];
            System.arraycopy(sent, 0, buffer, 0, sent.length);
            System.arraycopy(error, 0, buffer, sent.length, error.length);
            position = 0;
            return true;
        }
        if (chunk.size() == 0) {
            exhausted = true;
            byte[] error = end(true);
            if (error == null) {
                return false;
            }
            buffer = error;
            position = 0;
            return true;
        }
        buffer = chunk.toByteArray();
        position = 0;
        return true;
    }

    private void rollBackTheRead() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rolling back the failed export read", e);
        }
    }

    /** Writes the audit row and commits: null when it is on record, else the error line that ends the body. */
    private byte[] end(boolean complete) throws IOException {
        try {
            finisher.finish(connection, count, complete);
            connection.commit();
            return null;
        } catch (SQLException e) {
            return failed("writing its audit row", e);
        } finally {
            release();
        }
    }

    private byte[] failed(String doing, SQLException e) throws IOException {
        log.error(
                "Audit export {} failed {} after {} rows; its body ends with an export_error line. Cause: {}",
                description,
                doing,
                count,
                e.toString());
        release();
        return format.errorLine(
                "the export failed " + doing + " after " + count + " rows: this file is incomplete and not on record"
                        + " as a complete export; export again",
                mapper);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!exhausted) {
            // the response ended before the last row (the client went away, or writing failed): what was sent is
            // on record all the same
            exhausted = true;
            try {
                end(false);
            } catch (IOException notSent) {
                // nothing more is sent after close; the failure is logged
            }
        }
        release();
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            log.debug("closing the export cursor", e);
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // nothing left to roll back after a commit; after a failure, everything
            }
        } catch (SQLException e) {
            log.debug("rolling back the export transaction", e);
        }
        try {
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            log.warn("could not return the export's connection to the pool: {}", e.toString());
        } finally {
            connectionReturned.run();
        }
    }
}
