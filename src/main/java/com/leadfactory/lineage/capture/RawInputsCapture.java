package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.capture.SourceRows.Section;
import com.leadfactory.lineage.db.RouteSql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Steps 3-6 of the capture route: the lead's source rows, read through a database cursor, masked, written into
 * gzip one at a time and kept within the cap ({@link RawInputsCompressor}). The rows come from {@code
 * select-assessment-rows.sql} and {@code select-enrichment-rows.sql}, bound from the exchange properties ({@code
 * lead_id}, {@code as_of}) as camel-sql would bind them, in one read-only transaction (a cursor needs one). A
 * truncated capture reads the rows again and skips the dropped ones by id, so it needs no REPEATABLE READ, whose
 * two extra statements cost every capture ~0.3 ms (docs/DESIGN-NOTES.md, "Raw inputs: streamed row by row").
 *
 * <p>Not camel-sql's {@code outputType=StreamList}: in Camel 4.17 it takes its own connection, outside any route
 * transaction, and does not apply the template's fetch size, so PgJDBC reads the whole result into memory first.
 */
@Component
public class RawInputsCapture {

    private final RawInputsCompressor compressor;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ResourceLoader resources;
    private final String sqlLocation;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** A statement as read, and the file's modification time then. */
    private record Loaded(long modified, RouteSql sql) {}

    public RawInputsCapture(
            RawInputsCompressor compressor,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ResourceLoader resources,
            @Value("${lineage.routes.sql}") String sqlLocation) {
        this.compressor = compressor;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.resources = resources;
        this.sqlLocation = sqlLocation;
    }

    /** The stored form of the report's raw inputs; {@code properties} are the exchange's, for the statements. */
    public CompressedRawInputs capture(CompletionMessage completion, Map<String, Object> properties) {
        Map<Section, RouteSql> statements = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            statements.put(section, load(section.sqlFile()));
        }
        SourceRows rows = new JdbcSourceRows(jdbc, statements, properties);
        return readOnly.execute(status -> compressor.compress(completion, rows));
    }

    /** Read again when the file changes, so route reloads apply; reading it for every capture cost ~0.1 ms. */
    private RouteSql load(String file) {
        try {
            long modified = resources.getResource(sqlLocation + "/" + file).lastModified();
            Loaded known = loaded.get(file);
            if (known == null || known.modified() != modified) {
                known = new Loaded(modified, RouteSql.load(resources, sqlLocation, file));
                loaded.put(file, known);
            }
            return known.sql();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sqlLocation + "/" + file, e);
        }
    }
}
