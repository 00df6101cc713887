package io.refundledger.query.dashboard;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The system's Chromium and chromedriver, driven headless through Selenium: the browser the dashboard tests use.
 * Found at {@code CHROME_BIN} / {@code CHROMEDRIVER} when set, else at the Debian paths. When they are missing the
 * tests are skipped with the command that installs them; on CI ({@code CI=true}) a skipped browser test would hide
 * a broken dashboard, so there they fail instead ({@link #requireOnCi()}).
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 900;

    final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    static Optional<Path> chromium() {
        return find("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    }

    static Optional<Path> chromedriver() {
        return find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    static boolean available() {
        return chromium().isPresent() && chromedriver().isPresent();
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (instead of skipping) when CI runs the tests on a machine without the browser. */
    static void requireOnCi() {
        if (!available()) {
            throw new IllegalStateException("CI=true but no Chromium/chromedriver found (CHROME_BIN, CHROMEDRIVER, /usr/bin): "
                    + "a skipped browser test is a failure in CI. Install them: " + INSTALL_HINT);
        }
    }

    static HeadlessChromium start(Path screenshots) throws IOException {
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new HeadlessChromium(driver, screenshots);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** How many times the single-page app has finished rendering a page (0 before the first). */
    long renders() {
        Object renders = script("return Number(document.body && document.body.dataset.renders || 0)");
        return renders == null ? 0 : ((Number) renders).longValue();
    }

    /** Waits until the app has rendered once more than {@code before} and is on {@code page}. */
    void awaitRendered(long before, String page) {
        waiting().withMessage(() -> "page " + page + " never finished rendering; at " + driver.getCurrentUrl())
                .until(d -> renders() > before && "true".equals(find("body").getDomAttribute("data-ready"))
                        && page.equals(find("body").getDomAttribute("data-page")));
    }

    /** Full-page PNG into the screenshot folder: the window grows to the page's height for the shot. */
    Path screenshot(String name) throws IOException {
        // The window's size includes its frame: add that to the document's height.
        long height = ((Number) script("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight"))
                .longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(Math.max(height, HEIGHT), 5000)));
        // ECharts follows the window size; give it a frame to redraw.
        script("window.dispatchEvent(new Event('resize'))");
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** A path named in the environment variable is the only one tried: who names a browser means that one. */
    private static Optional<Path> find(String variable, String... defaults) {
        String named = System.getenv(variable);
        Stream<String> candidates = named != null && !named.isBlank() ? Stream.of(named) : Stream.of(defaults);
        return candidates.map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Skips the browser tests where there is no browser, with how to install it; never on CI. */
    static final class Present implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (available()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
            }
            if (onCi()) {
                return ConditionEvaluationResult.enabled("CI=true: runs, and fails for want of a browser");
            }
            String reason = "No Chromium/chromedriver found: browser tests skipped. Install them with: " + INSTALL_HINT;
            if (context.getTestMethod().isEmpty()) {
                // Maven's summary only counts skipped tests; say why where the developer looks.
                System.err.println("[WARNING] " + context.getDisplayName() + ": " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
