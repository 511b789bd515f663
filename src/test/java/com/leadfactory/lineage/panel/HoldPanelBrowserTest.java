package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Legal holds in the panel (headless Chromium, H2): an admin places and releases one; everyone sees the badge. */
class HoldPanelBrowserTest extends PanelBrowserTestBase {

    @Test
    void anAdminPlacesAndReleasesAHoldAndTheBadgeShowsOnTheReportAndInSearch() {
        UUID lead = UUID.randomUUID();
        String report = captured(lead, "tpl@hold-panel");

        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/reports/" + report);
        browser.textContains("#report-id", report);
        assertThat(browser.driver.findElements(By.id("hold-section")))
                .as("only admins see the hold controls")
                .isEmpty();
        browser.signOutQuietly();

        browser.signIn("test-admin", "admin-password");
        browser.open("/#/reports/" + report);
        browser.textContains("#report-id", report);
        assertThat(browser.driver.findElements(By.id("hold-badge"))).isEmpty();
        browser.visible("#hold-reason").sendKeys("ab");
        browser.visible("#hold-place").click();
        browser.textContains("#hold-problem", "At least 3");
        browser.visible("#hold-reason").sendKeys("c LIT-2026-114");
        browser.visible("#hold-place").click();
        browser.textContains("#hold-badge", "legal hold");
        browser.visible("#hold-release");
        browser.screenshot("report-legal-hold");
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM lineage_legal_hold h JOIN report_lineage r ON r.id = h.lineage_id"
                                + " WHERE r.report_generation_id = ?",
                        String.class,
                        UUID.fromString(report)))
                .isEqualTo("abc LIT-2026-114");

        browser.js("location.hash = '#/search?q=' + arguments[0]", lead.toString());
        browser.textContains("#results-table", "legal hold");

        browser.open("/#/reports/" + report);
        browser.visible("#hold-release").click();
        browser.visible("#hold-place");
        assertThat(browser.driver.findElements(By.id("hold-badge"))).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM lineage_legal_hold WHERE reason = 'abc LIT-2026-114'", Integer.class))
                .isZero();
    }

    @Test
    void releasingTheOwnHoldOfARecordHeldThroughItsLeadSaysItStaysHeld() {
        UUID lead = UUID.randomUUID();
        String report = captured(lead, "tpl@hold-lead");
        as(ADMIN_KEY)
                .contentType("application/json")
                .body(Map.of("reason", "LIT-2026-200 the whole lead"))
                .put("/api/leads/" + lead + "/hold")
                .then()
                .statusCode(201);

        browser.signIn("test-admin", "admin-password");
        browser.open("/#/reports/" + report);
        browser.textContains("#hold-badge", "legal hold");
        browser.visible("#hold-release").click();
        // the record had no hold of its own (204 all the same): the page reads the record again and says why it
        // is still held, instead of showing it released
        browser.textContains("#hold-lead", "its lead " + lead + " is held");
        browser.textContains("#hold-badge", "legal hold");
        assertThat(browser.driver.findElements(By.id("hold-place"))).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM lineage_legal_hold WHERE lead_id = ?", Integer.class, lead))
                .isEqualTo(1);
    }

    /** Captures one report of {@code lead} with {@code template} and answers its report id. */
    private String captured(UUID lead, String template) {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        Map<String, Object> message =
                source.withTemplate(source.report(lead, finished.minusSeconds(40), finished), template);
        postCompletion(message);
        return (String) message.get("report_generation_id");
    }
}
