package com.leadfactory.lineage.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.CaptureDisabledException;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import com.leadfactory.lineage.capture.UnknownReportGenerationException;
import java.sql.SQLException;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ProblemsTest {

    @Test
    void mapsEachFailureToTheStatusAClientCanActOn() {
        assertThat(Problems.of(new InvalidCompletionException(List.of(new FieldViolation("lead_id", "x"))))
                        .status())
                .isEqualTo(400);
        assertThat(Problems.of(new RuntimeCamelException(new BadParameterException("limit", "bad")))
                        .errors())
                .containsExactly(new FieldViolation("limit", "bad"));
        assertThat(Problems.of(new NotFoundException("gone")).status()).isEqualTo(404);
        assertThat(Problems.of(new PayloadTooLargeException(10, "some.setting")).detail())
                .contains("10 bytes", "some.setting");
        assertThat(Problems.of(new PayloadTooLargeException(10, "x")).status()).isEqualTo(413);
        assertThat(Problems.of(new UnknownReportGenerationException(
                                "r-1", new DataIntegrityViolationException("fk", new SQLException("x", "23503"))))
                        .status())
                .isEqualTo(422);
        assertThat(Problems.of(new DataIntegrityViolationException("other")).status())
                .as("an integrity failure capture did not explain is the server's")
                .isEqualTo(500);
        assertThat(Problems.of(new CaptureDisabledException("off")).status()).isEqualTo(503);
        assertThat(Problems.of(new CannotGetJdbcConnectionException("down", new SQLException()))
                        .status())
                .isEqualTo(503);
        assertThat(Problems.of(new RuntimeCamelException(new QueryTimeoutException("slow")))
                        .status())
                .isEqualTo(503);
        assertThat(Problems.of(new RuntimeCamelException(
                                new org.springframework.transaction.CannotCreateTransactionException(
                                        "Could not open JDBC Connection for transaction",
                                        new java.sql.SQLTransientConnectionException(
                                                "HikariPool-1 - Connection is not available", "08001"))))
                        .status())
                .as("a read transaction that could not begin for want of a connection")
                .isEqualTo(503);
        assertThat(Problems.of(new org.springframework.transaction.CannotCreateTransactionException(
                                "begin failed", new SQLException("not a connection problem", "25006")))
                        .status())
                .isEqualTo(500);
        assertThat(Problems.of(new RuntimeCamelException(new org.springframework.dao.DataAccessResourceFailureException(
                                "PreparedStatementCallback; An I/O error occurred while sending to the backend.",
                                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                        .status())
                .as("a pooled connection whose server process was ended broke under the statement")
                .isEqualTo(503);
        assertThat(Problems.of(new org.springframework.jdbc.UncategorizedSQLException(
                                "commit", "COMMIT", new SQLException("This connection has been closed.", "08003")))
                        .status())
                .as("any database failure caused by a lost connection")
                .isEqualTo(503);
        assertThat(Problems.of(new org.springframework.jdbc.BadSqlGrammarException(
                                "select", "SELECT x", new SQLException("column x does not exist", "42703")))
                        .status())
                .as("a statement that is wrong is the server's")
                .isEqualTo(500);
        assertThat(Problems.of(new IllegalStateException("bug")).status()).isEqualTo(500);
        assertThat(Problems.of(null).status()).isEqualTo(500);
    }

    @Test
    void theReasonIsTheProblemType() {
        assertThat(Problems.reason(new NotFoundException("x"))).isEqualTo("not-found");
        assertThat(Problems.reason(new RuntimeCamelException(new UnknownReportGenerationException("r", null))))
                .isEqualTo("unknown-report-generation");
        assertThat(Problems.reason(new IllegalArgumentException("x"))).isEqualTo("internal-error");
    }

    @Test
    void writesRfc9457Members() {
        Problem problem =
                new Problem(400, "invalid-completion", "Invalid", "2 fields", List.of(new FieldViolation("a", "b")));
        ProblemBody body = problem.toBody("/api/x", "req-1");
        assertThat(body.type()).isEqualTo("urn:lineage:problem:invalid-completion");
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.instance()).isEqualTo("/api/x");
        assertThat(body.requestId()).isEqualTo("req-1");
        assertThat(body.errors()).containsExactly(new ProblemBody.Error("a", "b"));
        assertThat(Problem.of(404, "not-found", "Not found", null)
                        .toBody(null, null)
                        .errors())
                .isNull();
    }
}
