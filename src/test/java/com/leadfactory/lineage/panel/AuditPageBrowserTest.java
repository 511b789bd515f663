package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Audit page (#/audit) in headless Chromium against the running service (H2): an auditor opens a deep link
 * to a filtered view, follows a row to its record, filters with the form and exports CSV and NDJSON; a viewer is
 * told the page is for auditors.
 */
class AuditPageBrowserTest extends PanelBrowserTestBase {

    private String reportId;
    private String lineageId;
    private String occurredAt;
    private String occurredShown;

    @BeforeEach
    void seed() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(1);
        Map<String, Object> report = source.report(UUID.randomUUID(), finished.minusSeconds(60), finished);
        lineageId = (String) postCompletion(report).get("lineage_id");
        reportId = (String) report.get("report_generation_id");
        occurredAt = finished.plusMinutes(5).toString();
        occurredShown = finished.plusMinutes(5).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " UTC";
        for (String action : List.of("pdf_view", "pdf_download")) {
            as(ApiTestSupport.AUDIT_WRITER_KEY)
                    .contentType("application/json")
                    .body(Map.of(
                            "action",
                            action,
                            "on_behalf_of",
                            "jane.doe@crm.example",
                            "occurred_at",
                            occurredAt,
                            "purpose",
                            "TICKET-4711",
                            "event_id",
                            "evt-" + UUID.randomUUID()))
                    .post("/api/lineage/" + lineageId + "/audit")
                    .then()
                    .statusCode(201);
        }
        as(ApiTestSupport.VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/logs")
                .then()
                .statusCode(200);
    }

    @Test
    void anAuditorFiltersTheTrailByDeepLinkAndFormFollowsARowToItsRecordAndExports() throws Exception {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/audit?lineage_id=" + lineageId);
        browser.visible("#audit-trail-table");
        browser.textContains("#audit-count", "3 rows");
        browser.textContains("#audit-trail-table", "test-crm for jane.doe@crm.example");
        browser.textContains("#audit-trail-table", "pdf_download");
        browser.textContains("#audit-trail-table", "TICKET-4711");
        browser.textContains("#audit-trail-table", "test-viewer");
        // an access another system reported is dated when it happened (occurred_at), and says when it was recorded
        String occurred = browser.driver
                .findElement(By.xpath("//table[@id='audit-trail-table']//tr[td[contains(., 'pdf_view')]]/td[1]"))
                .getText();
        assertThat(occurred).startsWith(occurredShown);
        assertThat(occurred).contains("recorded ");
        // each row shows its own id, which the proof endpoint takes
        String rowId = jdbc.queryForObject(
                "SELECT CAST(id AS VARCHAR(36)) FROM report_lineage_audit WHERE lineage_id = ? AND action = 'pdf_view'",
                String.class,
                UUID.fromString(lineageId));
        assertThat(browser.driver.findElements(
                        By.xpath("//td[contains(@class, 'audit-row-id')][span = '" + rowId + "']")))
                .hasSize(1);
        assertThat(browser.visible("#a-lineage_id").getAttribute("value")).isEqualTo(lineageId);
        browser.screenshot("audit-page");

        // the form narrows the view, and its address is a deep link
        browser.driver.findElement(By.id("a-action")).sendKeys("pdf_view");
        new Select(browser.driver.findElement(By.id("a-outcome"))).selectByValue("ok");
        browser.driver.findElement(By.id("a-on_behalf_of")).sendKeys("jane.doe@crm.example");
        browser.visible("#audit-search").click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("action=pdf_view"));
        assertThat(browser.driver.getCurrentUrl())
                .contains("outcome=ok")
                .contains("lineage_id=" + lineageId)
                .contains("on_behalf_of=jane.doe%40crm.example");
        browser.textContains("#audit-count", "1 row");
        browser.textContains("#audit-trail-table", "pdf_view");

        // a bad filter is explained beside the form, and nothing is searched
        WebElement record = browser.driver.findElement(By.id("a-lineage_id"));
        record.clear();
        record.sendKeys("not-a-record");
        browser.visible("#audit-search").click();
        browser.textContains("#audit-error", "is a UUID");

        // what a person did through another system: the deep link fills the field, and nobody else matches
        browser.open("/#/audit?lineage_id=" + lineageId + "&on_behalf_of=someone.else%40crm.example");
        browser.textContains("#audit-results", "No audit rows found");
        assertThat(browser.visible("#a-on_behalf_of").getAttribute("value")).isEqualTo("someone.else@crm.example");

        // export: the whole filtered period, as files, with every filter of the view
        browser.open("/#/audit?lineage_id=" + lineageId + "&on_behalf_of=jane.doe%40crm.example");
        browser.textContains("#audit-count", "2 rows");
        browser.visible("#export-csv").click();
        Path csv = browser.awaitDownload(".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("id,lineage_id,action,user_id");
        assertThat(lines.stream().filter(l -> l.contains(lineageId))).hasSize(2);
        browser.textContains("#export-status", "Exported");
        browser.visible("#export-ndjson").click();
        Path ndjson = browser.awaitDownload(".ndjson");
        assertThat(Files.readAllLines(ndjson, StandardCharsets.UTF_8)).allMatch(l -> l.startsWith("{\"id\":"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'audit_export' AND user_id = ?",
                        Integer.class,
                        "test-auditor"))
                .isGreaterThanOrEqualTo(2);

        // a row links to its record
        browser.visible("#audit-trail-table .record-link").click();
        browser.textContains("#report-id", reportId);
        browser.driver.findElement(By.id("tab-audit")).click();
        browser.textContains("#audit-table", "test-crm for jane.doe@crm.example");
    }

    @Test
    void aLongPurposeOrNameWrapsInItsColumnInsteadOfStretchingTheTable() {
        String purpose = "TICKET-" + "9".repeat(193);
        String onBehalfOf = "someone.with.a.very.long.address." + "x".repeat(80) + "@crm.example";
        as(ApiTestSupport.AUDIT_WRITER_KEY)
                .contentType("application/json")
                .body(Map.of(
                        "action",
                        "pdf_view",
                        "on_behalf_of",
                        onBehalfOf,
                        "occurred_at",
                        occurredAt,
                        "purpose",
                        purpose,
                        "event_id",
                        "evt-" + UUID.randomUUID()))
                .post("/api/lineage/" + lineageId + "/audit")
                .then()
                .statusCode(201);
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/audit?lineage_id=" + lineageId);
        browser.textContains("#audit-trail-table", purpose);

        for (String cell : List.of("td.purpose", "td.audit-who")) {
            Number width = (Number) browser.js("return Math.max(...[...document.querySelectorAll('#audit-trail-table "
                    + cell + "')].map(td => td.getBoundingClientRect().width));");
            assertThat(width.doubleValue())
                    .as(cell + " at most its column's width")
                    .isLessThan(400);
        }
    }

    @Test
    void aDeepLinkWithABadDateShowsItAsGivenSaysWhatToFixAndSearchesNothing() {
        browser.signIn("test-auditor", "auditor-password");
        int searchesBefore = auditSearches();
        browser.open("/#/audit?from=not-a-date&lineage_id=" + lineageId);
        browser.textContains("#audit-error", "The \"from\" date \"not-a-date\" is not a date");
        WebElement from = browser.visible("#a-from");
        assertThat(from.getAttribute("value"))
                .as("the value as given, not an empty date field")
                .isEqualTo("not-a-date");
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        browser.textContains("#audit-results", "Not searched");
        assertThat(browser.driver.findElements(By.id("audit-trail-table"))).isEmpty();
        assertThat(browser.visible("#export-csv").isEnabled()).isFalse();
        assertThat(auditSearches()).as("no search ran with the filter dropped").isEqualTo(searchesBefore);

        // corrected in the form, it searches
        from.clear();
        from.sendKeys("2020-01-01");
        browser.visible("#audit-search").click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("from=2020-01-01"));
        browser.textContains("#audit-count", "3 rows");
        assertThat(auditSearches()).isGreaterThan(searchesBefore);
    }

    private int auditSearches() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'audit_search' AND user_id = ?",
                Integer.class,
                "test-auditor");
    }

    @Test
    void aViewerIsToldTheAuditPageIsForAuditors() {
        browser.signIn("test-viewer", "viewer-password");
        browser.visible("#nav-audit").click();
        browser.textContains("#view", "The audit trail is for auditors");
    }
}
