package dev.doppel.worker.health;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.springframework.stereotype.Component;

/** FFmpeg through JavaCV: every stage decodes or encodes media with it. */
@Component
class FfmpegBackend implements ComputeBackend {

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public String load() {
        Loader.load(avutil.class);
        Loader.load(avcodec.class);
        return avutil.av_version_info().getString();
    }
}
