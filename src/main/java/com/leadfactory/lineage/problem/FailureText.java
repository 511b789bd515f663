package com.leadfactory.lineage.problem;

import java.util.function.Function;

/** How a failure is named in a log line an operator acts on. */
public final class FailureText {

    private FailureText() {}

    /** The failure's own message and, when it says something else, its root cause's. */
    public static String of(Throwable failure) {
        return failure == null ? "unknown failure" : join(failure, t -> String.valueOf(t.getMessage()));
    }

    /**
     * The same with each one's type: for failures whose message alone says too little (a file error's message is
     * only its path).
     */
    public static String withTypes(Throwable failure) {
        return failure == null ? "unknown failure" : join(failure, Throwable::toString);
    }

    private static String join(Throwable failure, Function<Throwable, String> text) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = text.apply(failure);
        return root == failure || top.contains(String.valueOf(root.getMessage())) ? top : top + ": " + text.apply(root);
    }
}
