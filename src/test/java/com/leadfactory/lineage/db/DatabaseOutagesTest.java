package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseOutagesTest {

    @Test
    void aFailureToReachTheDatabaseIsAnOutageWhereverItIsInTheCauses() {
        SQLTransientConnectionException refused = new SQLTransientConnectionException("pool timed out", "08001");
        assertThat(DatabaseOutages.reachesNoDatabase(new CannotGetJdbcConnectionException("no connection", refused)))
                .isTrue();
        assertThat(DatabaseOutages.reachesNoDatabase(
                        new RuntimeCamelException(new CannotCreateTransactionException("no transaction", refused))))
                .isTrue();
        assertThat(DatabaseOutages.reachesNoDatabase(
                        new UncategorizedSQLException("select", "select 1", new SQLException("I/O error", "08006"))))
                .as("a connection broken under a statement (SQLState class 08)")
                .isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(DatabaseOutages.reachesNoDatabase(
                        new BadSqlGrammarException("select", "select x", new SQLException("no column", "42703"))))
                .isFalse();
        assertThat(DatabaseOutages.reachesNoDatabase(new DataIntegrityViolationException("duplicate")))
                .isFalse();
        assertThat(DatabaseOutages.reachesNoDatabase(new IllegalStateException("a bug")))
                .isFalse();
        assertThat(DatabaseOutages.reachesNoDatabase((Throwable) null)).isFalse();
    }

    @Test
    void theCauseNamesTheFailureAndWhatLayUnderIt() {
        assertThat(com.leadfactory.lineage.problem.FailureText.of(new CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", new SQLException("Connection refused"))))
                .isEqualTo("Failed to obtain JDBC Connection: Connection refused");
        assertThat(com.leadfactory.lineage.problem.FailureText.of(new IllegalStateException("alone")))
                .isEqualTo("alone");
    }
}
