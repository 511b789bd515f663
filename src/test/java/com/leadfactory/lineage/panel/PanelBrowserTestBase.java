package com.leadfactory.lineage.panel;

import com.leadfactory.lineage.support.H2ApiTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A panel test in headless Chromium against this class's service on H2: one browser for the test class, opened
 * before its first test (and before the subclass's own {@code @BeforeEach}) and closed after its last.
 */
abstract class PanelBrowserTestBase extends H2ApiTestBase {

    static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new Browser(port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
