package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export body over a real (H2) cursor: rows as asked for, the audit row at the end, early close, failure. */
class ExportStreamTest {

    private Connection connection;
    private final List<String> finished = new ArrayList<>();

    @BeforeEach
    void table() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:export-" + UUID.randomUUID() + ";MODE=PostgreSQL");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (id UUID, lineage_id UUID, action VARCHAR(32), user_id VARCHAR(255),"
                    + " ip_address VARCHAR(64), user_agent VARCHAR(512), accessed_at TIMESTAMP WITH TIME ZONE,"
                    + " outcome VARCHAR(16), request_id VARCHAR(64), details VARCHAR(8000), purpose VARCHAR(200),"
                    + " on_behalf_of VARCHAR(255), occurred_at TIMESTAMP WITH TIME ZONE, event_id VARCHAR(128))");
            s.execute("INSERT INTO t SELECT RANDOM_UUID(), NULL, 'pdf_view', 'crm', NULL, 'agent, \"x\"',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + X * INTERVAL '1' SECOND, 'ok', NULL,"
                    + " '{\"n\":' || X || '}', NULL, 'p' || X, NULL, 'e' || X FROM SYSTEM_RANGE(1, 3000)");
        }
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        if (!connection.isClosed()) {
            connection.close();
        }
    }

    private ExportStream stream(ExportFormat format, ExportStream.Finisher finisher) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM t ORDER BY accessed_at DESC");
        ResultSet rows = statement.executeQuery();
        return new ExportStream(
                connection, statement, rows, format, new ObjectMapper(), finisher, "in a test", () -> {});
    }

    private ExportStream.Finisher recording() {
        return (db, count, complete) -> finished.add(count + "/" + complete);
    }

    @Test
    void readsEveryRowThenWritesTheAuditRowAndReturnsTheConnection() throws Exception {
        String csv;
        try (InputStream in = stream(ExportFormat.CSV, recording())) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(in.read()).isEqualTo(-1);
        }
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3001);
        assertThat(lines[0]).startsWith("id,lineage_id,action");
        assertThat(Csv.parse(lines[1])).hasSize(ExportFormat.COLUMNS.size()).hasSize(15);
        assertThat(Csv.parse(lines[1]).get(5)).isEqualTo("agent, \"x\"");
        assertThat(Csv.parse(lines[1]).get(9)).isEqualTo("{\"n\":3000}");
        assertThat(finished).containsExactly("3000/true");
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void ndjsonIsOneObjectALineByteByByteToo() throws Exception {
        StringBuilder text = new StringBuilder();
        try (InputStream in = stream(ExportFormat.NDJSON, recording())) {
            int b;
            while ((b = in.read()) >= 0) {
                text.append((char) b);
            }
        }
        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(3000);
        Map<?, ?> first = new ObjectMapper().readValue(lines[0], Map.class);
        assertThat(first.get("event_id")).isEqualTo("e3000");
        assertThat(first.get("details")).isEqualTo(Map.of("n", 3000));
        assertThat(finished).containsExactly("3000/true");
    }

    @Test
    void closedEarlyTheExportIsRecordedAsIncomplete() throws Exception {
        InputStream in = stream(ExportFormat.NDJSON, recording());
        assertThat(in.read(new byte[100], 0, 100)).isEqualTo(100);
        in.close();
        in.close();
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0)).endsWith("/false");
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void anAuditRowThatCannotBeWrittenEndsTheBodyWithAnErrorLine() throws Exception {
        InputStream in = stream(ExportFormat.NDJSON, (db, count, complete) -> {
            throw new SQLException("audit table unavailable");
        });
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3001);
        assertThat(new ObjectMapper().readTree(lines[3000]).get("export_error").asText())
                .contains("writing its audit row after 3000 rows")
                .contains("incomplete");
        assertThat(connection.isClosed()).isTrue();
        in.close();
    }

    @Test
    void aReadThatFailsMidwayEndsTheBodyWithAnErrorLine() throws Exception {
        InputStream in = stream(ExportFormat.CSV, recording());
        in.read(new byte[10]);
        connection.close();
        String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String[] lines = rest.split("\r\n");
        assertThat(Csv.parse(lines[lines.length - 1]).get(0)).startsWith("#export_error: the export failed reading");
        assertThat(in.read()).isEqualTo(-1);
        in.close();
        assertThat(in.read(new byte[1], 0, 0)).isZero();
        assertThatThrownBy(() -> ExportFormat.CSV.row(null, null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * A fetch the database cancelled at lineage.audit.search-timeout aborts the transaction (PostgreSQL then refuses
     * every statement in it): the read is rolled back and the export's row written in a transaction of its own, so
     * the rows sent are on record; the last line says what to do.
     */
    @Test
    void aFetchCancelledAtTheTimeoutIsOnRecordInATransactionOfItsOwnAndSaysHowToNarrowIt() throws Exception {
        List<String> calls = new ArrayList<>();
        Connection recorded = (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("rollback") || method.getName().equals("commit")) {
                        calls.add(method.getName());
                    }
                    return method.invoke(connection, args);
                });
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM t ORDER BY accessed_at DESC");
        ResultSet rows = statement.executeQuery();
        int[] read = {0};
        ResultSet cancelledAfter1000 = (ResultSet) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    if (method.getName().equals("next") && ++read[0] > 1000) {
                        throw new SQLException("ERROR: canceling statement due to statement timeout", "57014");
                    }
                    return method.invoke(rows, args);
                });
        InputStream in = new ExportStream(
                recorded,
                statement,
                cancelledAfter1000,
                ExportFormat.NDJSON,
                new ObjectMapper(),
                (db, count, complete) -> calls.add("audit row " + count + "/" + complete),
                "in a test",
                () -> {});

        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");

        assertThat(calls).startsWith("rollback", "audit row 1000/false", "commit");
        assertThat(lines).hasSize(1001);
        assertThat(new ObjectMapper().readTree(lines[1000]).get("export_error").asText())
                .contains("after 1000 rows")
                .doesNotContain("nor could its audit row be written")
                .contains("lineage.audit.search-timeout")
                .contains("Narrow the period (from/to) or add a filter");
        in.close();
    }
}
