package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.config.IngestProperties;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.TcpProxy;
import com.leadfactory.lineage.support.TestBroker;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The queue consumers while the broker is away, against the real RabbitMQ behind a proxy the test cuts: one WARN
 * when they lose it and one INFO when they are back, not an ERROR with a stack trace at every reconnect attempt;
 * any other error of the listener container still logged as it comes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsumerOutageLogTest {

    @Test
    void aBrokerOutageIsOneWarnAndOneInfoNotAStackTraceAtEveryReconnect(CapturedOutput output) {
        String queue = "lineage-test.consumer-outage." + UUID.randomUUID();
        IngestProperties properties = new IngestProperties();
        properties.setQueue(queue);
        CachingConnectionFactory direct = connections(TestBroker.PORT);
        RabbitAdmin admin = new RabbitAdmin(direct);
        admin.declareQueue(new Queue(queue, false, false, false));
        ConsumerOutageLog outageLog = new ConsumerOutageLog(properties);
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
            CachingConnectionFactory proxied = connections(proxy.port());
            DirectMessageListenerContainer container = new DirectMessageListenerContainer(proxied);
            container.setQueueNames(queue);
            container.setConsumersPerQueue(2);
            // reconnect attempts every 300 ms instead of 5 s, so a 3 s outage has several
            container.setFailedDeclarationRetryInterval(300);
            container.setMonitorInterval(300);
            container.setMessageListener(message -> {});
            try {
                container.start();
                Await.until("the consumers are up", Duration.ofSeconds(20), () -> consumers(admin, queue) == 2);
                int before = output.getOut().length();

                proxy.cut();
                // several reconnect attempts, each an ERROR with a stack trace before
                Await.sleep(3000);
                proxy.restore();
                Await.until("the consumers are back", Duration.ofSeconds(30), () -> consumers(admin, queue) == 2);
                Await.until(
                        "the consumers say they are back",
                        Duration.ofSeconds(10),
                        () -> output.getOut().contains("are back on the broker"));

                String outage = output.getOut().substring(before);
                assertThat(outage)
                        .containsOnlyOnce("Queue ingest: the broker does not answer")
                        // the queue named is this test's, or that of a cached test context with queue ingest on,
                        // whose filter comes first (one service has one)
                        .containsPattern("WARN .*Queue ingest: the broker does not answer \\(.*Connection refused.*\\);"
                                + " the consumers of \\S+ reconnect by themselves")
                        .containsOnlyOnce("are back on the broker after")
                        .doesNotContain("Cannot connect to server")
                        .doesNotContain("Consumer canceled")
                        .doesNotContain("basicConsume failed")
                        .doesNotContain("\tat ");
                assertThat(outage.split("Attempting to connect", -1).length - 1)
                        .as("the connection factory's INFO line at every attempt")
                        .isLessThanOrEqualTo(1);
            } finally {
                container.stop();
                proxied.destroy();
            }
        } finally {
            outageLog.destroy();
            admin.deleteQueue(queue);
            direct.destroy();
        }
    }

    @Test
    void anyOtherErrorOfTheListenerContainerIsLoggedAsItComes(CapturedOutput output) {
        ConsumerOutageLog outageLog = new ConsumerOutageLog(new IngestProperties());
        try {
            org.slf4j.Logger container = LoggerFactory.getLogger(DirectMessageListenerContainer.class);
            container.error("Failed to invoke listener", new IllegalStateException("a listener bug"));
            container.error(
                    "Cannot connect to server",
                    new AmqpConnectException(new com.rabbitmq.client.AuthenticationFailureException(
                            "ACCESS_REFUSED - Login was refused")));
            container.error("Queue not present, scheduling consumer for queue q for restart");
            assertThat(output.getOut())
                    .contains("Failed to invoke listener", "a listener bug")
                    .contains("ACCESS_REFUSED - Login was refused")
                    .contains("Queue not present")
                    .doesNotContain("Queue ingest: the broker does not answer");
        } finally {
            outageLog.destroy();
        }
    }

    private static CachingConnectionFactory connections(int port) {
        CachingConnectionFactory connections = new CachingConnectionFactory(TestBroker.HOST, port);
        connections.setUsername("guest");
        connections.setPassword("guest");
        return connections;
    }

    private static int consumers(RabbitAdmin admin, String queue) {
        var info = admin.getQueueInfo(queue);
        return info == null ? -1 : info.getConsumerCount();
    }
}
