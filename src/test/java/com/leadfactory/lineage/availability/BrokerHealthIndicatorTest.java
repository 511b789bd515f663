package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.TestBroker;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Readiness's broker component while the broker is away and back, against the real RabbitMQ: DOWN with the cause,
 * said once in the log without a stack trace, and UP again with one line saying so.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerHealthIndicatorTest {

    @Test
    void aBrokerAwayIsDownAndSaidOnceThenUpAgainWithOneLine(CapturedOutput output) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CachingConnectionFactory connections = new CachingConnectionFactory(TestBroker.HOST, closed);
        connections.setUsername("guest");
        connections.setPassword("guest");
        try {
            BrokerHealthIndicator indicator = new BrokerHealthIndicator(connections);
            for (int probe = 0; probe < 4; probe++) {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            }
            assertThat(indicator.health().getDetails().get("error").toString()).contains("Connection refused");
            assertThat(output.getOut())
                    .containsOnlyOnce("Readiness: the broker does not answer")
                    .containsPattern("WARN .*Readiness: the broker does not answer \\(.*Connection refused")
                    .doesNotContain("health check failed")
                    .doesNotContain("\tat ");

            connections.setPort(TestBroker.PORT);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(output.getOut()).containsOnlyOnce("Readiness: the broker answers again after");
        } finally {
            connections.destroy();
        }
    }
}
