package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.ProblemException;
import java.time.Duration;

/** A completion body that had not fully arrived when {@code lineage.capture.body-read-timeout} ran out: a 408. */
public class SlowBodyException extends ProblemException {

    /** Its problem type; never a dead-letter reason: a queued message arrives whole. */
    public static final String TYPE = "body-too-slow";

    private static final long serialVersionUID = 1L;

    public SlowBodyException(Duration timeout) {
        super(
                408,
                TYPE,
                "Request body too slow",
                "The completion body had not fully arrived after " + timeout.toMillis()
                        + " ms (lineage.capture.body-read-timeout); nothing was stored. Send it again.",
                null);
    }
}
