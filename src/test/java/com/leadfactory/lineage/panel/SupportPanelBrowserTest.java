package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.UnguardedUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The support tools of the panel in headless Chromium (H2): finding a report from its PDF, the raw-inputs tree,
 * the compare view, a lead's history and the template list. Data is captured through the real endpoint.
 */
class SupportPanelBrowserTest extends PanelBrowserTestBase {

    private static final int BIG_ROWS = 3000;
    private static final String NEEDLE = "needle-c0ffee";

    private static Seeded data;

    record Seeded(String lead, String first, String second, String third, Path pdf, Path sharedPdf) {}

    @BeforeEach
    void seedOnce() throws Exception {
        if (data == null) {
            data = seed();
        }
    }

    /** A small but real PDF file (one empty page), different for each text. */
    static byte[] pdf(String text) {
        String body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
                + "% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Seeded seed() throws Exception {
        UUID lead = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).withNano(0);
        for (int i = 0; i < BIG_ROWS; i++) {
            source.assessment(
                    lead,
                    "score",
                    "{\"score\": " + i + ", \"note\": \"" + (i == BIG_ROWS / 2 ? NEEDLE : "row " + i) + "\"}",
                    t0.plusNanos(i * 1000L));
        }
        byte[] pdf = pdf("report one " + lead);
        byte[] shared = pdf("shared " + lead);
        Path pdfFile = Files.createTempFile("report-", ".pdf");
        Files.write(pdfFile, pdf);
        Path sharedFile = Files.createTempFile("shared-", ".pdf");
        Files.write(sharedFile, shared);
        String first = capture(lead, t0.plusMinutes(10), "tpl@3.1", sha256(pdf));
        source.enrichment(lead, "crm", "{\"tier\": \"gold\"}", t0.plusMinutes(15));
        String second = capture(lead, t0.plusMinutes(20), "tpl@3.1", sha256(shared));
        String third = capture(lead, t0.plusMinutes(30), "tpl@3.2", sha256(shared));
        return new Seeded(lead.toString(), first, second, third, pdfFile, sharedFile);
    }

    private String capture(UUID lead, OffsetDateTime finished, String template, String pdfSha) {
        Map<String, Object> message =
                source.withTemplate(source.report(lead, finished.minusSeconds(40), finished), template);
        message.put("pdf", Map.of("sha256", pdfSha));
        message.put("pipeline_logs", List.of(Map.of("level", "INFO", "msg", "rendered with " + template)));
        postCompletion(message);
        return (String) message.get("report_generation_id");
    }

    /** Text nodes directly inside the element: text belongs in elements, a bare one is stray ("null"). */
    private Object strayTextIn(String id) {
        return browser.js(
                "return [...document.getElementById(arguments[0]).childNodes]"
                        + ".filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).length",
                id);
    }

    private void dropFile(String name, String content) {
        browser.js(
                "const dt = new DataTransfer();"
                        + "dt.items.add(new File([arguments[1]], arguments[0], { type: 'application/octet-stream' }));"
                        + "document.getElementById('pdf-drop').dispatchEvent("
                        + "new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
                name,
                content);
    }

    private void pickFile(Path file) {
        browser.open("/#/pdf");
        WebElement input = browser.driver.findElement(By.id("pdf-file"));
        browser.js("arguments[0].classList.remove('visually-hidden')", input);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    @Test
    void aPdfFindsItsReportAndAnythingElseIsAnsweredHonestly() throws IOException {
        browser.signIn("test-viewer", "viewer-password");
        browser.visible("#nav-pdf").click();
        browser.visible("#pdf-drop");
        browser.screenshot("find-by-pdf");

        // one match opens the report
        pickFile(data.pdf());
        browser.textContains("#report-id", data.first());
        browser.textContains("#view", "Found from the PDF");

        // several are listed
        pickFile(data.sharedPdf());
        browser.textContains("#pdf-matches", "2 reports have this PDF");
        assertThat(browser.driver.findElements(By.cssSelector("#pdf-status .report-link")))
                .extracting(WebElement::getText)
                .containsExactly(data.third(), data.second());
        // nothing but elements in the result (replaceChildren wrote the absent "not a PDF" note as "null")
        assertThat((List<?>) browser.js("return [...document.getElementById('pdf-status').childNodes]"
                        + ".filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent)"))
                .isEmpty();
        browser.screenshot("find-by-pdf-several");
        // the same file picked again is looked up again
        browser.js("document.getElementById('pdf-status').replaceChildren()");
        browser.driver
                .findElement(By.id("pdf-file"))
                .sendKeys(data.sharedPdf().toAbsolutePath().toString());
        browser.textContains("#pdf-matches", "2 reports have this PDF");

        // a file that is not a PDF is still hashed and looked up, and nothing is found
        browser.open("/#/pdf");
        browser.visible("#pdf-drop");
        dropFile("notes.txt", "hello");
        browser.textContains("#pdf-no-report", "No report has this PDF");
        browser.textContains("#pdf-status", "notes.txt is not a PDF");
        browser.textContains("#pdf-sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void anAuditorReadsTheRawInputsAsATreeSearchesItAndReachesTheLastRow() {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/reports/" + data.third() + "?tab=inputs");
        browser.visible("#open-raw-inputs");
        // the offer is its explanation and its button: no stray "null" beside the button
        assertThat(strayTextIn("panel-inputs")).isEqualTo(0L);
        browser.visible("#open-raw-inputs").click();
        browser.visible("#purpose-dialog");
        browser.driver.findElement(By.id("purpose-input")).clear();
        browser.driver.findElement(By.id("purpose-input")).sendKeys("SUP-9 what did the pipeline see");
        browser.visible("#purpose-continue").click();
        browser.visible("#json-list");
        browser.textContains("#json-list", "assessment_data");

        // search opens the way to the match and shows its path
        WebElement search = browser.driver.findElement(By.id("json-search"));
        search.sendKeys(NEEDLE, Keys.ENTER);
        browser.textContains("#json-count", "1 of 1 match");
        browser.textContains("#json-path", "$.assessment_data[" + BIG_ROWS / 2 + "].payload.note");
        // a search that stops at its limit keeps saying so while stepping through the matches
        search.clear();
        search.sendKeys("payload", Keys.ENTER);
        browser.textContains("#json-count", "1 of 1,000+ matches");
        // nothing but elements above the tree (no stray text such as "null")
        assertThat(strayTextIn("panel-inputs")).isEqualTo(0L);
        browser.js("document.querySelector('.json-viewer').scrollIntoView()");
        browser.screenshot("raw-inputs-tree");

        // everything open: tens of thousands of rows, only a window of them in the page; End reaches the last
        browser.driver.findElement(By.id("json-expand-all")).click();
        long rows =
                Long.parseLong(browser.driver.findElement(By.id("json-list")).getDomAttribute("data-rows"));
        assertThat(rows).isGreaterThan(BIG_ROWS * 7L);
        assertThat(browser.driver.findElements(By.cssSelector(".json-row"))).hasSizeLessThan(200);
        WebElement list = browser.driver.findElement(By.id("json-list"));
        list.sendKeys(Keys.END);
        browser.textContains("#json-path", "$.unknown_fields");
        browser.visible(".json-row.selected[data-path='$.unknown_fields']");
        // the audit trail has the read, with the purpose given
        Integer audited = jdbc.queryForObject(
                "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'raw_inputs_view'"
                        + " AND purpose = 'SUP-9 what did the pipeline see'",
                Integer.class);
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void aPurposeDialogLeftOpenClosesWhenTheViewChanges() {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/reports/" + data.third() + "?tab=inputs");
        browser.visible("#open-raw-inputs").click();
        browser.visible("#purpose-dialog");
        // a hash navigation without answering (scripted; the dialog is modal)
        browser.js("location.hash = arguments[0]", "#/compare/" + data.first() + "/" + data.second());
        browser.textContains("#compare-table", data.second());
        assertThat(browser.js("return document.querySelectorAll('dialog').length"))
                .as("the raw-inputs dialog went with its view")
                .isEqualTo(0L);
        browser.visible("#compare-show-inputs").click();
        browser.visible("#purpose-dialog");
        assertThat(browser.js("return document.querySelectorAll('#purpose-dialog').length"))
                .isEqualTo(1L);
        browser.textContains("#purpose-dialog", "raw-input diff");
    }

    @Test
    void theLeadHistoryMarksTheTemplateChangeAndComparesWithThePrevious() {
        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/lead/" + data.lead());
        browser.textContains("#lead-summary", "3 reports, 2 template versions");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#lead-history .report-link"));
        assertThat(links).extracting(WebElement::getText).containsExactly(data.third(), data.second(), data.first());
        assertThat(browser.driver.findElements(By.cssSelector("#lead-history tr.template-changed .report-link")))
                .extracting(WebElement::getText)
                .containsExactly(data.third());
        browser.screenshot("lead-history");

        browser.driver
                .findElements(By.cssSelector("#lead-history .compare-previous"))
                .get(0)
                .click();
        browser.textContains("#compare-table", "tpl@3.2");
        WebElement template = browser.visible("#compare-table tr[data-field='Template version']");
        assertThat(template.getDomAttribute("class")).contains("differs");
        // the input diff shows customer data: the auditor states a purpose first, as for a download
        browser.textContains("#compare-inputs-omitted", "purpose");
        browser.visible("#compare-show-inputs").click();
        browser.visible("#purpose-dialog");
        browser.driver.findElement(By.id("purpose-input")).sendKeys("SUP-10 why did the score move");
        browser.visible("#purpose-continue").click();
        browser.textContains("#compare-changes-count", "change");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'compare'"
                                + " AND purpose = 'SUP-10 why did the score move'",
                        Integer.class))
                .as("both sides' compare rows keep the purpose")
                .isEqualTo(2);
        assertThat(browser.driver.findElements(By.cssSelector("table.changes td.path")))
                .extracting(WebElement::getText)
                .anyMatch(path -> path.startsWith("$.template_version_id"));
        browser.screenshot("compare");
    }

    @Test
    void anotherReportOfTheLeadIsPickedByWhenItsPipelineRan() {
        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/reports/" + data.third());
        // the list loads when the picker gets focus (it is an audited search)
        browser.visible("#compare-pick").click();
        browser.waiting()
                .withMessage("the lead's other reports in the picker")
                .until(d ->
                        d.findElements(By.cssSelector("#compare-pick option")).size() == 3);
        List<WebElement> options = browser.driver.findElements(By.cssSelector("#compare-pick option"));
        // newest pipeline run first, each named by when its run finished (the demo and a backfill capture
        // many reports in the same second: capture times told them apart by nothing)
        assertThat(options.get(1).getDomAttribute("value")).isEqualTo(data.second());
        assertThat(options.get(1).getText()).isEqualTo("run finished " + finishedAt(data.second()) + " · tpl@3.1");
        assertThat(options.get(2).getDomAttribute("value")).isEqualTo(data.first());
        assertThat(options.get(2).getText()).isEqualTo("run finished " + finishedAt(data.first()) + " · tpl@3.1");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("compare-pick")))
                .selectByValue(data.second());
        browser.textContains("#compare-table", data.second());
    }

    @Test
    void searchInTheBreadcrumbsLeadsBackToTheResultsListed() {
        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/search?template=tpl%403.1");
        browser.textContains("#results-table", data.second());
        browser.driver
                .findElement(By.xpath("//table[@id='results-table']//a[text()='" + data.second() + "']"))
                .click();
        browser.textContains("h1", data.second());
        browser.visible("#crumb-search").click();
        // the same list again, not an empty form
        browser.textContains("#results-table", data.first());
        assertThat(browser.js("return location.hash")).isEqualTo("#/search?template=tpl%403.1");
        // and from the lead's history reached from there
        browser.driver
                .findElement(By.xpath("//table[@id='results-table']//a[text()='" + data.first() + "']"))
                .click();
        browser.visible("#lead-history-link").click();
        browser.visible("#crumb-search").click();
        browser.textContains("#results-table", data.second());
    }

    /** The record's pipeline_end_time as the panel shows times: "2026-11-25 10:04:05 UTC". */
    private String finishedAt(String reportId) {
        OffsetDateTime end = jdbc.queryForObject(
                "SELECT pipeline_end_time FROM report_lineage WHERE report_generation_id = ?",
                OffsetDateTime.class,
                UUID.fromString(reportId));
        return end.withOffsetSameInstant(ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                + " UTC";
    }

    @Test
    void compareWithFromTheReportPageAndTheTemplateList() {
        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/reports/" + data.first());
        browser.visible("#compare-with").sendKeys(data.first(), Keys.ENTER);
        browser.textContains("#compare-error", "That is this report");
        WebElement other = browser.driver.findElement(By.id("compare-with"));
        other.clear();
        other.sendKeys(data.second(), Keys.ENTER);
        browser.textContains("#compare-table", data.second());
        // a viewer sees the summaries and the logs, and is told the input diff is for auditors
        browser.textContains("#compare-inputs-omitted", "auditors");
        browser.textContains("#compare-divergence", "agree");
        assertThat(browser.js("return location.hash").toString())
                .isEqualTo("#/compare/" + data.first() + "/" + data.second());

        browser.visible("#nav-templates").click();
        browser.visible("#templates-table");
        browser.textContains("#templates-table", "tpl@3.2");
        browser.screenshot("templates");
        browser.driver
                .findElement(By.xpath("//a[@class='mono template-link' and text()='tpl@3.2']"))
                .click();
        browser.textContains("#results-table", data.third());
    }

    /** Numbers a double cannot hold are shown as stored, in the tree and in the diff (JSON.parse rounded them). */
    @Test
    void bigNumbersInTheRawInputsAreShownDigitForDigit() throws Exception {
        UUID lead = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).withNano(0);
        source.assessment(lead, "account", "{\"account_no\": 12345678901234567890, \"seq\": 9007199254740993}", t0);
        String first = capture(lead, t0.plusMinutes(10), "tpl@num", sha256(pdf("num one " + lead)));
        source.assessment(lead, "account", "{\"account_no\": 98765432109876543210}", t0.plusMinutes(15));
        String second = capture(lead, t0.plusMinutes(20), "tpl@num", sha256(pdf("num two " + lead)));

        browser.signIn("test-auditor", "auditor-password");
        browser.open("/#/reports/" + first + "?tab=inputs");
        browser.visible("#open-raw-inputs").click();
        browser.visible("#purpose-dialog");
        browser.driver.findElement(By.id("purpose-input")).sendKeys("SUP-11 the account number");
        browser.visible("#purpose-continue").click();
        browser.visible("#json-list");
        WebElement search = browser.driver.findElement(By.id("json-search"));
        search.sendKeys("12345678901234567890", Keys.ENTER);
        browser.textContains("#json-count", "1 of 1 match");
        browser.textContains("#json-list .json-row.selected", "12345678901234567890");
        search.clear();
        search.sendKeys("9007199254740993", Keys.ENTER);
        browser.textContains("#json-count", "1 of 1 match");
        browser.textContains("#json-list .json-row.selected", "9007199254740993");

        browser.open("/#/compare/" + first + "/" + second);
        browser.visible("#compare-show-inputs").click();
        browser.visible("#purpose-dialog");
        browser.driver.findElement(By.id("purpose-input")).sendKeys("SUP-11 the account number");
        browser.visible("#purpose-continue").click();
        browser.textContains("#view", "\"account_no\":98765432109876543210");
    }

    @Test
    void aTemplateIdStoredWithABidiOverrideIsShownWithAMarker() throws Exception {
        // a row as stored before capture refused such characters: "v1" U+202E "gnp.exe" would read "v1exe.png"
        String spoofed = "v1\u202Egnp.exe";
        String shown = "v1\u27E8U+202E\u27E9gnp.exe";
        UUID lead = UUID.randomUUID();
        OffsetDateTime finished =
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        String report = capture(lead, finished, "tpl@spoof", sha256(pdf("spoof " + lead)));
        UnguardedUpdate.ofLineage(
                jdbc,
                "UPDATE report_lineage SET template_version_id = ? WHERE report_generation_id = ?",
                spoofed,
                UUID.fromString(report));

        browser.signIn("test-viewer", "viewer-password");
        browser.open("/#/search?q=" + lead);
        browser.textContains("#results-table", shown);
        WebElement cell = browser.driver.findElement(By.cssSelector("#results-table td.template"));
        assertThat(cell.getText()).isEqualTo(shown);
        assertThat(cell.getDomAttribute("class")).contains("has-invisible");
        assertThat(cell.getDomAttribute("title")).contains("invisible characters");

        browser.open("/#/reports/" + report);
        browser.textContains("#template-id", shown);
        assertThat(browser.js("return document.querySelector('#template-id .value').textContent"))
                .isEqualTo(shown);
    }
}
