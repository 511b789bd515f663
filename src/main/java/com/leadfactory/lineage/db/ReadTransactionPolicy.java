package com.leadfactory.lineage.db;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code policy: readTransaction} in a route runs its steps in one database transaction: a read, its access
 * count and its audit row commit together or not at all.
 *
 * <p>Why not Camel's {@code transacted}: an exchange that has been through a transacted route comes back to
 * its (non-transacted) calling REST route marked transacted, and that route's {@code onException} then does not
 * handle the failure, so the caller got no problem+json. This policy keeps the exchange an ordinary one: it
 * rolls back when the steps fail and leaves the exception for the caller's error handling.
 */
@Component("readTransaction")
public class ReadTransactionPolicy implements Policy {

    private final TransactionTemplate transactions;

    public ReadTransactionPolicy(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            AtomicBoolean stepsFailed = new AtomicBoolean();
            try {
                transactions.executeWithoutResult(status -> {
                    // the steps inside run under the route's error handler, which may already have turned a failure
                    // into a problem response: a newly caught exception means failure just as an unhandled one does
                    Object caughtBefore = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
                    try {
                        processor.process(exchange);
                    } catch (Exception e) {
                        exchange.setException(e);
                    }
                    if (exchange.getException() != null
                            || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != caughtBefore) {
                        stepsFailed.set(true);
                        status.setRollbackOnly();
                    }
                });
            } catch (TransactionException endFailed) {
                // a rollback that fails after the steps failed (the connection broke under them) says nothing the
                // steps' own failure does not: that one is what the caller answers (its problem response may be
                // written already) and what is logged; a failed commit of steps that succeeded is the failure
                if (!stepsFailed.get()) {
                    throw endFailed;
                }
                Throwable failure = exchange.getException() != null
                        ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                if (failure != null) {
                    failure.addSuppressed(endFailed);
                }
            }
        };
    }
}
