package com.leadfactory.lineage.panel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium + chromium-driver) driven by Selenium. The driver and browser paths
 * are given explicitly and Selenium Manager is told to stay offline, so a test run never downloads a browser.
 * Override the paths with -Dlineage.test.chromium= / -Dlineage.test.chromedriver= on other machines.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    final Path profile;
    private final String base;

    Browser(int port) {
        this(port, 1280, 900);
    }

    Browser(int port, int width, int height) {
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        System.setProperty("SE_OFFLINE", "true");
        File chromedriver = new File(System.getProperty("lineage.test.chromedriver", "/usr/bin/chromedriver"));
        String chromium = System.getProperty("lineage.test.chromium", "/usr/bin/chromium");
        if (!chromedriver.canExecute() || !new File(chromium).canExecute()) {
            throw new IllegalStateException("The panel's browser tests need Chromium and its driver at " + chromium
                    + " and " + chromedriver + " (apt-get install chromium chromium-driver), or"
                    + " -Dlineage.test.chromium=... -Dlineage.test.chromedriver=...");
        }
        try {
            profile = Files.createTempDirectory("lineage-panel-chromium");
            downloads = Files.createTempDirectory("lineage-panel-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + port;
    }

    String url(String path) {
        return base + path;
    }

    void open(String path) {
        driver.get(url(path));
    }

    /** The first finished, non-empty download whose name ends with {@code suffix}. */
    Path awaitDownload(String suffix) {
        return waiting()
                .withTimeout(Duration.ofSeconds(20))
                .withMessage(() -> "a " + suffix + " file in " + downloads)
                .until(d -> finished(suffix).orElse(null));
    }

    private Optional<Path> finished(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> p.toFile().length() > 0)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement visible(String css) {
        return visible(By.cssSelector(css));
    }

    void textContains(String css, String text) {
        waiting()
                .withMessage(() -> "'" + css + "' to contain '" + text + "'; page says: " + bodyText())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs out of any session, then signs in through the real form; lands on the panel. */
    void signIn(String name, String password) {
        signOutQuietly();
        open("/login.html");
        fillSignIn(name, password);
        waiting()
                .withMessage(() -> "the panel after signing in as " + name + "; page says: " + bodyText())
                .until(d ->
                        js("return document.body.dataset.view || ''").toString().length() > 0);
    }

    void fillSignIn(String name, String password) {
        WebElement user = visible("#username");
        user.clear();
        user.sendKeys(name);
        WebElement pass = driver.findElement(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    void signOutQuietly() {
        open("/login.html");
        driver.manage().deleteAllCookies();
        js("sessionStorage.clear()");
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
