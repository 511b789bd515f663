package com.leadfactory.lineage.compare;

import com.leadfactory.lineage.problem.ProblemException;

/** Every diff slot (logs or raw inputs) stayed taken for lineage.compare.diff-wait: a 503 to retry, never a pile-up in heap. */
public class CompareBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public CompareBusyException(int slots) {
        super(
                503,
                "compare-busy",
                "Comparison busy",
                "All " + slots + " diff slots are in use (lineage.compare.max-concurrent-diffs); try again"
                        + " in a moment.",
                null);
    }
}
