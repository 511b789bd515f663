package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The panel follows what the user does, in headless Chromium (H2): a lineage id pasted into the search opens its
 * report; the log viewer's selection and detail follow the filter; the report's access count follows the user's
 * own downloads and raw-input reads.
 */
class ReportPageFollowsTheUserBrowserTest extends PanelBrowserTestBase {

    private static final int LOG_ENTRIES = 60;

    private static Map<String, Object> captured;

    @BeforeEach
    void seedOnce() {
        if (captured == null) {
            OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
            Map<String, Object> message = source.report(UUID.randomUUID(), finished.minusSeconds(50), finished);
            List<Map<String, Object>> logs = new ArrayList<>();
            for (int n = 1; n <= LOG_ENTRIES; n++) {
                logs.add(Map.of("level", level(n), "msg", "entry number " + n));
            }
            message.put("pipeline_logs", logs);
            captured = postCompletion(message);
        }
    }

    /** Entry #n's level: #1 INFO, #2 WARN, #3 ERROR, and round again. */
    private static String level(int n) {
        return List.of("ERROR", "INFO", "WARN").get(n % 3);
    }

    private String report() {
        return (String) captured.get("report_generation_id");
    }

    private String lineage() {
        return (String) captured.get("lineage_id");
    }

    private long accessCount() {
        return jdbc.queryForObject(
                "SELECT access_count FROM report_lineage WHERE id = ?", Long.class, UUID.fromString(lineage()));
    }

    private void awaitShownAccesses(long expected) {
        browser.waiting()
                .withMessage(() -> "Accesses to show " + expected + "; page says: " + browser.bodyText())
                .until(d -> d.findElement(By.cssSelector("#access-count .value"))
                        .getText()
                        .equals(String.valueOf(expected)));
    }

    @Test
    void aLineageIdOpensItsReport() {
        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/");
        WebElement q = browser.visible("#q");
        q.sendKeys(lineage().toUpperCase(), Keys.ENTER);
        browser.textContains("#report-id", report());
        browser.textContains("#view", "Matched a lineage id");
        assertThat(browser.js("return location.hash")).isEqualTo("#/reports/" + report());

        // the top bar's find box takes it too
        browser.open("/#/templates");
        browser.visible("#quick-q").sendKeys(lineage(), Keys.ENTER);
        browser.textContains("#view", "Matched a lineage id");
        browser.textContains("#report-id", report());
    }

    @Test
    void theSelectedLogEntryFollowsTheFilter() {
        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/reports/" + report());
        browser.textContains("#log-count", LOG_ENTRIES + " entries");
        browser.driver.findElement(By.id("log-list")).sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        browser.textContains("#log-detail-json", "entry number 3\"");
        browser.textContains("#log-detail", "Entry #3 · ERROR");

        // still shown: it stays selected, in view, and its detail stays
        browser.driver.findElement(By.id("lvl-INFO")).click();
        browser.textContains("#log-count", "Showing 40 of " + LOG_ENTRIES);
        browser.visible("#log-row-selected");
        assertThat(browser.driver.findElement(By.id("log-row-selected")).getText())
                .contains("entry number 3");
        browser.textContains("#log-detail-json", "entry number 3\"");

        // hidden by the filter: no row is selected and the detail says why it is empty
        browser.driver.findElement(By.id("lvl-ERROR")).click();
        browser.textContains("#log-count", "Showing 20 of " + LOG_ENTRIES);
        browser.textContains("#log-detail-hint", "Entry #3 is hidden by the filter");
        assertThat(browser.driver.findElement(By.id("log-detail-json")).getText())
                .isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".log-row.selected:not([hidden])")))
                .isEmpty();
        assertThat(browser.js("return document.getElementById('log-list').getAttribute('aria-activedescendant')"))
                .isNull();

        // the text search hides it the same way; the keyboard starts again from the first row shown
        browser.driver.findElement(By.id("lvl-ERROR")).click();
        browser.driver.findElement(By.id("lvl-INFO")).click();
        browser.driver.findElement(By.id("log-list")).sendKeys(Keys.HOME);
        browser.textContains("#log-detail", "Entry #1 · INFO");
        browser.driver.findElement(By.id("log-search")).sendKeys("entry number 2", Keys.ENTER);
        browser.textContains("#log-detail-hint", "Entry #1 is hidden by the filter");
        browser.driver.findElement(By.id("log-list")).sendKeys(Keys.ARROW_DOWN);
        browser.textContains("#log-detail", "Entry #2 · WARN");
    }

    @Test
    void theAccessCountFollowsTheUsersOwnReads() {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/reports/" + report());
        browser.textContains("#log-count", LOG_ENTRIES + " entries");
        String shownAtOpen = browser.visible("#access-count .value").getText();

        browser.visible("#download-raw").click();
        browser.visible("#purpose-input").clear();
        browser.driver.findElement(By.id("purpose-input")).sendKeys("SUP-77 counts follow");
        browser.visible("#purpose-continue").click();
        browser.awaitDownload(".gz");
        browser.textContains("#download-status", "Downloaded");
        long afterDownload = accessCount();
        awaitShownAccesses(afterDownload);
        assertThat(String.valueOf(afterDownload)).isNotEqualTo(shownAtOpen);
        assertThat(browser.driver
                        .findElement(By.cssSelector("#last-access time"))
                        .getAttribute("datetime"))
                .isNotBlank();

        browser.driver.findElement(By.id("tab-inputs")).click();
        browser.visible("#open-raw-inputs").click();
        browser.visible("#purpose-continue").click();
        browser.textContains("#json-list", "assessment_data");
        awaitShownAccesses(afterDownload + 1);
        assertThat(accessCount())
                .as("re-reading the count is a search: it counts no access itself")
                .isEqualTo(afterDownload + 1);
        Integer refreshes = jdbc.queryForObject(
                "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'search' AND user_id = 'test-auditor'"
                        + " AND details LIKE ?",
                Integer.class,
                "%\"lineage_id\":\"" + lineage() + "\"%");
        assertThat(refreshes)
                .as("one audited search a counted read, no polling")
                .isEqualTo(2);
    }
}
