package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The panel's log-viewer budget (bench/README.md, "Panel"): navigation to a readable log view of a 5 MB / 20,000-entry log, in headless Chromium, read from the
 * panel's own Performance API marks (logs-requested, logs-readable). Not part of the default suite (tag
 * "bench"); run it as bench/README.md says. Prints a table and writes target/bench/panel-log-viewer.md.
 */
@Tag("bench")
@TestPropertySource(properties = "lineage.capture.max-body-bytes=16MB")
class LogViewerBench extends ApiTestBase {

    /** -Dbench.database=postgresql for a fresh PostgreSQL database; H2 in memory otherwise. */
    static final String DATABASE = System.getProperty("bench.database", "h2");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (DATABASE.equals("postgresql")) {
            // made once: the supplier is asked again after Flyway ran, and a fresh database then has no tables
            String url = TestDatabases.freshPostgres("lineage_logs_bench");
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        } else {
            registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_logs_bench"));
            registry.add("spring.datasource.username", () -> "sa");
        }
    }

    static final int ENTRIES = 20_000;
    static final int TARGET_BYTES = 5 * 1024 * 1024;
    static final int RUNS = Integer.getInteger("bench.runs", 9);
    static final int WARMUP = 2;

    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "INFO", "ERROR"};
    private static final String[] STEPS = {
        "assess.pagespeed",
        "assess.seo",
        "enrich.clearbit",
        "enrich.hunter",
        "render.template",
        "render.pdf",
        "upload.s3"
    };

    @Test
    void navigationToReadableLogs() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> message = source.report();
        List<Map<String, Object>> logs =
                logs(mapper, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
        int logBytes = mapper.writeValueAsBytes(logs).length;
        message.put("pipeline_logs", logs);
        as(ApiTestSupport.INGEST_KEY)
                .contentType("application/json")
                .body(mapper.writeValueAsBytes(message))
                .post("/api/lineage/completions")
                .then()
                .statusCode(201);
        String reportId = (String) message.get("report_generation_id");
        String lineageId = as(ApiTestSupport.VIEWER_KEY)
                .get("/api/lineage/" + reportId)
                .then()
                .statusCode(200)
                .extract()
                .path("lineage_id");
        int served = as(ApiTestSupport.VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/logs")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray()
                .length;

        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> interaction;
        try (Browser browser = new Browser(port)) {
            browser.signIn("test-viewer", "viewer-password");
            for (int i = 0; i < WARMUP + RUNS; i++) {
                browser.driver.get("about:blank");
                browser.open("/#/reports/" + reportId);
                browser.waiting().until(d -> "true".equals(browser.js("return document.body.dataset.logsReadable")));
                @SuppressWarnings("unchecked")
                Map<String, Object> run = (Map<String, Object>) browser.js(MARKS);
                if (i >= WARMUP) {
                    runs.add(run);
                }
            }
            assertThat(browser.driver.findElement(By.id("log-count")).getText()).isEqualTo("20,000 entries");
            @SuppressWarnings("unchecked")
            Map<String, Object> measured = (Map<String, Object>) browser.driver.executeAsyncScript(INTERACTION);
            interaction = measured;
            browser.screenshot("bench-log-viewer");
        }

        String report = report(logBytes, served, runs, interaction);
        System.out.println(report);
        Path out = Path.of("target", "bench", "panel-log-viewer.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    /** 20,000 structured entries padded so the JSON is 5 MiB, like a chatty enrichment run. */
    static List<Map<String, Object>> logs(ObjectMapper mapper, OffsetDateTime start) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>(ENTRIES);
        String lead = UUID.randomUUID().toString();
        for (int i = 0; i < ENTRIES; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("ts", start.plusNanos(i * 3_000_000L).toString());
            e.put("level", LEVELS[i % LEVELS.length]);
            String step = STEPS[i % STEPS.length];
            e.put("msg", step + " item " + i + " finished in " + (i * 37 % 900) + " ms");
            e.put("logger", "leadfactory.pipeline." + step);
            e.put("lead_id", lead);
            e.put("attempt", 1 + i % 3);
            e.put("context", Map.of("batch", i / 100, "source", step.substring(step.indexOf('.') + 1)));
            entries.add(e);
        }
        int size = mapper.writeValueAsBytes(entries).length;
        int pad = Math.max(0, (TARGET_BYTES - size) / ENTRIES - 12);
        char[] filler = new char[pad];
        Arrays.fill(filler, 'x');
        String detail = new String(filler);
        for (Map<String, Object> e : entries) {
            e.put("detail", detail);
        }
        return entries;
    }

    static final String MARKS = """
            const mark = (n) => performance.getEntriesByName(n)[0].startTime;
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource').filter(r => r.name.endsWith('/logs')).pop();
            return {
              readable: mark('logs-readable'),
              requested: mark('logs-requested'),
              domContentLoaded: nav.domContentLoadedEventEnd,
              logsFetch: res.responseEnd - res.startTime,
              logsWaiting: res.responseStart - res.startTime,
              transferBytes: res.transferSize,
              bodyBytes: res.decodedBodySize,
              rowsInDom: document.querySelectorAll('.log-row').length,
            };
            """;

    /** Frame intervals while scrolling through the whole list, and the cost of filtering 20,000 entries. */
    private static final String INTERACTION = """
            const done = arguments[arguments.length - 1];
            const list = document.getElementById('log-list');
            const frames = [];
            let last = performance.now();
            let n = 0;
            const step = () => {
              const now = performance.now();
              frames.push(now - last);
              last = now;
              list.scrollTop += 997;
              if (++n < 240) requestAnimationFrame(step); else finish();
            };
            const finish = () => {
              frames.shift();
              frames.sort((a, b) => a - b);
              const q = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
              let t = performance.now();
              document.getElementById('lvl-INFO').click();
              const levelFilter = performance.now() - t;
              const search = document.getElementById('log-search');
              search.value = 'enrich.hunter item 1';
              t = performance.now();
              search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
              const textFirst = performance.now() - t;
              search.value = 'enrich.hunter item 19';
              t = performance.now();
              search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
              const textAgain = performance.now() - t;
              done({
                framesMeasured: frames.length, frameP50: q(0.5), frameP95: q(0.95), frameMax: frames[frames.length - 1],
                levelFilter, textFirst, textAgain, count: document.getElementById('log-count').textContent,
              });
            };
            requestAnimationFrame(step);
            """;

    private static String report(
            int logBytes, int served, List<Map<String, Object>> runs, Map<String, Object> interaction) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Log viewer on %s: %,d entries, %,d bytes of JSON (%,d served), %d runs after %d warm-up%n%n",
                DATABASE,
                ENTRIES,
                logBytes,
                served,
                runs.size(),
                WARMUP));
        out.append("| measure (ms) | median | min | max |\n|---|---:|---:|---:|\n");
        row(out, runs, "navigation → logs-readable", r -> num(r.get("readable")));
        row(out, runs, "logs-requested → logs-readable", r -> num(r.get("readable")) - num(r.get("requested")));
        row(out, runs, "navigation → logs-requested", r -> num(r.get("requested")));
        row(out, runs, "logs fetch (request → last byte)", r -> num(r.get("logsFetch")));
        row(out, runs, "logs fetch: server time to first byte", r -> num(r.get("logsWaiting")));
        row(out, runs, "navigation → DOMContentLoaded", r -> num(r.get("domContentLoaded")));
        Map<String, Object> first = runs.get(0);
        out.append(String.format(
                Locale.ROOT,
                "%nlogs response: %,.0f bytes on the wire, %,.0f decoded; row elements in the DOM: %.0f%n",
                num(first.get("transferBytes")),
                num(first.get("bodyBytes")),
                num(first.get("rowsInDom"))));
        out.append(String.format(
                Locale.ROOT,
                "scrolling the list (%.0f frames, ~1,000 px a frame): frame interval p50 %.1f ms, p95 %.1f ms,"
                        + " max %.1f ms%n",
                num(interaction.get("framesMeasured")),
                num(interaction.get("frameP50")),
                num(interaction.get("frameP95")),
                num(interaction.get("frameMax"))));
        out.append(String.format(
                Locale.ROOT,
                "filtering 20,000 entries: level checkbox %.1f ms; first text search %.1f ms (builds the"
                        + " lower-cased index); next text search %.1f ms; result: %s%n",
                num(interaction.get("levelFilter")),
                num(interaction.get("textFirst")),
                num(interaction.get("textAgain")),
                interaction.get("count")));
        return out.toString();
    }

    private static void row(
            StringBuilder out, List<Map<String, Object>> runs, String name, Function<Map<String, Object>, Double> f) {
        double[] values = runs.stream().mapToDouble(f::apply).sorted().toArray();
        double median = values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        out.append(String.format(
                Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, median, values[0], values[values.length - 1]));
    }

    static double num(Object value) {
        return ((Number) value).doubleValue();
    }
}
