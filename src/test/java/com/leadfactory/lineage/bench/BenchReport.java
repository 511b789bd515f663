package com.leadfactory.lineage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Percentiles and a Markdown results file under target/bench/, printed to stdout too. */
final class BenchReport {

    private final StringBuilder text = new StringBuilder();
    private final String name;

    BenchReport(String name) {
        this.name = name;
    }

    BenchReport line(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[bench] " + line);
        text.append(line).append('\n');
        return this;
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    void write() {
        try {
            Path dir = Path.of("target", "bench");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
