package com.leadfactory.lineage.availability;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextRoutesStartedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the API may take requests: open from Camel's "all routes started" event until shutdown begins (Spring's
 * context-closed event, the first thing a SIGTERM triggers) or Camel starts stopping. Tomcat listens before the
 * routes exist, so without the gate a request in that window would meet a 404; the gate answers 503 instead
 * ({@link RoutesGateFilter}) and readiness reports it ({@link RoutesHealthIndicator}).
 */
@Component
public class RoutesGate extends EventNotifierSupport
        implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(RoutesGate.class);

    /** Why the gate is closed, or OPEN. */
    public enum State {
        STARTING,
        OPEN,
        STOPPING
    }

    private volatile boolean routesStarted;
    private volatile boolean shuttingDown;
    private ApplicationContext applicationContext;

    public RoutesGate() {
        // only the context's own lifecycle events: exchange events would cost every message a notification
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    public boolean isOpen() {
        return state() == State.OPEN;
    }

    public State state() {
        if (shuttingDown) {
            return State.STOPPING;
        }
        return routesStarted ? State.OPEN : State.STARTING;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelContextRoutesStartedEvent || event instanceof CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelContextRoutesStartedEvent) {
            routesStarted = true;
            if (!shuttingDown) {
                log.info("All routes started: the API takes requests");
            }
        } else if (event instanceof CamelContextStoppingEvent) {
            routesStarted = false;
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != applicationContext || shuttingDown) {
            return;
        }
        shuttingDown = true;
        log.info("Shutting down: readiness is OUT_OF_SERVICE and new API requests get 503; requests and queue"
                + " messages in flight are finished first");
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }
}
