package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs): sign in, create a face set, upload, extract, watch it finish, see the result.
 */
class ConsoleIT {

    private static WebDriver browser;
    private static Path profile;

    private final RunningDoppel doppel = RunningDoppel.get();

    @BeforeAll
    static void startChromium() throws Exception {
        profile = Files.createTempDirectory("doppel-chromium-");
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aNewUserExtractsAFaceSetFromTheBrowser() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(doppel.api.base() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-key"))).sendKeys(doppel.apiKey);
        browser.findElement(By.id("signin-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("faceset-form")));

        browser.findElement(By.id("faceset-name")).sendKeys("Browser person");
        browser.findElement(By.id("faceset-attested-by")).sendKeys("Console Tester");
        browser.findElement(By.id("faceset-consent")).click();
        browser.findElement(By.id("faceset-create")).click();
        wait.until(ExpectedConditions.textToBe(By.id("faceset-title"), "Browser person"));

        Path rejected = Files.write(profile.resolve("notes.jpg"), "not a picture".getBytes());
        browser.findElement(By.id("upload-input")).sendKeys(rejected.toString());
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
        assertThat(banner.getText()).startsWith("Unsupported upload type:").doesNotContain("Exception");

        Path photo = Files.write(profile.resolve("person.jpg"), TestMedia.portrait("person.jpg").bytes());
        browser.findElement(By.id("upload-input")).sendKeys(photo.toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list li"), 1));
        assertThat(browser.findElement(By.id("media-list")).getText()).contains("person.jpg").contains("960×");

        browser.findElement(By.id("extract-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        WebElement sheet = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-result img")));
        wait.until(driver -> ((Number) ((ChromeDriver) driver).executeScript("return arguments[0].naturalWidth", sheet)).intValue() > 0);
        assertThat(browser.findElement(By.id("job-progress")).getDomProperty("value")).isEqualTo("1");
        assertThat(browser.findElement(By.id("job-result")).getText()).contains("Download contact-sheet.png");
        assertThat(browser.findElement(By.cssSelector("#job-list li .state")).getText()).isEqualTo("SUCCEEDED");

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#face-grid .face"), 3));
        WebElement firstFace = browser.findElement(By.cssSelector("#face-grid .face"));
        firstFace.findElement(By.xpath(".//button[text()='Reference']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#face-grid .face.reference"), 1));
        browser.findElements(By.cssSelector("#face-grid .face:not(.reference)")).get(0)
                .findElement(By.xpath(".//button[text()='Remove']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#face-grid .face"), 2));
        assertThat(browser.findElement(By.id("face-count")).getText()).isEqualTo("(2)");

        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse();

        // The screenshot shows the viewport: bring the contact sheet into it and measure it there.
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeScript("arguments[0].scrollIntoView({block: 'center'})", sheet);
        Rectangle area = HeadlessChromium.boxOf(chrome, sheet);
        byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "console-extract.png"), png);
        BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(area.getWidth()).isGreaterThan(200);
        assertThat(HeadlessChromium.distinctColours(screenshot, area)).as("the contact sheet of faces is drawn on screen").isGreaterThan(500);

        // The bootstrap key administers its tenant: the keys card lists it; a key made here shows its secret once.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("keys")));
        assertThat(browser.findElement(By.id("key-list")).getText()).contains("bootstrap · read, submit, admin");
        browser.findElement(By.id("key-name")).sendKeys("console reader");
        browser.findElement(By.id("key-create")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-secret")));
        assertThat(secret.getText()).contains("console reader").contains("dk_").contains("shown only now");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-list"), "console reader · read"));

        // Deleting asks first; a dismissed question deletes nothing, an accepted one takes the face set out of the list.
        browser.findElement(By.id("faceset-delete")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.findElement(By.id("faceset-detail")).isDisplayed()).isTrue();
        browser.findElement(By.id("faceset-delete")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("faceset-detail")));
        wait.until(driver -> driver.findElements(By.cssSelector("#faceset-list li")).stream().noneMatch(item -> item.getText().contains("Browser person")));
        assertThat(browser.findElement(By.id("error-banner")).isDisplayed()).isFalse();
    }
}
