package dev.doppel.pipeline.samediff;

import java.io.PrintStream;

/**
 * SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to {@code System.out}, not to a logger,
 * for every op of a graph the first time it builds the graph's gradient: tens of thousands of lines
 * a test run, burying a benchmark's figures and a worker's log. Every SameDiff model silences it
 * before it trains by putting a filter on standard output that drops those lines and passes every
 * other on untouched; installed once per process.
 */
public final class GradientNoise {

    static final String PREFIX = "Added differentiated op ";

    private GradientNoise() {
    }

    public static synchronized void silence() {
        if (!(System.out instanceof Filter)) {
            System.setOut(new Filter(System.out));
        }
    }

    static final class Filter extends PrintStream {

        Filter(PrintStream out) {
            super(out, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith(PREFIX)) {
                super.println(line);
            }
        }
    }
}
