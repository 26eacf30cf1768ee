package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Animating a photo in headless Chromium: the warp moves an uploaded photo with a driving video and
 * the result plays beside its report; then a (tiny) motion model is trained from the train form on
 * the driver's face set of videos, and the animate form offers it as a method. The face sets and
 * uploads are made through the API.
 */
class ConsoleAnimateIT {

    private static final Map<String, String> TINY_MODEL = Map.of("widthScale", "0.25", "batchSize", "2", "iterations", "2",
            "checkpointEvery", "2");

    private static ChromeDriver browser;

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @BeforeAll
    static void startChromium() throws Exception {
        browser = HeadlessChromium.start(Files.createTempDirectory("doppel-chromium-"));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aUserAnimatesAPhotoByTheWarpThenTrainsAMotionModelFromTheBrowser() throws Exception {
        UUID person = api.createFaceSet("Console photo");
        UUID photo = UUID.fromString(api.uploadOk(person, TestMedia.portrait("person.jpg")).get(0).path("id").asString());
        UUID drivers = api.createFaceSet("Console videos");
        UUID driving = UUID.fromString(api.uploadOk(drivers, TestMedia.panZoomVideo("driver.mp4", 6)).get(0).path("id").asString());
        api.awaitState(api.submitExtract(drivers), "SUCCEEDED", Duration.ofMinutes(2));

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebDriverWait longWait = new WebDriverWait(browser, Duration.ofMinutes(4));
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-key"))).sendKeys(doppel.apiKey);
        browser.findElement(By.id("signin-button")).click();

        // The console refills its selects every few seconds; an option read as it is replaced is read again.
        WebDriverWait refilled = new WebDriverWait(browser, Duration.ofSeconds(60));
        refilled.ignoring(StaleElementReferenceException.class);
        List<String> photos = refilled.until(driver -> {
            List<String> values = driver.findElements(By.cssSelector("#animate-photo option")).stream()
                    .map(option -> option.getDomAttribute("value")).toList();
            return values.contains(photo.toString()) ? values : null;
        });
        assertThat(photos).as("photos only").doesNotContain(driving.toString());
        new Select(browser.findElement(By.id("animate-photo"))).selectByValue(photo.toString());
        refilled.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#animate-driving option[value='" + driving + "']")));
        new Select(browser.findElement(By.id("animate-driving"))).selectByValue(driving.toString());
        assertThat(new Select(browser.findElement(By.id("animate-method"))).getFirstSelectedOption().getText()).startsWith("warp");
        browser.findElement(By.id("animate-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-animate")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("animate-report")));
        assertThat(report.getText()).containsPattern("Drove [1-9]\\d* of 6 frames").contains("Identity distance to the person:")
                .doesNotContain("undefined").doesNotContain("NaN");
        assertThat(browser.findElement(By.id("job-animate-stats")).getText()).contains("6 frames done");
        assertThat(browser.findElement(By.id("job-result")).getText()).contains("Download animate.mp4").contains("Download report.json");
        WebElement video = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-result video")));
        wait.until(driver -> ((Number) browser.executeScript("return arguments[0].readyState", video)).intValue() >= 1);
        assertThat(((Number) browser.executeScript("return arguments[0].videoWidth", video)).intValue()).as("the photo's width")
                .isEqualTo(960);
        browser.executeScript("document.getElementById('job-detail').scrollIntoView({block: 'start'})");
        Files.write(Path.of("target", "console-animate.png"), browser.getScreenshotAs(OutputType.BYTES));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-architecture option[value='fomm']")));
        new Select(browser.findElement(By.id("train-architecture"))).selectByValue("fomm");
        assertThat(browser.findElements(By.cssSelector("#train-roles select"))).extracting(e -> e.getDomAttribute("id"))
                .as("one face set: the videos").containsExactly("train-faceset-videos");
        assertThat(browser.findElement(By.id("train-about")).getText()).contains("videos of faces");
        new Select(browser.findElement(By.id("train-resolution"))).selectByValue("64");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-faceset-videos option[value='" + drivers + "']")));
        new Select(browser.findElement(By.id("train-faceset-videos"))).selectByValue(drivers.toString());
        TINY_MODEL.forEach((name, value) -> {
            WebElement field = browser.findElement(By.id("train-" + name));
            field.clear();
            field.sendKeys(value);
        });
        browser.findElement(By.id("train-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-train")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("job-train-stats")).getText()).contains("iteration 2 of 2").contains("reconstruction");

        String trained = refilled.until(driver -> driver.findElements(By.cssSelector("#animate-method option")).stream()
                .filter(option -> option.getText().startsWith("motion model of Console videos · fomm")).findFirst()
                .map(option -> option.getDomAttribute("value")).orElse(null));
        assertThat(trained).isNotBlank();
        List<String> swapModels = refilled.until(driver -> driver.findElements(By.cssSelector("#convert-model option")).stream()
                .map(WebElement::getText).toList());
        assertThat(swapModels).as("a motion model does not swap faces").noneMatch(text -> text.contains("fomm"));
        WebElement banner = browser.findElement(By.id("error-banner"));
        assertThat(banner.isDisplayed()).as(banner.getText()).isFalse();
    }
}
