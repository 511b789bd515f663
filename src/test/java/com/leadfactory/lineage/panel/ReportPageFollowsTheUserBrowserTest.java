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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The panel follows what the user does, in headless Chromium (H2): a lineage id pasted into the search opens its
 * report.
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
}
