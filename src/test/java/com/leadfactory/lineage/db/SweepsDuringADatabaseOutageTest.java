package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Every timer route while the database does not answer (its DataSource refusing connections): one WARN a sweep when
 * the outage is first seen, however many ticks fail, no stack trace from the sweeps' timers, and one INFO a sweep
 * when it reaches the database again. A failure that is not a connection failure still reaches the error handler
 * with its stack trace.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:lineage_sweep_outage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=true",
            "lineage.reconcile.interval=200ms",
            "lineage.retention.enabled=true",
            "lineage.retention.interval=200ms",
            "lineage.retention.storage-check-interval=200ms",
            "lineage.audit.checkpoint-interval=200ms",
            "lineage.openlineage.enabled=true",
            "lineage.openlineage.url=http://127.0.0.1:9/api/v1/lineage",
            "lineage.openlineage.poll-interval=200ms",
        })
class SweepsDuringADatabaseOutageTest {

    /** Route id → the name its log lines give the sweep. */
    private static final List<List<String>> SWEEPS = List.of(
            List.of("reconcile-lineage", "Reconciliation"),
            List.of("retention-purge", "Retention"),
            List.of("measure-lineage-storage", "Storage measurement"),
            List.of("audit-checkpoint-timer", "Audit checkpointing"),
            List.of("deliver-openlineage-events", "OpenLineage delivery"));

    private static final int FAILING_TICKS = 4;

    enum Mode {
        ANSWERS,
        REFUSES_CONNECTIONS,
        REFUSES_STATEMENTS
    }

    static volatile Mode mode = Mode.ANSWERS;

    @TestConfiguration
    static class SwitchableDatabase {
        @Bean
        static BeanPostProcessor switchableDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !(bean instanceof Switchable)
                            ? new Switchable(dataSource)
                            : bean;
                }
            };
        }
    }

    /** The service's DataSource, failing as {@link #mode} says. */
    static final class Switchable extends DelegatingDataSource {
        Switchable(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }

        private static Connection wrap(Connection connection) throws SQLException {
            switch (mode) {
                case REFUSES_CONNECTIONS -> {
                    connection.close();
                    throw new SQLTransientConnectionException("test: the database does not answer", "08001");
                }
                case REFUSES_STATEMENTS -> {
                    return (Connection) Proxy.newProxyInstance(
                            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, method, args) -> {
                                if (method.getName().startsWith("prepare")
                                        || method.getName().equals("createStatement")) {
                                    throw new SQLSyntaxErrorException("test: not a connection failure", "42000");
                                }
                                try {
                                    return method.invoke(connection, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
                default -> {
                    return connection;
                }
            }
        }
    }

    @Autowired
    CamelContext camel;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogLines() {
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void answerAgain() {
        mode = Mode.ANSWERS;
        root.detachAppender(lines);
    }

    @Test
    void anOutageIsOneWarnAndOneInfoASweepNotAStackTraceEveryTick() {
        ticks(2); // every sweep has run against the working database
        List<ILoggingEvent> before = snapshot();

        mode = Mode.REFUSES_CONNECTIONS;
        ticks(FAILING_TICKS);
        List<ILoggingEvent> during = since(before);
        for (List<String> sweep : SWEEPS) {
            assertThat(outageLines(during, sweep.get(1) + " paused"))
                    .as("WARN lines of %s for %d failing ticks", sweep.get(0), FAILING_TICKS)
                    .singleElement()
                    .satisfies(line -> {
                        assertThat(line.getLevel()).isEqualTo(Level.WARN);
                        assertThat(line.getThrowableProxy()).isNull();
                        assertThat(line.getFormattedMessage())
                                .contains("the database does not answer")
                                .contains("test: the database does not answer")
                                .contains("will retry every 200ms");
                    });
        }
        assertThat(timerLinesWithAStackTrace(during))
                .as("log lines with a stack trace from the sweeps' timers during the outage")
                .isEmpty();

        List<ILoggingEvent> outage = snapshot();
        mode = Mode.ANSWERS;
        ticks(2);
        List<ILoggingEvent> after = since(outage);
        for (List<String> sweep : SWEEPS) {
            assertThat(outageLines(after, sweep.get(1) + " resumed"))
                    .as("INFO lines of %s once the database answers", sweep.get(0))
                    .singleElement()
                    .satisfies(line -> assertThat(line.getLevel()).isEqualTo(Level.INFO));
            assertThat(outageLines(after, sweep.get(1) + " paused")).isEmpty();
        }
    }

    @Test
    void aFailureThatIsNotAConnectionFailureKeepsItsStackTrace() {
        ticks(1);
        List<ILoggingEvent> before = snapshot();

        mode = Mode.REFUSES_STATEMENTS;
        ticks(2);
        List<ILoggingEvent> during = since(before);

        assertThat(during.stream().filter(line -> line.getLoggerName().equals(DatabaseOutages.class.getName())))
                .as("a refused statement is not an outage")
                .isEmpty();
        assertThat(timerLinesWithAStackTrace(during))
                .as("the lines of the failed ticks, with the stack trace")
                .isNotEmpty()
                .allSatisfy(line ->
                        assertThat(line.getLevel().isGreaterOrEqual(Level.WARN)).isTrue());
    }

    /** Waits until every sweep has run {@code count} more times (NotifyBuilder, no sleeping). */
    private void ticks(int count) {
        NotifyBuilder builder = new NotifyBuilder(camel);
        for (int i = 0; i < SWEEPS.size(); i++) {
            if (i > 0) {
                builder.and();
            }
            builder.fromRoute(SWEEPS.get(i).get(0)).whenDone(count);
        }
        NotifyBuilder notify = builder.create();
        assertThat(notify.matches(60, TimeUnit.SECONDS))
                .as("every sweep ran %d times", count)
                .isTrue();
    }

    private List<ILoggingEvent> snapshot() {
        synchronized (lines) {
            return new ArrayList<>(lines.list);
        }
    }

    private List<ILoggingEvent> since(List<ILoggingEvent> before) {
        List<ILoggingEvent> now = snapshot();
        return new ArrayList<>(now.subList(before.size(), now.size()));
    }

    private static List<ILoggingEvent> outageLines(List<ILoggingEvent> events, String start) {
        return events.stream()
                .filter(line -> line.getLoggerName().equals(DatabaseOutages.class.getName()))
                .filter(line -> line.getFormattedMessage().startsWith(start))
                .toList();
    }

    private static List<ILoggingEvent> timerLinesWithAStackTrace(List<ILoggingEvent> events) {
        return events.stream()
                .filter(line -> line.getThreadName().contains("timer://"))
                .filter(line -> line.getThrowableProxy() != null)
                .toList();
    }
}
