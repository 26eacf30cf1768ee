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
 * Reenactment in headless Chromium: train a (tiny) pix2pix on the person from the train form, whose
 * face set pickers follow the architecture's roles, then drive the person with an uploaded video
 * and play the result beside its report. The face sets and uploads are made through the API.
 */
class ConsoleReenactIT {

    private static final Map<String, String> TINY_MODEL = Map.of("widthScale", "0.0625", "batchSize", "2", "iterations", "4",
            "checkpointEvery", "4");

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
    void aUserTrainsAPersonAndDrivesThemWithAVideoFromTheBrowser() throws Exception {
        UUID person = api.createFaceSet("Console person");
        UUID photo = UUID.fromString(api.uploadOk(person, TestMedia.portrait("person.jpg")).get(0).path("id").asString());
        api.awaitState(api.submitExtract(person), "SUCCEEDED", Duration.ofMinutes(2));
        UUID drivers = api.createFaceSet("Console driver");
        UUID driving = UUID.fromString(api.uploadOk(drivers, TestMedia.panZoomVideo("driver.mp4", 6)).get(0).path("id").asString());

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebDriverWait longWait = new WebDriverWait(browser, Duration.ofMinutes(4));
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-key"))).sendKeys(doppel.apiKey);
        browser.findElement(By.id("signin-button")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-architecture option[value='pix2pix']")));
        assertThat(browser.findElements(By.cssSelector("#train-roles select"))).extracting(e -> e.getDomAttribute("id"))
                .containsExactly("train-faceset-a", "train-faceset-b");
        new Select(browser.findElement(By.id("train-architecture"))).selectByValue("pix2pix");
        assertThat(browser.findElements(By.cssSelector("#train-roles select"))).extracting(e -> e.getDomAttribute("id"))
                .as("one face set: the person").containsExactly("train-faceset-target");
        assertThat(browser.findElement(By.id("train-about")).getText()).contains("drawings of its landmarks");
        assertThat(browser.findElement(By.id("train-learningRate")).getDomProperty("value")).isEqualTo("2e-4");
        assertThat(new Select(browser.findElement(By.id("train-resolution"))).getFirstSelectedOption().getText()).isEqualTo("128 px");
        new Select(browser.findElement(By.id("train-resolution"))).selectByValue("64");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-faceset-target option[value='" + person + "']")));
        new Select(browser.findElement(By.id("train-faceset-target"))).selectByValue(person.toString());
        TINY_MODEL.forEach((name, value) -> {
            WebElement field = browser.findElement(By.id("train-" + name));
            field.clear();
            field.sendKeys(value);
        });
        browser.findElement(By.id("train-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-train")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("job-train-stats")).getText()).contains("iteration 4 of 4").contains("adversarial")
                .contains("l1").contains("discriminator");

        // The console refills its selects every few seconds; an option read as it is replaced is read again.
        WebDriverWait refilled = new WebDriverWait(browser, Duration.ofSeconds(60));
        refilled.ignoring(StaleElementReferenceException.class);
        String trained = refilled.until(driver -> driver.findElements(By.cssSelector("#reenact-model option")).stream()
                .filter(option -> option.getText().startsWith("Console person · pix2pix")).findFirst()
                .map(option -> option.getDomAttribute("value")).orElse(null));
        new Select(browser.findElement(By.id("reenact-model"))).selectByValue(trained);
        List<String> swapModels = refilled.until(driver -> driver.findElements(By.cssSelector("#convert-model option")).stream()
                .map(WebElement::getText).toList());
        assertThat(swapModels).as("a reenactment model does not swap faces").noneMatch(text -> text.contains("pix2pix"));
        List<String> drivingChoices = refilled.until(driver -> driver.findElements(By.cssSelector("#reenact-driving option")).stream()
                .map(option -> option.getDomAttribute("value")).toList());
        assertThat(drivingChoices).as("drivers are videos").contains(driving.toString()).doesNotContain(photo.toString());
        new Select(browser.findElement(By.id("reenact-driving"))).selectByValue(driving.toString());
        new Select(browser.findElement(By.id("reenact-target"))).selectByValue(photo.toString());
        assertThat(new Select(browser.findElement(By.id("reenact-sound"))).getFirstSelectedOption().getText()).isEqualTo("the driver's");
        browser.findElement(By.id("reenact-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-reenact")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reenact-report")));
        assertThat(report.getText()).containsPattern("Drove [1-9]\\d* of 6 frames").contains("Identity distance to the person:")
                .doesNotContain("undefined").doesNotContain("NaN");
        assertThat(browser.findElement(By.id("job-reenact-stats")).getText()).contains("6 frames done");
        assertThat(browser.findElement(By.id("job-result")).getText()).contains("Download reenact.mp4").contains("Download report.json");
        WebElement video = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-result video")));
        wait.until(driver -> ((Number) browser.executeScript("return arguments[0].readyState", video)).intValue() >= 1);
        assertThat(((Number) browser.executeScript("return arguments[0].videoWidth", video)).intValue()).as("the target photo's width")
                .isEqualTo(960);
        assertThat(browser.findElement(By.id("error-banner")).isDisplayed()).isFalse();
        browser.executeScript("document.getElementById('job-detail').scrollIntoView({block: 'start'})");
        Files.write(Path.of("target", "console-reenact.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
