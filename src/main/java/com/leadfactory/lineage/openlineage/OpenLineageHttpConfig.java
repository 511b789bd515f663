package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.config.OpenLineageProperties;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel HTTP component that delivers OpenLineage events (its only user) gets lineage.openlineage.timeout as
 * connect, connection-request and response timeout: a consumer that hangs must not hold the delivery look's
 * transaction (and its row locks) for the component's default of three minutes. Its HTTP client does not retry on
 * its own: by default it resends a request answered 503 or 429 after sleeping for the answer's Retry-After (any
 * length: an hour, if the consumer says so) inside the look, its transaction and locks held, one attempt counted
 * for two requests; the outbox's own backoff retries instead (docs/OPENLINEAGE.md, "Delivery").
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
            http.setAutomaticRetriesDisabled(true);
        });
    }

    /**
     * The delivery endpoint's own client setting (routes/openlineage-outbox.yaml names it in its URI): no automatic
     * retries, whichever way the component was configured when the endpoint was made.
     */
    @Bean("openLineageHttpClient")
    HttpClientConfigurer openLineageHttpClient() {
        return builder -> builder.disableAutomaticRetries();
    }
}
