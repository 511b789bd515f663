package com.leadfactory.lineage.problem;

/** How a failure is named in a log line an operator acts on. */
public final class FailureText {

    private FailureText() {}

    /** The failure's own message and, when it says something else, its root cause's. */
    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = String.valueOf(failure.getMessage());
        String bottom = String.valueOf(root.getMessage());
        return root == failure || top.contains(bottom) ? top : top + ": " + bottom;
    }
}
