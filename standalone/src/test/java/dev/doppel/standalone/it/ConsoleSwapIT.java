package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole swap in headless Chromium: train a (tiny) model from two face sets and watch it learn,
 * then swap a photo with it and read the result and its quality report. The face sets are made
 * through the API, as ConsoleIT already drives making one in the browser.
 */
class ConsoleSwapIT {

    private static final Map<String, String> TINY_MODEL = Map.of("widthScale", "0.125", "batchSize", "4", "iterations", "10",
            "checkpointEvery", "10");

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
    void aNewUserTrainsAModelAndSwapsAPhotoFromTheBrowser() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "Swap");
        UUID faceSetA = people.faceSetA();
        UUID faceSetB = people.faceSetB();
        UUID photo = people.photo();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebDriverWait longWait = new WebDriverWait(browser, Duration.ofMinutes(4));
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-key"))).sendKeys(doppel.apiKey);
        browser.findElement(By.id("signin-button")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-faceset-b option[value='" + faceSetB + "']")));
        // The architectures and their engines come from the API's catalog, the default chosen.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#train-architecture option[value='cyclegan']")));
        assertThat(new Select(browser.findElement(By.id("train-architecture"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("original", "saehd", "cyclegan", "pix2pix", "pix2pixhd", "fomm");
        assertThat(new Select(browser.findElement(By.id("train-engine"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("samediff", "pytorch");
        new Select(browser.findElement(By.id("filter-kind"))).getOptions().stream().map(WebElement::getText).toList()
                .forEach(kind -> assertThat(kind).isIn("all kinds", "animate", "convert", "extract", "reenact", "train"));
        new Select(browser.findElement(By.id("train-faceset-a"))).selectByValue(faceSetA.toString());
        new Select(browser.findElement(By.id("train-faceset-b"))).selectByValue(faceSetA.toString());
        browser.findElement(By.id("train-submit")).click();
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
        assertThat(banner.getText()).isEqualTo("Invalid job parameters: Parameters 'faceSetA' and 'faceSetB' must be two different face sets.");
        new Select(browser.findElement(By.id("train-faceset-b"))).selectByValue(faceSetB.toString());
        assertThat(new Select(browser.findElement(By.id("train-resolution"))).getFirstSelectedOption().getText()).isEqualTo("64 px");
        Map.of("widthScale", "1.0", "batchSize", "16", "iterations", "20000", "checkpointEvery", "250", "learningRate", "5e-5")
                .forEach((name, shown) -> assertThat(browser.findElement(By.id("train-" + name)).getDomProperty("value"))
                        .as("the API's default %s", name).isEqualTo(shown));
        TINY_MODEL.forEach((name, value) -> {
            WebElement field = browser.findElement(By.id("train-" + name));
            field.clear();
            field.sendKeys(value);
        });
        browser.findElement(By.id("train-submit")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("error-banner")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-train")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("job-train-stats")).getText()).contains("iteration 10 of 10").contains("EGs/s")
                .contains("reconstruction A").contains("reconstruction B");
        wait.until(driver -> !java.util.Objects.requireNonNullElse(driver.findElement(By.id("loss-chart")).getDomAttribute("data-points"), "0")
                .equals("0"));
        assertThat(browser.findElements(By.cssSelector("#loss-chart polyline"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#loss-chart text.legend"))).extracting(WebElement::getText)
                .containsExactly("reconstruction A", "reconstruction B");
        assertThat(browser.findElement(By.id("job-result")).getText()).contains("Download preview.png");
        assertThat(browser.findElement(By.id("job-cancel")).isDisplayed()).as("a finished job cannot be cancelled").isFalse();
        Files.write(Path.of("target", "console-train.png"), browser.getScreenshotAs(OutputType.BYTES));

        // Continuing the model fills in how it was built; GAN refinement then sharpens it from its next step on.
        WebElement base = wait.until(driver -> driver.findElements(By.cssSelector("#train-continueFrom option")).stream()
                .filter(option -> option.getText().contains("iteration 10")).findFirst().orElse(null));
        new Select(browser.findElement(By.id("train-continueFrom"))).selectByVisibleText(base.getText());
        assertThat(browser.findElement(By.id("train-widthScale")).getDomProperty("value")).isEqualTo("0.125");
        assertThat(browser.findElement(By.id("train-iterations")).getDomProperty("value")).isEqualTo("20");
        WebElement iterations = browser.findElement(By.id("train-iterations"));
        iterations.clear();
        iterations.sendKeys("14");
        browser.findElement(By.id("train-gan")).click();
        browser.findElement(By.id("train-submit")).click();
        longWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-train-stats"), "iteration 14 of 14"));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("job-train-stats")).getText()).contains("generator A").contains("discriminator B");
        wait.until(driver -> driver.findElements(By.cssSelector("#loss-chart text.legend")).size() == 6);
        assertThat(browser.findElements(By.cssSelector("#loss-chart text.legend"))).extracting(WebElement::getText)
                .containsExactly("reconstruction A", "reconstruction B", "generator A", "generator B", "discriminator A", "discriminator B");

        WebElement trained = wait.until(driver -> driver.findElements(By.cssSelector("#convert-model option")).stream()
                .filter(option -> option.getText().startsWith("Swap A ↔ Swap B") && option.getText().contains("iteration 14"))
                .findFirst().orElse(null));
        trained.click();
        new Select(browser.findElement(By.id("convert-media"))).selectByValue(photo.toString());
        assertThat(new Select(browser.findElement(By.id("convert-colour"))).getFirstSelectedOption().getText()).isEqualTo("reinhard");
        assertThat(new Select(browser.findElement(By.id("convert-blend"))).getFirstSelectedOption().getText()).isEqualTo("feather");
        assertThat(new Select(browser.findElement(By.id("convert-format"))).getFirstSelectedOption().getText()).isEqualTo("keep input");
        assertThat(browser.findElement(By.id("convert-crf")).getDomProperty("value")).isEqualTo("23");
        assertThat(browser.findElement(By.id("convert-detect-every")).getDomProperty("value")).isEqualTo("5");
        assertThat(browser.findElement(By.id("convert-watermark")).isSelected()).isFalse();
        browser.findElement(By.id("convert-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-convert")));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quality-report")));
        assertThat(report.getText()).containsPattern("Swapped [1-9]\\d* of [1-9]\\d* faces found\\.").contains("Identity distance to B (Swap B):")
                .contains("under 0.6 reads as the same person").contains("Landmark drift:").contains("Sharpness (variance of the Laplacian on the face):").doesNotContain("undefined").doesNotContain("NaN");
        assertThat(browser.findElement(By.id("job-result")).getText()).contains("Download swap.jpg").contains("Download report.json");
        WebElement swapped = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-result img[alt='swap.jpg']")));
        wait.until(driver -> ((Number) browser.executeScript("return arguments[0].naturalWidth", swapped)).intValue() == 960);
        assertThat(browser.findElement(By.id("error-banner")).isDisplayed()).isFalse();

        // The screenshot shows the viewport: the swapped photo and its report must both be on it.
        browser.executeScript("document.getElementById('job-detail').scrollIntoView({block: 'start'})");
        Rectangle picture = HeadlessChromium.boxOf(browser, swapped);
        Rectangle words = HeadlessChromium.boxOf(browser, report);
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "console-swap.png"), png);
        BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(picture.getWidth()).isGreaterThan(200);
        assertThat(HeadlessChromium.distinctColours(screenshot, picture)).as("the swapped photo is drawn on screen").isGreaterThan(500);
        assertThat(words.getY()).as("the quality report is on screen").isBetween(0, screenshot.getHeight() - words.getHeight());
        assertThat(HeadlessChromium.distinctColours(screenshot, words)).as("the quality report is drawn on screen").isGreaterThan(5);

        // SAEHD: its own options come from the catalog; a base pretrained on both face sets, then a pair's model from it.
        browser.executeScript("document.getElementById('train').scrollIntoView({block: 'start'})");
        new Select(browser.findElement(By.id("train-continueFrom"))).selectByValue("");
        new Select(browser.findElement(By.id("train-architecture"))).selectByValue("saehd");
        assertThat(new Select(browser.findElement(By.id("train-option-design"))).getFirstSelectedOption().getText()).isEqualTo("liae-ud");
        assertThat(browser.findElement(By.id("train-option-aeDims")).getDomProperty("value")).isEqualTo("256");
        new Select(browser.findElement(By.id("train-option-design"))).selectByValue("df-ud");
        WebElement aeDims = browser.findElement(By.id("train-option-aeDims"));
        aeDims.clear();
        aeDims.sendKeys("64");
        browser.findElement(By.id("train-pretrain")).click();
        assertThat(browser.findElement(By.id("train-roles")).isDisplayed()).as("a pretrain job takes a list, not roles").isFalse();
        Select pool = new Select(browser.findElement(By.id("train-pretrain-faceSets")));
        pool.selectByValue(faceSetA.toString());
        pool.selectByValue(faceSetB.toString());
        TINY_MODEL.forEach((name, value) -> {
            WebElement field = browser.findElement(By.id("train-" + name));
            field.clear();
            field.sendKeys(value);
        });
        browser.findElement(By.id("train-submit")).click();
        longWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-train-stats"), "mask A"));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));

        // The model lists are refilled as jobs end: an option read while its list is rebuilt is read again.
        WebDriverWait refilled = new WebDriverWait(browser, Duration.ofSeconds(60));
        refilled.ignoring(StaleElementReferenceException.class);
        String baseId = refilled.until(driver -> driver.findElements(By.cssSelector("#train-baseModel option")).stream()
                .filter(option -> option.getText().startsWith("saehd on samediff · pretrained")).findFirst()
                .map(option -> option.getDomAttribute("value")).orElse(null));
        browser.findElement(By.id("train-pretrain")).click();
        new Select(browser.findElement(By.id("train-option-design"))).selectByValue("liae-ud");
        new Select(browser.findElement(By.id("train-baseModel"))).selectByValue(baseId);
        assertThat(new Select(browser.findElement(By.id("train-option-design"))).getFirstSelectedOption().getText())
                .as("a base fills in how it was built").isEqualTo("df-ud");
        new Select(browser.findElement(By.id("train-faceset-a"))).selectByValue(faceSetA.toString());
        new Select(browser.findElement(By.id("train-faceset-b"))).selectByValue(faceSetB.toString());
        String baseJob = browser.findElement(By.id("job-id")).getText();
        browser.findElement(By.id("train-submit")).click();
        // Until the console shows the new job, the finished base's "iteration 10 of 10" and SUCCEEDED are still on screen.
        longWait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("job-id"), baseJob)));
        longWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-train-stats"), "iteration 10 of 10"));
        longWait.until(ExpectedConditions.textToBe(By.id("job-state"), "SUCCEEDED"));
        List<String> converting = refilled.until(driver -> driver.findElements(By.cssSelector("#convert-model option")).stream()
                .map(option -> option.getDomAttribute("value")).toList());
        assertThat(converting).as("a pretrained base swaps no pair").doesNotContain(baseId);
        WebElement stillBanner = browser.findElement(By.id("error-banner"));
        assertThat(stillBanner.isDisplayed()).as(stillBanner.getText()).isFalse();
        String shownJob = browser.findElement(By.id("job-id")).getText();
        JsonNode pair = null;
        List<String> listed = new java.util.ArrayList<>();
        for (JsonNode model : api.get("/api/v1/models").json()) {
            listed.add(model.path("id").asString() + " " + model.path("architecture").asString());
            if (model.path("id").asString().startsWith(shownJob)) {
                pair = model;
            }
        }
        assertThat(pair).as("the model of job %s among %s", shownJob, listed).isNotNull();
        assertThat(pair.path("baseModel").path("id").asString()).as("the pair's model records its base")
                .isEqualTo(baseId);
    }
}
