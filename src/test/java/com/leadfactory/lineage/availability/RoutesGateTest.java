package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.support.GenericApplicationContext;

class RoutesGateTest {

    @Test
    void opensWhenCamelHasStartedEveryRouteAndClosesForGoodWhenSpringShutsDown() throws Exception {
        RoutesGate gate = new RoutesGate();
        RoutesHealthIndicator health = new RoutesHealthIndicator(gate);
        GenericApplicationContext spring = new GenericApplicationContext();
        spring.addApplicationListener(gate);
        gate.setApplicationContext(spring);
        spring.refresh();

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(gate);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:probe").routeId("probe").log("probe");
                }
            });
            assertThat(gate.state()).isEqualTo(RoutesGate.State.STARTING);
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getDetails()).containsEntry("reason", "routes not started yet");

            camel.start();
            assertThat(gate.isOpen()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            spring.close();
            assertThat(gate.state())
                    .as("closed as soon as shutdown begins, Camel still running")
                    .isEqualTo(RoutesGate.State.STOPPING);
            assertThat(camel.isStarted()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getDetails()).containsEntry("reason", "shutting down");
        }
    }

    @Test
    void closesWhenCamelStopsAndReopensWhenItStartsAgain() throws Exception {
        RoutesGate gate = new RoutesGate();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(gate);
            camel.start();
            assertThat(gate.isOpen()).isTrue();
            camel.stop();
            assertThat(gate.state()).isEqualTo(RoutesGate.State.STARTING);
            camel.start();
            assertThat(gate.isOpen()).isTrue();
        }
    }

    @Test
    void ignoresTheClosingOfAnotherSpringContext() {
        RoutesGate gate = new RoutesGate();
        GenericApplicationContext own = new GenericApplicationContext();
        gate.setApplicationContext(own);
        GenericApplicationContext other = new GenericApplicationContext();
        other.addApplicationListener(gate);
        other.refresh();
        other.close();
        assertThat(gate.state()).isEqualTo(RoutesGate.State.STARTING);
    }
}
