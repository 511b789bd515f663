package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start to ready on PostgreSQL: from the moment the JVM process is started to the first 200 from
 * /actuator/health/readiness (every route started, database answering), polled every 10 ms; also when Tomcat
 * first answers, which is where the routes gate starts answering 503. The first start of a run migrates a fresh
 * database and is reported apart; the others are restarts. {@code -Dbench.jar=target/lineage-panel-*.jar} runs
 * the packaged jar with {@code java -jar} as production does; without it, the test class path. See
 * bench/README.md.
 */
@Tag("bench")
class StartToReadyBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 7);
    private static final String JAR = System.getProperty("bench.jar");
    /** Extra JVM options for the jar, e.g. -Dbench.jvm=-XX:TieredStopAtLevel=1 (space-separated). */
    private static final String JVM = System.getProperty("bench.jvm", "");

    private record Start(double listeningMs, double readyMs) {}

    @Test
    void processStartToReadinessUp() throws Exception {
        FaultDatabase database = FaultDatabase.fresh("lineage_start_bench");
        BenchReport report = new BenchReport("start-to-ready");
        report.line(
                "start to ready on PostgreSQL, %s, %d restarts after one first start (which migrates the database)",
                JAR == null ? "test class path (-Xmx384m -XX:TieredStopAtLevel=1)" : "java " + JVM + " -jar " + JAR,
                RUNS);
        Start first = start(database, 0);
        report.line("| run | Tomcat answers (ms) | readiness 200 (ms) | gate window (ms) |");
        report.line("|---|---:|---:|---:|");
        report.line(row("first start", first));
        List<Start> restarts = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Start start = start(database, run);
            restarts.add(start);
            report.line(row("restart " + run, start));
        }
        long[] ready =
                restarts.stream().mapToLong(s -> (long) (s.readyMs() * 1e6)).toArray();
        long[] listening =
                restarts.stream().mapToLong(s -> (long) (s.listeningMs() * 1e6)).toArray();
        report.line(
                "median of %d restarts: Tomcat answers %.0f ms, readiness 200 %.0f ms (min %.0f, max %.0f)",
                RUNS,
                BenchReport.percentile(listening, 50),
                BenchReport.percentile(ready, 50),
                BenchReport.percentile(ready, 0),
                BenchReport.percentile(ready, 100));
        report.write();
    }

    private static String row(String name, Start start) {
        return String.format(
                "| %s | %.0f | %.0f | %.0f |",
                name, start.listeningMs(), start.readyMs(), start.readyMs() - start.listeningMs());
    }

    private static Start start(FaultDatabase database, int run) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (JAR == null) {
            command.addAll(List.of(
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "com.leadfactory.lineage.LineagePanelApplication"));
        } else {
            for (String option : JVM.split(" ")) {
                if (!option.isBlank()) {
                    command.add(option);
                }
            }
            command.addAll(List.of("-jar", JAR));
        }
        command.add("--server.port=" + port);
        database.serviceProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--lineage.demo.enabled=false");
        command.add("--lineage.security.clients[0].name=bench");
        command.add("--lineage.security.clients[0].api-key=start-bench-key-0123456789");
        command.add("--lineage.security.clients[0].roles=viewer");
        Path log = Path.of("target", "bench", "start-to-ready-" + run + ".log");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            double listening = -1;
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("the service exited; see " + log);
                }
                if ((System.nanoTime() - started) > TimeUnit.SECONDS.toNanos(180)) {
                    throw new AssertionError("not ready within 180 s; see " + log);
                }
                int status = Http.status(port, "/actuator/health/readiness");
                double elapsed = (System.nanoTime() - started) / 1e6;
                if (status > 0 && listening < 0) {
                    listening = elapsed;
                }
                if (status == 200) {
                    return new Start(listening, elapsed);
                }
                Await.sleep(10);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
