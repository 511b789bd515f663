package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.config.OpenLineageProperties;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel HTTP component that delivers OpenLineage events (its only user) gets lineage.openlineage.timeout as
 * connect, connection-request and response timeout: a consumer that hangs must not hold the delivery look's
 * transaction (and its row locks) for the component's default of three minutes.
 */
@Configuration(proxyBeanMethods = false)
public class OpenLineageHttpConfig {

    @Bean
    ComponentCustomizer openLineageHttpTimeouts(OpenLineageProperties properties) {
        long millis = properties.getTimeout().toMillis();
        return ComponentCustomizer.forType(HttpComponent.class, http -> {
            http.setConnectTimeout(millis);
            http.setConnectionRequestTimeout(millis);
            http.setResponseTimeout(millis);
        });
    }
}
