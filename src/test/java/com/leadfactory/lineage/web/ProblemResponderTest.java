package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.CaptureDisabledException;
import com.leadfactory.lineage.capture.FieldViolation;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import java.sql.SQLException;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ProblemResponderTest {

    @Test
    void mapsEachFailureToTheStatusAClientCanActOn() {
        assertThat(ProblemResponder.problemFor(
                                new InvalidCompletionException(List.of(new FieldViolation("lead_id", "x"))))
                        .status())
                .isEqualTo(400);
        assertThat(ProblemResponder.problemFor(new RuntimeCamelException(new BadParameterException("limit", "bad")))
                        .errors())
                .extracting(FieldViolation::field)
                .containsExactly("limit");
        assertThat(ProblemResponder.problemFor(new NotFoundException("gone")).status())
                .isEqualTo(404);
        assertThat(ProblemResponder.problemFor(new PayloadTooLargeException(10)).status())
                .isEqualTo(413);
        assertThat(ProblemResponder.problemFor(new DataIntegrityViolationException(
                                "violates foreign key constraint fk_lineage_report_generation"))
                        .status())
                .isEqualTo(422);
        assertThat(ProblemResponder.problemFor(new DataIntegrityViolationException("other"))
                        .status())
                .isEqualTo(500);
        assertThat(ProblemResponder.problemFor(new CaptureDisabledException("off"))
                        .status())
                .isEqualTo(503);
        assertThat(ProblemResponder.problemFor(new CannotGetJdbcConnectionException("down", new SQLException()))
                        .status())
                .isEqualTo(503);
        assertThat(ProblemResponder.problemFor(new QueryTimeoutException("slow"))
                        .status())
                .isEqualTo(503);
        assertThat(ProblemResponder.problemFor(new IllegalStateException("bug")).status())
                .isEqualTo(500);
        assertThat(ProblemResponder.reason(new NotFoundException("x"))).isEqualTo("not-found");
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
