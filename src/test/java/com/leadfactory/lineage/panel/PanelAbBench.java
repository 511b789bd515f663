package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.H2ApiTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.TestPropertySource;

/**
 * The panel's static files at a git ref (-Dbench.baseline=, default HEAD) against the working tree's, on the
 * LogViewerBench deep link, in one service and one browser: the two versions take turns (swapped in the
 * served target/classes/static between rounds), so both see the same machine load and the ratio means
 * something on a shared machine. Tag "bench"; run it as bench/README.md says. Writes target/bench/panel-ab.md.
 */
@Tag("bench")
// the two versions are swapped on disk under one running service: serve them as files, not as one cached version
@TestPropertySource(properties = {"lineage.capture.max-body-bytes=16MB", "lineage.panel.versioned-assets=false"})
class PanelAbBench extends H2ApiTestBase {

    static final String BASELINE = System.getProperty("bench.baseline", "HEAD");
    static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    static final int LOADS = 3; // measured loads per version and round, after one warm-up load
    static final Path STATIC = Path.of("src", "main", "resources", "static");
    static final Path SERVED = Path.of("target", "classes", "static");

    @Test
    void baselineAgainstWorkingTree() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> message = source.report();
        message.put(
                "pipeline_logs",
                LogViewerBench.logs(mapper, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));
        as(ApiTestSupport.INGEST_KEY)
                .contentType("application/json")
                .body(mapper.writeValueAsBytes(message))
                .post("/api/lineage/completions")
                .then()
                .statusCode(201);
        String reportId = (String) message.get("report_generation_id");

        Path baseline = Files.createTempDirectory("panel-baseline");
        Map<String, Path> versions = new LinkedHashMap<>();
        versions.put("baseline " + BASELINE, extract(BASELINE, baseline).resolve(STATIC));
        versions.put("working tree", STATIC);
        Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
        try (Browser browser = new Browser(port)) {
            browser.signIn("test-viewer", "viewer-password");
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Path> version : versions.entrySet()) {
                    serve(version.getValue());
                    for (int i = 0; i <= LOADS; i++) {
                        browser.driver.get("about:blank");
                        browser.open("/#/reports/" + reportId);
                        browser.waiting()
                                .until(d -> "true".equals(browser.js("return document.body.dataset.logsReadable")));
                        assertThat(browser.driver
                                        .findElement(By.id("log-count"))
                                        .getText())
                                .isEqualTo("20,000 entries");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> run = (Map<String, Object>) browser.js(LogViewerBench.MARKS);
                        if (i > 0) {
                            runs.computeIfAbsent(version.getKey(), k -> new ArrayList<>())
                                    .add(run);
                        }
                    }
                }
            }
        } finally {
            serve(STATIC);
            delete(baseline);
        }
        String report = report(runs);
        System.out.println(report);
        Path out = Path.of("target", "bench", "panel-ab.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static Path extract(String ref, Path into) throws IOException, InterruptedException {
        Process git = new ProcessBuilder(
                        "sh",
                        "-c",
                        "git archive --format=tar \"$0\" " + STATIC + " | tar -x -C \"$1\"",
                        ref,
                        into.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git archive %s: %s", ref, output).isZero();
        return into;
    }

    /** Replaces the files the running service serves (it reads them from target/classes on every request). */
    private static void serve(Path version) throws IOException {
        delete(SERVED);
        try (Stream<Path> files = Files.walk(version)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = SERVED.resolve(version.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    // keeps the file's time, so the next build's resource copy replaces an older version
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static String report(Map<String, List<Map<String, Object>>> runs) {
        List<String> names = new ArrayList<>(runs.keySet());
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Panel versions, alternating: %d rounds × %d loads each (after a warm-up load per round)%n%n",
                ROUNDS,
                LOADS));
        out.append("| median (ms) | ").append(String.join(" | ", names)).append(" | ratio |\n|---|---:|---:|---:|\n");
        Map<String, String> measures = new LinkedHashMap<>();
        measures.put("navigation → logs-readable", "readable");
        measures.put("navigation → logs-requested", "requested");
        measures.put("navigation → DOMContentLoaded", "domContentLoaded");
        for (Map.Entry<String, String> measure : measures.entrySet()) {
            double a = median(runs.get(names.get(0)), measure.getValue());
            double b = median(runs.get(names.get(1)), measure.getValue());
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", measure.getKey(), a, b, b / a));
        }
        return out.toString();
    }

    private static double median(List<Map<String, Object>> runs, String key) {
        double[] values = runs.stream()
                .mapToDouble(r -> LogViewerBench.num(r.get(key)))
                .sorted()
                .toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
