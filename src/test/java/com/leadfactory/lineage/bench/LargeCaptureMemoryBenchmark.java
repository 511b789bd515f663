package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.Http;
import com.leadfactory.lineage.support.LargeCapture;
import com.leadfactory.lineage.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The heap a capture of ~50 MB of source rows needs: the service in its own JVM at each of the given maximum
 * heaps, with the GC log on. Before the capture a forced full GC gives the idle service's live heap; the capture's
 * GCs then give the largest heap left after a collection (the live data the capture holds, an upper bound) and the
 * largest heap a collection started from (occupancy including garbage). Run: see bench/README.md.
 */
@Tag("bench")
class LargeCaptureMemoryBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 50);
    private static final int ROW_BYTES = Integer.getInteger("bench.row-bytes", 1_000_000);
    private static final List<String> HEAPS = List.of(
            System.getProperty("bench.heaps", "384m,256m,192m,160m,128m").split(","));
    private static final Pattern HEAP_CHANGE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void peakHeapWhileCapturingFiftyMegabytesOfSourceRows() throws Exception {
        LargeCapture input = LargeCapture.prepare("lineage_large_capture_bench", ROWS, ROW_BYTES);
        BenchReport report = new BenchReport("large-capture-memory");
        report.line(
                        "capture of one report with %d source rows, %.1f MB of payloads; %d cores",
                        ROWS, input.sourceBytes() / 1e6, Runtime.getRuntime().availableProcessors())
                .line("")
                .line("| -Xmx | answer | seconds | idle heap after a full GC | max heap after a GC while capturing"
                        + " | max heap before a GC while capturing |")
                .line("|---|---|---:|---:|---:|---:|");
        for (String heap : HEAPS) {
            Path gcLog = Path.of("target", "bench", "large-capture-gc-" + heap + ".log");
            Files.createDirectories(gcLog.getParent());
            Files.deleteIfExists(gcLog);
            try (ServiceProcess service =
                    input.service("large-capture-" + heap, heap, "-Xlog:gc:file=" + gcLog.toAbsolutePath())) {
                forceGc(service);
                List<String> idle = Files.readAllLines(gcLog);
                long start = System.nanoTime();
                Http.Answer answer = input.capture(service);
                double seconds = (System.nanoTime() - start) / 1e9;
                List<String> all = Files.readAllLines(gcLog);
                long[] during = heapChanges(all.subList(idle.size(), all.size()));
                report.line(
                        "| %s | %s | %.1f | %d MB | %d MB | %d MB |",
                        heap,
                        answer.status() == -1 ? "none (" + answer.body() + ")" : answer.status(),
                        seconds,
                        heapChanges(idle)[2],
                        during[1],
                        during[0]);
            }
        }
        report.line("")
                .line(
                        "load average at the end: %s",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
        report.write();
    }

    private static void forceGc(ServiceProcess service) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(service.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd GC.run did not finish");
        }
    }

    /** {max before, max after, last after} over the GC log lines, in MB. */
    private static long[] heapChanges(List<String> lines) {
        long maxBefore = 0;
        long maxAfter = 0;
        long lastAfter = 0;
        for (String line : lines) {
            Matcher change = HEAP_CHANGE.matcher(line);
            if (change.find()) {
                maxBefore = Math.max(maxBefore, Long.parseLong(change.group(1)));
                lastAfter = Long.parseLong(change.group(2));
                maxAfter = Math.max(maxAfter, lastAfter);
            }
        }
        return new long[] {maxBefore, maxAfter, lastAfter};
    }
}
