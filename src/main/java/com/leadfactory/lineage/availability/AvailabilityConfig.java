package com.leadfactory.lineage.availability;

import com.leadfactory.lineage.web.ProblemWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class AvailabilityConfig {

    /** Right after the request id is assigned, before authentication: a starting instance has nothing to say. */
    static final int GATE_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<RoutesGateFilter> routesGateFilter(RoutesGate gate, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new RoutesGateFilter(gate, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(GATE_ORDER);
        return registration;
    }

    /**
     * Registers the gate with Camel before the context starts. (Camel Spring Boot picks up EventNotifier beans
     * only if they exist when the CamelContext bean is configured, which this one, created later, does not.)
     */
    @Bean
    CamelContextConfiguration routesGateRegistration(RoutesGate gate) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (!camelContext.getManagementStrategy().getEventNotifiers().contains(gate)) {
                    camelContext.getManagementStrategy().addEventNotifier(gate);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing: the gate opens on Camel's own "routes started" event
            }
        };
    }
}
