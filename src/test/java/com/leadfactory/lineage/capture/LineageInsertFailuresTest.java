package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class LineageInsertFailuresTest {

    private final LineageInsertFailures failures = new LineageInsertFailures();

    private static Exchange caught(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    @Test
    void aForeignKeyViolationIsAnUnknownReportGenerationOnBothDatabases() {
        for (String sqlState : new String[] {"23503", "23506"}) {
            var failure = new DataIntegrityViolationException("fk", new SQLException("parent missing", sqlState));
            assertThatThrownBy(() -> failures.translate(caught(failure)))
                    .isInstanceOf(UnknownReportGenerationException.class)
                    .hasCause(failure);
        }
    }

    @Test
    void anyOtherIntegrityFailureIsThrownAsItWas() {
        var failure = new DataIntegrityViolationException("check", new SQLException("check violated", "23514"));
        assertThatThrownBy(() -> failures.translate(caught(failure))).isSameAs(failure);
        assertThat(LineageInsertFailures.isMissingParent(new IllegalStateException()))
                .isFalse();
    }

    @Test
    void outsideADoCatchItIsAWiringBug() {
        assertThatThrownBy(() -> failures.translate(new DefaultExchange(new DefaultCamelContext())))
                .isInstanceOf(IllegalStateException.class);
    }
}
