package com.leadfactory.lineage.ingest;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With queue ingest on, the broker must answer at start-up (the consumer declares its queues). Asked once before
 * the web server and Camel start, so that a broker away stops start-up with Spring's one report naming the broker
 * and the settings to check (availability.DependencyFailureAnalyzer), not with Camel's stack trace from the
 * middle of starting its routes.
 */
@Component
@ConditionalOnProperty(name = "lineage.ingest.rabbitmq.enabled", havingValue = "true")
public class BrokerAtStartup implements SmartInitializingSingleton {

    private final ConnectionFactory connectionFactory;

    public BrokerAtStartup(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // the caching factory keeps this connection open for the consumers
        Connection connection = connectionFactory.createConnection();
        connection.close();
    }
}
