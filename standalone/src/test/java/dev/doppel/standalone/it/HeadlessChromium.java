package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's chromium and chromium-driver (which .ci/run installs), headless, for the console tests. */
final class HeadlessChromium {

    private static final String CHROMIUM = System.getenv().getOrDefault("DOPPEL_IT_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("DOPPEL_IT_CHROMEDRIVER", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags Chromium keeps dialling out on a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, options);
    }

    /** Where an element lies in the viewport, as a screenshot sees it; scroll it into view first. */
    static Rectangle boxOf(ChromeDriver chrome, WebElement element) {
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) chrome.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height};", element);
        return new Rectangle(box.get("x").intValue(), box.get("y").intValue(), box.get("height").intValue(), box.get("width").intValue());
    }

    /** How many colours a screenshot shows in an area: a drawn photo has hundreds, a blank box a few. */
    static long distinctColours(BufferedImage screenshot, Rectangle area) {
        return IntStream.range(Math.max(0, area.getY()), Math.min(screenshot.getHeight(), area.getY() + area.getHeight()))
                .flatMap(y -> IntStream.range(Math.max(0, area.getX()), Math.min(screenshot.getWidth(), area.getX() + area.getWidth()))
                        .map(x -> screenshot.getRGB(x, y)))
                .distinct()
                .count();
    }
}
