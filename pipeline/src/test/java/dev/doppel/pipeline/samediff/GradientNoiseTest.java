package dev.doppel.pipeline.samediff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class GradientNoiseTest {

    @Test
    void dropsSameDiffsPerOpLinesAndPassesEverythingElse() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream filter = new GradientNoise.Filter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        filter.println("Added differentiated op conv2d_7");
        filter.println("step 25, 459 ms/step");
        filter.print("no newline, ");
        filter.println((String) null);
        filter.printf("%d frames%n", 48);
        filter.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("step 25, 459 ms/step" + System.lineSeparator() + "no newline, null"
                + System.lineSeparator() + "48 frames" + System.lineSeparator());
    }
}
