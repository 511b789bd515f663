package com.leadfactory.lineage.capture;

import java.sql.SQLException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Tells apart why the insert of a lineage row broke an integrity rule. The only foreign key of report_lineage
 * is its report generation, so a foreign-key violation means the completion names a report generation that is
 * not there (yet): {@link UnknownReportGenerationException}. Anything else is thrown on as it was.
 */
@Component("lineageInsertFailures")
public class LineageInsertFailures {

    /** SQLSTATE of a missing parent row: PostgreSQL's foreign_key_violation, H2's "parent missing". */
    private static final Set<String> MISSING_PARENT = Set.of("23503", "23506");

    public void translate(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            throw new IllegalStateException("translate is for a doCatch block: no exception was caught");
        }
        if (isMissingParent(failure)) {
            CompletionMessage completion = exchange.getProperty("completion", CompletionMessage.class);
            throw new UnknownReportGenerationException(
                    completion == null ? "(unknown)" : completion.getReportGenerationId(), failure);
        }
        throw failure;
    }

    static boolean isMissingParent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && MISSING_PARENT.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
