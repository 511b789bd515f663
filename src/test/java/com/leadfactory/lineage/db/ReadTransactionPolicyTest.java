package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;

class ReadTransactionPolicyTest {

    /** A transaction manager whose end of a transaction fails, as on a connection that broke under the steps. */
    private static final class BrokenConnection implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            if (status.isRollbackOnly()) {
                rollback(status);
                return;
            }
            throw new TransactionSystemException("JDBC commit failed");
        }

        @Override
        public void rollback(TransactionStatus status) {
            throw new TransactionSystemException("JDBC rollback failed");
        }
    }

    private final ReadTransactionPolicy policy = new ReadTransactionPolicy(new BrokenConnection());
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aRollbackThatFailsAfterTheStepsFailedLeavesTheStepsFailureToAnswer() throws Exception {
        IllegalStateException stepsFailure = new IllegalStateException("An I/O error occurred while sending");
        Processor failing = e -> {
            throw stepsFailure;
        };

        policy.wrap(null, failing).process(exchange);

        assertThat(exchange.getException()).isSameAs(stepsFailure);
        assertThat(stepsFailure.getSuppressed())
                .singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining("rollback failed"));
    }

    /** The steps' error handler answered already (a problem response): a failed rollback must not replace it. */
    @Test
    void aRollbackThatFailsAfterTheRoutesErrorHandlerAnsweredLeavesThatAnswer() throws Exception {
        IllegalStateException handled = new IllegalStateException("An I/O error occurred while sending");
        Processor handledInside = e -> {
            e.setProperty(Exchange.EXCEPTION_CAUGHT, handled);
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        };

        policy.wrap(null, handledInside).process(exchange);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(handled.getSuppressed())
                .singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining("rollback failed"));
    }

    @Test
    void aCommitThatFailsAfterTheStepsSucceededIsTheFailure() {
        Processor succeeding = e -> e.getMessage().setBody("read");

        assertThatThrownBy(() -> policy.wrap(null, succeeding).process(exchange))
                .isInstanceOf(TransactionSystemException.class)
                .hasMessageContaining("commit failed");
    }
}
