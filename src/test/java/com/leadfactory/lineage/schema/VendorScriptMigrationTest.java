package com.leadfactory.lineage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.leadfactory.lineage.support.TestDatabases;
import db.fixture.V100__legal_hold_fixture;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migration mechanism on the kinds of change still to come, as test fixtures (db/fixture): a shared SQL
 * migration with type placeholders, and one version with shared statements plus triggers written per database
 * (a guard that refuses deleting a held row, and deletion evidence with the database user and application name).
 */
class VendorScriptMigrationTest {

    private static final String APPLICATION = "lineage-fixture";

    @ParameterizedTest
    @EnumSource(DatabaseVendor.class)
    void oneVersionRunsTheSharedStatementsAndTheDatabasesOwn(DatabaseVendor vendor) throws SQLException {
        boolean postgres = vendor == DatabaseVendor.POSTGRESQL;
        String url = postgres
                ? TestDatabases.freshPostgres("lineage_vendor_fixture") + "?ApplicationName=" + APPLICATION
                : TestDatabases.h2Memory("lineage_vendor_fixture");
        String user = postgres ? "postgres" : "sa";
        TestFlyway.current(url, user, vendor, "classpath:db/fixture").migrate();

        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            if (!postgres) {
                execute(connection, "SET @application_name = '" + APPLICATION + "'");
            }
            assertThat(SchemaDescription.of(connection))
                    .contains(
                            "column fixture_outbox.event json not null",
                            "column fixture_outbox.payload bytes null",
                            "column fixture_legal_hold.evidence json null",
                            "column report_lineage_audit.db_user varchar(255) null");
            assertThat(typeName(connection, "fixture_outbox", "event"))
                    .isEqualToIgnoringCase(postgres ? "jsonb" : "json");
            assertThat(typeName(connection, "fixture_outbox", "payload"))
                    .isEqualToIgnoringCase(postgres ? "bytea" : "binary varying");

            UUID held = lineageRow(connection);
            UUID free = lineageRow(connection);
            execute(connection, "INSERT INTO fixture_legal_hold (lineage_id, reason) VALUES ('" + held + "', 'court')");

            assertThatThrownBy(() -> execute(connection, "DELETE FROM report_lineage WHERE id = '" + held + "'"))
                    .hasMessageContaining("legal hold");
            execute(connection, "DELETE FROM report_lineage WHERE id = '" + free + "'");

            try (PreparedStatement evidence = connection.prepareStatement(
                    // the fixture's own evidence row, beside the one the service's V9 trigger writes
                    "SELECT action, db_user, application_name FROM report_lineage_audit"
                            + " WHERE lineage_id = ? AND action = 'delete'")) {
                evidence.setObject(1, free);
                try (ResultSet rs = evidence.executeQuery()) {
                    assertThat(rs.next())
                            .as("an audit row records the deletion")
                            .isTrue();
                    assertThat(rs.getString(1)).isEqualTo("delete");
                    assertThat(rs.getString(2)).isEqualToIgnoringCase(user);
                    assertThat(rs.getString(3)).isEqualTo(APPLICATION);
                }
            }
        }
    }

    @Test
    void anUnknownPlaceholderNamesTheScriptAndThePlaceholder() throws SQLException {
        try (Connection connection =
                DriverManager.getConnection(TestDatabases.h2Memory("lineage_unknown_placeholder"))) {
            Context context = context(connection, Flyway.configure());

            assertThatThrownBy(() -> new V9__unknown_placeholder().migrate(context))
                    .hasMessageContaining("db/migration/vendor-specific/V9__unknown_placeholder/shared.sql")
                    .hasMessageContaining("${no_such_type}");
        }
    }

    @Test
    void aFailingStatementNamesItsScript() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.h2Memory("lineage_failing_script"))) {
            Context context = context(connection, Flyway.configure());

            assertThatThrownBy(() -> new V100__legal_hold_fixture().migrate(context))
                    .as("report_lineage_audit does not exist in an empty database")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("db/migration/vendor-specific/V100__legal_hold_fixture/shared.sql failed");
        }
    }

    @Test
    void theChecksumCoversEveryScriptOfEveryDatabase() {
        VendorScriptMigration fixture = new V100__legal_hold_fixture();
        assertThat(fixture.getChecksum()).isEqualTo(new V100__legal_hold_fixture().getChecksum());
        assertThat(fixture.getChecksum()).isNotEqualTo(new V9__unknown_placeholder().getChecksum());
        assertThat(VendorScriptMigration.SCRIPTS).containsExactly("shared", "postgresql", "h2");
        assertThat(fixture.script("postgresql")).contains("plpgsql");
        assertThat(fixture.script("h2")).contains("RefuseHeldDelete");
        assertThat(new V9__unknown_placeholder().script("h2")).isNull();
        assertThat(fixture.getVersion().getVersion()).isEqualTo("100");
    }

    @Test
    void anotherDatabaseIsRefusedByName() throws SQLException {
        Connection connection = mock(Connection.class);
        DatabaseMetaData meta = mock(DatabaseMetaData.class);
        when(connection.getMetaData()).thenReturn(meta);
        when(meta.getDatabaseProductName()).thenReturn("MariaDB");

        assertThatThrownBy(() -> DatabaseVendor.of(connection)).hasMessageContaining("unsupported database 'MariaDB'");
    }

    /** A fixture whose script names a placeholder no database defines. */
    static class V9__unknown_placeholder extends VendorScriptMigration {}

    private static Context context(Connection connection, Configuration configuration) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return configuration;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }

    private static UUID lineageRow(Connection connection) throws SQLException {
        UUID report = UUID.randomUUID();
        UUID lineage = UUID.randomUUID();
        execute(
                connection,
                "INSERT INTO d6_report_generations (id, lead_id, status) VALUES ('" + report + "', '"
                        + UUID.randomUUID() + "', 'completed')");
        execute(
                connection,
                "INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,"
                        + " pipeline_start_time, pipeline_end_time) VALUES ('" + lineage + "', '" + report + "', '"
                        + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', 't@v1', CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)");
        return lineage;
    }

    private static String typeName(Connection connection, String table, String column) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getColumns(null, "public", table, column)) {
            assertThat(rs.next()).isTrue();
            return rs.getString("TYPE_NAME");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
