package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.TestDatabases;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real capture route files, with the insert step advised to fail the ways production can: a racing
 * duplicate (must answer "duplicate", not fail) and a lost database (must fail to the caller, so HTTP answers
 * 5xx and the queue redelivers). A read whose audit row cannot be written must fail and roll back. Capture is
 * switched off for the HTTP door here, which must refuse with 503.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(
        properties = {"lineage.demo.enabled=false", "lineage.reconcile.enabled=false", "lineage.capture.enabled=false"})
class CaptureRouteTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_route_test"));
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void adviseTheInsertOnce() throws Exception {
        if (camel.getStatus().isStarted()) {
            return;
        }
        AdviceWith.adviceWith(
                camel,
                "store-lineage",
                route -> route.weaveById("insert-lineage-row")
                        .before()
                        .to("mock:insert")
                        .choice()
                        // the racing winner commits its row first (in its own transaction: this insert runs in
                        // the capture's), then this insert meets the unique key
                        .when(route.header("failAs").isEqualTo("duplicate"))
                        .process(exchange -> racingWinner()
                                .executeWithoutResult(status -> producer.send(
                                        "sql:{{lineage.routes.sql}}/insert-report-lineage.sql?noop=true", exchange)))
                        .throwException(new DuplicateKeyException("uq_lineage_report_generation"))
                        .when(route.header("failAs").isEqualTo("down"))
                        .throwException(new CannotGetJdbcConnectionException("database down", new SQLException("gone")))
                        .end());
        AdviceWith.adviceWith(
                camel,
                "write-audit-row",
                route -> route.weaveById("insert-audit-row")
                        .before()
                        .filter(route.header("failAudit").isEqualTo(true))
                        .throwException(new CannotGetJdbcConnectionException(
                                "audit table unreachable", new SQLException("gone")))
                        .end());
        camel.start();
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private org.springframework.transaction.support.TransactionTemplate racingWinner() {
        var template = new org.springframework.transaction.support.TransactionTemplate(transactions);
        template.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    private String completion() throws Exception {
        Map<String, Object> message = new SourceData(jdbc).report();
        return new ObjectMapper().writeValueAsString(message);
    }

    @Test
    void aRacingDuplicateOnInsertIsAnsweredAsDuplicate() throws Exception {
        MockEndpoint insert = camel.getEndpoint("mock:insert", MockEndpoint.class);
        insert.reset();
        insert.expectedMessageCount(1);
        insert.message(0).body().isInstanceOf(Map.class);

        Exchange result = producer.send("direct:capture-lineage", exchange -> {
            exchange.getMessage().setBody(completion());
            exchange.getMessage().setHeader("failAs", "duplicate");
            exchange.getMessage().setHeader("LineageCaptureSource", "test");
        });

        insert.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        assertThat(result.getProperty("captureOutcome")).isEqualTo("duplicate");
    }

    @Test
    void aLostDatabaseFailsToTheCallerAndCompletesNothing() throws Exception {
        NotifyBuilder failed = new NotifyBuilder(camel)
                .fromRoute("capture-lineage")
                .whenFailed(1)
                .create();
        String body = completion();

        assertThatThrownBy(() -> producer.sendBodyAndHeaders(
                        "direct:capture-lineage", body, Map.of("failAs", "down", "LineageCaptureSource", "test")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInvalidMessageNeverReachesTheInsert() throws Exception {
        MockEndpoint insert = camel.getEndpoint("mock:insert", MockEndpoint.class);
        insert.reset();
        insert.expectedMessageCount(0);

        assertThatThrownBy(() -> producer.sendBodyAndHeader(
                        "direct:capture-lineage", "{\"lead_id\": 1}", "LineageCaptureSource", "test"))
                .hasCauseInstanceOf(InvalidCompletionException.class);
        insert.assertIsSatisfied(200);
    }

    @Test
    void aCaptureWithoutASourceIsAWiringBugAndFailsBeforeAnyWork() throws Exception {
        MockEndpoint insert = camel.getEndpoint("mock:insert", MockEndpoint.class);
        insert.reset();
        insert.expectedMessageCount(0);
        String body = completion();

        assertThatThrownBy(() -> producer.sendBody("direct:capture-lineage", body))
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LineageCaptureSource");
        insert.assertIsSatisfied(200);
    }

    @Test
    void aReadWhoseAuditRowCannotBeWrittenFailsAndLeavesNoTrace() throws Exception {
        String body = completion();
        String reportId =
                new ObjectMapper().readTree(body).get("report_generation_id").asText();
        producer.sendBodyAndHeader("direct:capture-lineage", body, "LineageCaptureSource", "test");

        Exchange refused = producer.send("direct:lookup-lineage-http", exchange -> {
            exchange.getMessage().setHeader("report_id", reportId);
            exchange.getMessage().setHeader("failAudit", true);
        });
        assertThat(refused.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE))
                .as(
                        "%s %s %s",
                        refused.getException(),
                        refused.getMessage().getHeaders(),
                        refused.getMessage().getBody())
                .isEqualTo(503);
        assertThat(accessCount(reportId))
                .as("the access count update rolled back with the audit row")
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT action, outcome, details FROM report_lineage_audit a JOIN report_lineage l"
                                + " ON l.id = a.lineage_id WHERE l.report_generation_id = ?",
                        java.util.UUID.fromString(reportId)))
                .as("the failed read is on record in a transaction of its own")
                .isEmpty();
        assertThat(jdbc.queryForList("SELECT action, outcome, details FROM report_lineage_audit WHERE outcome = 'error'"
                        + " AND action = 'lookup' AND request_id IS NULL"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("details").toString()).contains("database-unavailable"));

        Exchange served = producer.send(
                "direct:lookup-lineage-http", exchange -> exchange.getMessage().setHeader("report_id", reportId));
        assertThat(served.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
        assertThat(served.getMessage().getBody(String.class)).contains(reportId);
        assertThat(accessCount(reportId)).isEqualTo(1);
    }

    private int accessCount(String reportId) {
        return jdbc.queryForObject(
                "SELECT access_count FROM report_lineage WHERE report_generation_id = ?",
                Integer.class,
                java.util.UUID.fromString(reportId));
    }

    @Test
    void theHttpDoorRefusesWith503WhileCaptureIsSwitchedOff() throws Exception {
        Exchange result = producer.send(
                "direct:capture-completion-http",
                exchange -> exchange.getMessage().setBody(completion()));

        assertThat(result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE))
                .as("%s / %s", result.getException(), result.getMessage().getBody())
                .isEqualTo(503);
        assertThat(result.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(result.getMessage().getBody(String.class)).contains("capture-disabled");
    }
}
