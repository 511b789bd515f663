package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The panel in real headless Chromium against the running service (H2), signed in through the real form with
 * the viewer and auditor clients of ApiTestBase. Data is captured through the real completion endpoint.
 */
class PanelBrowserTest extends PanelBrowserTestBase {

    private static final int LOG_ENTRIES = 300;
    private static final String NEEDLE = "cache miss needle-7f3a";

    private static Seeded data;

    record Seeded(
            String leadId, String olderReport, String olderRun, String newerReport, String newerRun, String pdfSha) {}

    @BeforeEach
    void seedOnce() {
        if (data == null) {
            data = seed();
        }
    }

    private Seeded seed() {
        UUID lead = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Map<String, Object> older = source.report(lead, now.minusHours(2).minusSeconds(75), now.minusHours(2));
        capture(older);
        Map<String, Object> newer = source.report(lead, now.minusHours(1).minusSeconds(98), now.minusHours(1));
        byte[] sha = new byte[32];
        ThreadLocalRandom.current().nextBytes(sha);
        String pdfSha = HexFormat.of().formatHex(sha);
        newer.put("pdf", Map.of("uri", "s3://reports/" + newer.get("report_generation_id") + ".pdf", "sha256", pdfSha));
        newer.put("pipeline_logs", logs(now.minusHours(1).minusSeconds(98)));
        capture(newer);
        return new Seeded(
                lead.toString(),
                (String) older.get("report_generation_id"),
                (String) older.get("pipeline_run_id"),
                (String) newer.get("report_generation_id"),
                (String) newer.get("pipeline_run_id"),
                pdfSha);
    }

    private void capture(Map<String, Object> message) {
        as(ApiTestSupport.INGEST_KEY)
                .contentType("application/json")
                .body(message)
                .post("/api/lineage/completions")
                .then()
                .statusCode(201);
    }

    static String level(int i) {
        if (i % 10 == 0) return "ERROR";
        if (i % 5 == 0) return "WARN";
        if (i % 3 == 0) return "DEBUG";
        return "INFO";
    }

    private static List<Map<String, Object>> logs(OffsetDateTime start) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < LOG_ENTRIES; i++) {
            entries.add(Map.of(
                    "ts",
                    start.plusNanos(i * 250_000_000L).toString(),
                    "level",
                    level(i),
                    "msg",
                    i == 137 ? NEEDLE + " for lead enrichment" : "step " + i + " of the enrichment",
                    "step",
                    i % 2 == 0 ? "assess" : "enrich"));
        }
        return entries;
    }

    private static long count(String level) {
        return java.util.stream.IntStream.range(0, LOG_ENTRIES)
                .filter(i -> level(i).equals(level))
                .count();
    }

    private void search(String text) {
        browser.open("/#/");
        WebElement q = browser.visible("#q");
        q.clear();
        q.sendKeys(text, Keys.ENTER);
    }

    @Test
    void aViewerFindsReportsByEveryKindOfIdAndFiltersTheLogs() {
        browser.signIn("test-viewer", "viewer-password");
        browser.textContains("#who", "test-viewer");
        browser.visible("#q");
        browser.screenshot("search");

        // anything that is not an id is refused inline, before any request
        search("not-an-id");
        browser.textContains("#q-error", "is not a report id");

        // a lead id lists both of its reports, newest first
        search(data.leadId());
        browser.textContains("#match-kind", "lead id");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#results-table .report-link"));
        assertThat(links).extracting(WebElement::getText).containsExactly(data.newerReport(), data.olderReport());
        browser.screenshot("search-results");

        search(data.olderRun());
        browser.textContains("#match-kind", "pipeline run id");
        assertThat(browser.driver.findElements(By.cssSelector("#results-table .report-link")))
                .extracting(WebElement::getText)
                .containsExactly(data.olderReport());

        search(data.pdfSha().toUpperCase());
        browser.textContains("#match-kind", "PDF SHA-256");
        assertThat(browser.driver.findElements(By.cssSelector("#results-table .report-link")))
                .extracting(WebElement::getText)
                .containsExactly(data.newerReport());

        // a report id opens the report itself, and says so
        search(data.newerReport());
        browser.textContains("#report-id", data.newerReport());
        browser.textContains("#view", "Matched a report id");
        browser.textContains("#lead-id", data.leadId());
        browser.textContains("#run-id", data.newerRun());
        browser.textContains("#template-id", "tpl@v1");
        browser.textContains("#pdf-sha", data.pdfSha());
        browser.textContains("#duration", "1 min 38 s");

        // the log viewer: all entries, then only errors, then a text search
        browser.textContains("#log-count", LOG_ENTRIES + " entries");
        browser.driver.findElement(By.id("lvl-INFO")).click();
        browser.driver.findElement(By.id("lvl-WARN")).click();
        browser.driver.findElement(By.id("lvl-DEBUG")).click();
        browser.textContains("#log-count", "Showing " + count("ERROR") + " of " + LOG_ENTRIES);
        assertThat(browser.driver.findElements(By.cssSelector(".log-row:not([hidden]) .c-lv .badge")))
                .isNotEmpty()
                .extracting(WebElement::getText)
                .containsOnly("ERROR");
        browser.driver.findElement(By.id("lvl-INFO")).click();
        browser.textContains("#log-count", "Showing " + (count("ERROR") + count("INFO")) + " of " + LOG_ENTRIES);
        browser.driver.findElement(By.id("log-search")).sendKeys("NEEDLE-7F3A");
        browser.textContains("#log-count", "Showing 1 of " + LOG_ENTRIES);
        browser.visible(".log-row:not([hidden])").click();
        browser.textContains("#log-detail-json", NEEDLE);
        browser.textContains("#log-detail-json", "\"step\": \"enrich\"");

        // a viewer may not download or read the access history, and is told why
        assertThat(browser.driver.findElement(By.id("download-raw")).isEnabled())
                .isFalse();
        assertThat(browser.driver.findElement(By.id("download-bundle")).isEnabled())
                .isFalse();
        browser.textContains("#download-reason", "needs the auditor role");
        browser.textContains("#download-reason", "test-viewer");
        browser.screenshot("report-viewer");
        browser.driver.findElement(By.id("tab-audit")).click();
        browser.textContains("#panel-audit", "Access history is for auditors");
        browser.screenshot("report-viewer-access-history");
    }

    @Test
    void anAuditorDownloadsRawInputsAndTheBundleAndReadsTheAccessHistory() throws Exception {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/reports/" + data.newerReport());
        browser.textContains("#report-id", data.newerReport());
        browser.textContains("#log-count", LOG_ENTRIES + " entries");
        browser.driver.findElement(By.id("log-list")).sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        browser.textContains("#log-detail-json", "step 1 of the enrichment");
        browser.screenshot("report-auditor");
        browser.driver.manage().window().setSize(new Dimension(1280, 1240));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("report-detail"); // docs/panel-detail.png is a copy of this one
        browser.driver.manage().window().setSize(new Dimension(820, 1000));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("report-narrow");
        browser.driver.manage().window().setSize(new Dimension(1280, 900));

        browser.visible("#download-raw").click();
        // customer data: the panel asks why first, and refuses a purpose the server would refuse
        browser.visible("#purpose-dialog");
        browser.driver.findElement(By.id("purpose-input")).clear();
        browser.driver.findElement(By.id("purpose-input")).sendKeys("ab");
        browser.visible("#purpose-continue").click();
        browser.textContains("#purpose-error", "At least 3");
        // a bidirectional override the server refuses (caller.PlainText) is refused in the dialog, before sending
        browser.js("document.getElementById('purpose-input').value = 'SUP-4821 \u202eeulav'");
        browser.visible("#purpose-continue").click();
        browser.textContains("#purpose-error", "U+202E");
        browser.driver.findElement(By.id("purpose-input")).clear();
        browser.driver.findElement(By.id("purpose-input")).sendKeys("abc SUP-4821 Kündigung ✓");
        browser.screenshot("purpose-dialog");
        browser.visible("#purpose-continue").click();
        Path raw = browser.awaitDownload(".gz");
        try (InputStream in = Files.newInputStream(raw)) {
            byte[] magic = in.readNBytes(2);
            assertThat(magic).containsExactly(0x1f, 0x8b);
        }
        browser.textContains("#download-status", "Downloaded");

        browser.visible("#download-bundle").click();
        // the purpose is offered again for the next download in this tab
        assertThat(browser.visible("#purpose-input").getAttribute("value")).isEqualTo("abc SUP-4821 Kündigung ✓");
        browser.visible("#purpose-continue").click();
        Path zip = browser.awaitDownload(".zip");
        try (InputStream in = Files.newInputStream(zip)) {
            assertThat(new String(in.readNBytes(2), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("PK");
        }

        browser.driver.findElement(By.id("tab-audit")).click();
        browser.visible("#audit-table");
        browser.textContains("#audit-table", "test-auditor");
        browser.textContains("#audit-table", "abc SUP-4821 Kündigung ✓");
        browser.screenshot("report-auditor-access-history");
    }

    @Test
    void aDeepLinkOpenedWhileSignedOutComesBackAfterSignIn() {
        browser.signOutQuietly();
        browser.open("/#/reports/" + data.olderReport());
        browser.waiting().until(d -> d.getCurrentUrl().contains("/login.html"));
        browser.textContains("#return-note", data.olderReport());
        browser.screenshot("sign-in");

        browser.fillSignIn("test-viewer", "wrong-password");
        browser.textContains("#login-message", "did not match");

        browser.fillSignIn("test-viewer", "viewer-password");
        browser.textContains("#report-id", data.olderReport());
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/reports/" + data.olderReport());
        // no logs were sent with this report: a message, not an empty box
        browser.textContains("#panel-logs", "No logs were sent");

        browser.visible("#logout-form button").click();
        browser.textContains("#login-message", "signed out");
    }

    @Test
    void loadMoreFollowsTheCursorToTheLastReportOfABusyLead() {
        UUID busyLead = UUID.randomUUID();
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(3);
        int reports = 53; // one page of 50 and a second, shorter one
        for (int i = 0; i < reports; i++) {
            capture(source.report(busyLead, finished.minusSeconds(60), finished));
        }
        browser.signIn("test-viewer", "viewer-password");
        search(busyLead.toString());
        browser.textContains("#match-kind", "lead id");
        browser.waiting()
                .until(d -> d.findElements(By.cssSelector("#results-table .report-link"))
                                .size()
                        == 50);
        WebElement more = browser.visible("#load-more");
        more.click();
        browser.waiting()
                .until(d -> d.findElements(By.cssSelector("#results-table .report-link"))
                                .size()
                        == reports);
        assertThat(browser.driver.findElement(By.id("load-more")).isDisplayed())
                .as("no further page")
                .isFalse();
        List<String> shown = browser.driver.findElements(By.cssSelector("#results-table .report-link")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(shown).doesNotHaveDuplicates().hasSize(reports);
    }

    @Test
    void failuresAreExplainedNotBlank() {
        browser.signIn("test-viewer", "viewer-password");
        String unknown = UUID.randomUUID().toString();
        browser.open("/#/reports/" + unknown);
        browser.textContains("#view .notice.error", "No lineage for report " + unknown);
        browser.screenshot("report-not-found");

        browser.open("/#/reports/not-a-uuid");
        browser.textContains("#view .notice.error", "is not a report id");

        search(UUID.randomUUID().toString());
        browser.textContains("#results .notice", "Nothing found");

        // a session that ended while the panel was open sends the user to sign in, then back
        browser.open("/#/reports/" + data.newerReport());
        browser.textContains("#report-id", data.newerReport());
        browser.driver.manage().deleteCookieNamed("JSESSIONID");
        browser.driver.findElement(By.id("tab-audit")).click(); // a viewer: no request, a reason
        browser.textContains("#panel-audit", "for auditors");
        browser.js("location.hash = '#/search?q=' + arguments[0]", data.leadId());
        browser.waiting().until(d -> d.getCurrentUrl().contains("/login.html"));
        browser.textContains("#login-message", "session expired");
    }
}
