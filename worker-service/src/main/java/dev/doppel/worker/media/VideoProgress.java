package dev.doppel.worker.media;

import java.util.function.LongSupplier;

import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.worker.runtime.JobContext;

/**
 * A job that writes a video, as clients follow it: frames done and frames a second while it runs
 * (between 5 % and 95 % of the job), then the final counts and what became of the sound.
 */
public final class VideoProgress implements Progress {

    private final JobContext context;
    private final String stage;
    private final LongSupplier framesDone;
    private final long started = System.nanoTime();

    /** @param framesDone frames made so far, as the stage counts them */
    public VideoProgress(JobContext context, String stage, LongSupplier framesDone) {
        this.context = context;
        this.stage = stage;
        this.framesDone = framesDone;
    }

    @Override
    public void report(String step, double fraction) {
        long done = framesDone.getAsLong();
        double seconds = seconds();
        context.metric("framesDone", done);
        context.metric("framesPerSecond", seconds > 0 ? done / seconds : 0);
        context.progress().report(stage, 0.05 + 0.9 * fraction);
    }

    /** The video is written: its frame count, the rate over the whole rewrite, and its sound. */
    public void finished(VideoRewrite.Result result) {
        context.metric("framesDone", result.frames());
        context.metric("framesPerSecond", result.frames() / seconds());
        context.metric("audio", result.audioCodec() == null ? "none" : result.audioCopied() ? "copied " + result.audioCodec()
                : "re-encoded to " + result.audioCodec());
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
