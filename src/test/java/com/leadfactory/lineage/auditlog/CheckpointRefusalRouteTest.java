package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/audit-log.yaml's timer while the checkpointer refuses to sign at every tick (a rolled-back database, an
 * instance whose key does not verify the log): the checkpointer's own ERROR line says why and what to do, and the
 * timer adds no failed exchange and no stack trace after it, tick after tick.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:lineage_checkpoint_refusal;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.audit.checkpoint-interval=100ms",
        })
class CheckpointRefusalRouteTest {

    @MockitoBean
    AuditCheckpointer checkpointer;

    @Autowired
    CamelContext camel;

    @Test
    void aRefusalAtEveryTickFailsNoExchangeAndLogsNoStackTrace(CapturedOutput output) {
        Mockito.when(checkpointer.checkpoint())
                .thenThrow(new AuditCheckpointer.Refused("The audit log holds 4 rows, fewer than checkpoint 7"));
        NotifyBuilder failed = new NotifyBuilder(camel)
                .fromRoute("audit-checkpoint-timer")
                .whenFailed(1)
                .create();
        NotifyBuilder ticks = new NotifyBuilder(camel)
                .fromRoute("audit-checkpoint-timer")
                .whenCompleted(5)
                .create();

        assertThat(ticks.matches(20, TimeUnit.SECONDS)).as("five ticks").isTrue();
        Mockito.verify(checkpointer, Mockito.atLeast(5)).checkpoint();
        assertThat(failed.matches()).as("a failed tick").isFalse();
        assertThat(output.getOut())
                .doesNotContainPattern("(WARN|ERROR).*(audit-checkpoint|fewer than checkpoint 7)")
                .doesNotContain("Failed delivery for");
    }
}
