package dev.doppel.pipeline.stage;

/** How a stage reports how far it got; the caller decides where that goes (a job row, a console). */
@FunctionalInterface
public interface Progress {

    /** @param fraction 0..1 of the whole stage */
    void report(String step, double fraction);

    Progress NONE = (step, fraction) -> { };
}
