package io.cardlink.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.Assume;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operating system's Chromium, headless, driven by its chromedriver through Selenium, with a viewport of exactly
 * 1280x800. Without a browser the console tests are skipped with a message that says how to install one, except
 * where {@code CARDLINK_IT_BROWSER_REQUIRED=true} (set by {@code .ci/run}) makes a missing browser a failure.
 * Paths: {@code -Dcardlink.it.chromium} and {@code -Dcardlink.it.chromedriver} (Debian's by default, set by the pom).
 */
final class Browser implements AutoCloseable {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    /** Skips the calling test (or fails it where a browser is required) when Chromium or its driver is missing. */
    static void assumeInstalled() {
        Path chromium = Path.of(System.getProperty("cardlink.it.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("cardlink.it.chromedriver", "/usr/bin/chromedriver"));
        boolean installed = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        String message = "the console tests need Chromium and its driver at " + chromium + " and " + chromedriver
                + " (Debian: apt-get install chromium chromium-driver; elsewhere set -Dcardlink.it.chromium and"
                + " -Dcardlink.it.chromedriver)";
        if (!installed && "true".equals(System.getenv("CARDLINK_IT_BROWSER_REQUIRED"))) {
            throw new AssertionError("CARDLINK_IT_BROWSER_REQUIRED: " + message);
        }
        if (!installed) {
            System.err.println("Skipped: " + message);
        }
        Assume.assumeTrue("skipped: " + message, installed);
    }

    /** Starts a browser for the console at {@code base} (ending in '/'), downloading into {@code downloads}. */
    static Browser start(String base, Path downloads) throws IOException {
        assumeInstalled();
        // Selenium looks for a CDP binding of this exact Chromium version; the console tests use none of them
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
        Files.createDirectories(downloads);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("cardlink.it.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("cardlink.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--window-size=" + WIDTH + "," + HEIGHT, "--disable-gpu",
                "--disable-dev-shm-usage", "--lang=en-US", "--no-first-run");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start as root with its sandbox on (CI runs as root)
            options.addArguments("--no-sandbox");
        }
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        Browser browser = new Browser(driver, base, downloads);
        browser.fitViewport();
        return browser;
    }

    /** Makes the page area (not the window) 1280x800, whatever the window's frame takes. */
    private void fitViewport() {
        List<?> inner = (List<?>) script("return [window.innerWidth, window.innerHeight]");
        Dimension window = driver.manage().window().getSize();
        int width = window.getWidth() + WIDTH - ((Number) inner.get(0)).intValue();
        int height = window.getHeight() + HEIGHT - ((Number) inner.get(1)).intValue();
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Sends HTTP Basic credentials with every request, as a script opening the pages would. */
    Browser withBasic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("Authorization", "Basic " + token)));
        return this;
    }

    /** The browser's cookie of this name, with its attributes (name, value, path, httpOnly, sameSite, ...). */
    @SuppressWarnings("unchecked")
    Map<String, Object> cookie(String name) {
        Map<String, Object> all = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies")).stream()
                .filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
    }

    WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    /** Opens a view of the console by its path below the console's base, such as "settings". */
    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /**
     * Waits until the condition gives a value (not null, not false). The views replace elements as data arrives, so
     * an element that went stale meanwhile is looked up again on the next try.
     */
    <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until the view's heading is this text (a new view has replaced the previous one). */
    void waitForHeading(String text) {
        waitUntil("the heading '" + text + "'", d -> d.findElements(By.cssSelector("main h1")).stream()
                .anyMatch(h -> h.getText().equals(text)) ? true : null);
    }

    /** The text of the first visible element for a CSS selector, once it has one. */
    String text(String css) {
        return waitUntil("a visible " + css, d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().map(WebElement::getText).orElse(null));
    }

    /** The first visible element for a CSS selector, waiting for it. */
    WebElement find(String css) {
        return waitUntil("a visible " + css, d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /**
     * The button (or link styled as one) with this visible text, waiting for it; inside the open dialog when there
     * is one, since a dialog is modal.
     */
    WebElement button(String text) {
        String xpath = "//*[(self::button or self::a) and normalize-space(.)='" + text + "']";
        return waitUntil("a visible button '" + text + "'", d -> {
            String scope = d.findElements(By.cssSelector(".dialog")).isEmpty() ? "" : "//*[contains(@class,'dialog')]";
            return d.findElements(By.xpath(scope + xpath)).stream().filter(WebElement::isDisplayed).findFirst()
                    .orElse(null);
        });
    }

    /** Waits until the button is enabled and clicks it. */
    void click(WebElement element) {
        waitUntil("enabled: " + element.getText(), d -> element.isEnabled()
                && !"true".equals(element.getAttribute("aria-disabled")) ? element : null);
        element.click();
    }

    void click(String css) {
        waitUntil("clicked " + css, d -> {
            WebElement element = find(css);
            if (!element.isEnabled() || "true".equals(element.getAttribute("aria-disabled"))) {
                return null;
            }
            element.click();
            return true;
        });
    }

    void clickButton(String text) {
        waitUntil("clicked '" + text + "'", d -> {
            WebElement element = button(text);
            if (!element.isEnabled() || "true".equals(element.getAttribute("aria-disabled"))) {
                return null;
            }
            element.click();
            return true;
        });
    }

    void type(String css, String text) {
        waitUntil("typed into " + css, d -> {
            WebElement input = find(css);
            input.clear();
            input.sendKeys(text);
            return true;
        });
    }

    /** Chooses an option of a picker by its value, once the instance's choices have arrived. */
    void choose(String css, String value) {
        waitUntil("a choice '" + value + "' in " + css, d -> {
            for (WebElement candidate : d.findElements(By.cssSelector(css))) {
                if (candidate.isDisplayed() && candidate.getTagName().equals("select") && !candidate
                        .findElements(By.cssSelector("option[value='" + value + "']")).isEmpty()) {
                    new Select(candidate).selectByValue(value);
                    return true;
                }
            }
            return null;
        });
    }

    void hover(WebElement element) {
        new Actions(driver).moveToElement(element).perform();
    }

    /** Waits until the page shows this text somewhere in the main area. */
    void waitForText(String text) {
        waitUntil("the page shows '" + text + "'", d -> d.findElement(By.tagName("body")).getText().contains(text)
                ? Boolean.TRUE : null);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Waits for a downloaded file whose name matches, until Chromium has finished writing it. */
    Path downloaded(String regex) throws Exception {
        return waitUntil("a download " + regex + " in " + downloads, d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().matches(regex)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Saves the page as it looks now to target/screenshots/{name}.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 0);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
