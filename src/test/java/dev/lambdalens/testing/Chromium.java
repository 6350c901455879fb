package dev.lambdalens.testing;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium driven through ChromeDriver for the browser tests: started headless once per test class, skipped
 * with a clear message where it is not installed (outside CI), signed in through the real sign-in page.
 */
public final class Chromium implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private boolean signedIn;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a headless browser with a desktop-sized window; aborts the test where none is installed outside CI. */
    public static Chromium start() {
        return start(1400, 1800);
    }

    /** Starts a headless browser with the given window size (a phone is 390 wide). */
    public static Chromium start(int width, int height) {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort("No browser: install Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver) to run the browser tests");
        }
        assertThat(installed).as("CI must install chromium and chromium-driver (.ci/run does)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
        return new Chromium(new ChromeDriver(service, options));
    }

    /** The driver, for finding elements and running scripts. */
    public ChromeDriver driver() {
        return this.driver;
    }

    /** Signs in once as the test configuration's first admin, through the real sign-in page. */
    public void signIn(int port) {
        if (this.signedIn) {
            return;
        }
        this.driver.get("http://localhost:" + port + "/login");
        this.driver.findElement(By.name("username")).sendKeys("admin");
        this.driver.findElement(By.name("password")).sendKeys("test-admin-password");
        this.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().contains("/login"));
        this.signedIn = true;
    }

    /** Opens a page of the application with an empty console log, so each page's errors are its own. */
    public void open(int port, String path) {
        this.driver.manage().logs().get(LogType.BROWSER);
        this.driver.get("http://localhost:" + port + path);
    }

    /** A wait for a condition on the page. */
    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(this.driver, timeout);
    }

    /** Fails if the page logged a JavaScript error (or a failed request) since it was opened. */
    public void assertNoJavaScriptErrors() {
        List<LogEntry> errors = this.driver.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        this.driver.quit();
    }
}
