package com.leadfactory.lineage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * All migrations on an empty H2 and an empty PostgreSQL database end in the same schema: tables, columns (name,
 * normalised type, nullability), indexes, constraints and triggers. A migration that forgets one database, or
 * a type that differs beyond the placeholders, fails here with the line that differs.
 */
class SchemaParityTest {

    /** H2 fires no trigger on TRUNCATE; the TRUNCATE guards exist on PostgreSQL only. */
    static final List<String> POSTGRESQL_ONLY = List.of(
            "trigger lineage_legal_hold.lineage_legal_hold_truncate_evidence",
            "trigger report_lineage.report_lineage_truncate_deleted_reports",
            "trigger report_lineage.report_lineage_truncate_evidence",
            "trigger report_lineage_audit.report_lineage_audit_no_truncate");

    @Test
    void h2AndPostgresqlEndWithTheSameSchema() throws SQLException {
        String pgUrl = TestDatabases.freshPostgres("lineage_schema_parity");
        String h2Url = TestDatabases.h2Memory("lineage_schema_parity");
        TestFlyway.current(pgUrl, "postgres", DatabaseVendor.POSTGRESQL).migrate();
        TestFlyway.current(h2Url, "sa", DatabaseVendor.H2).migrate();

        List<String> postgresql = describe(pgUrl, "postgres");
        List<String> h2 = describe(h2Url, "sa");

        assertThat(postgresql)
                .as("the PostgreSQL schema has the tables the product reads and writes")
                .contains(
                        "table report_lineage",
                        "table report_lineage_audit",
                        "column report_lineage.pipeline_logs json null",
                        "column report_lineage.raw_inputs_compressed bytes null",
                        "constraint primary key report_lineage [id]",
                        "constraint unique report_lineage.uq_lineage_report_generation [report_generation_id]",
                        "trigger report_lineage_audit.report_lineage_audit_no_update_delete");
        assertThat(postgresql).containsAll(POSTGRESQL_ONLY);
        List<String> comparable = new ArrayList<>(postgresql);
        comparable.removeAll(POSTGRESQL_ONLY);
        assertThat(h2).containsExactlyElementsOf(comparable);
    }

    /** The same comparison notices a difference: before V6, H2's append-only triggers had other names. */
    @Test
    void aSchemaThatDiffersIsNoticed() throws SQLException {
        String h2Url = TestDatabases.h2Memory("lineage_schema_parity_released");
        TestFlyway.released(h2Url, "sa", DatabaseVendor.H2).migrate();

        assertThat(describe(h2Url, "sa"))
                .contains("trigger report_lineage_audit.report_lineage_audit_no_delete")
                .doesNotContain("trigger report_lineage_audit.report_lineage_audit_no_update_delete");
    }

    static List<String> describe(String url, String user) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            return SchemaDescription.of(connection);
        }
    }
}
