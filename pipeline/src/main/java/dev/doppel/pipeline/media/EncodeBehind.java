package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Feeds a started recorder from its own thread, so x264 encodes one batch of frames while the
 * caller swaps the faces of the next. A bounded queue keeps the encoder from falling far behind
 * (and memory from growing with the video); an encoder failure is thrown to the caller at its next
 * frame or at {@link #finish}. Every image and sound frame handed over must be the caller's no
 * longer: the encoder reads it later.
 */
final class EncodeBehind implements AutoCloseable {

    private sealed interface Item permits Picture, Sound, End {
    }

    private record Picture(BufferedImage image) implements Item {
    }

    private record Sound(Frame frame) implements Item {
    }

    private record End() implements Item {
    }

    private static final long POLL_MILLIS = 100;

    private final FFmpegFrameRecorder recorder;
    private final String source;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile Exception failure;
    private boolean finished;

    /** @param source the video rewritten, for messages */
    EncodeBehind(FFmpegFrameRecorder recorder, int capacity, String source) {
        this.recorder = recorder;
        this.source = source;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::encode, "encode " + source);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a frame of the recorder's size, in 3-byte BGR. */
    void picture(BufferedImage image) throws IOException {
        put(new Picture(image));
    }

    void sound(Frame samples) throws IOException {
        put(new Sound(samples));
    }

    /** Waits for every queued frame to be encoded; the recorder is the caller's again. */
    void finish() throws IOException {
        put(new End());
        finished = true;
        join();
        throwIfFailed();
    }

    /** Stops encoding at once, what is queued left unwritten: for a rewrite that failed elsewhere. */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            join();
        }
    }

    private void put(Item item) throws IOException {
        try {
            while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while queueing a frame to encode", e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        Exception e = failure;
        if (e != null) {
            throw new IOException("cannot encode the rewrite of " + source + ": " + e.getMessage(), e);
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void encode() {
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            while (true) {
                Item item = queue.take();
                if (item instanceof Picture picture) {
                    recorder.record(converter.convert(picture.image()));
                } else if (item instanceof Sound sound) {
                    Frame frame = sound.frame();
                    recorder.recordSamples(frame.sampleRate, frame.audioChannels, frame.samples);
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close(): the rewrite failed elsewhere and what is queued is not wanted.
        } catch (Exception e) {
            failure = e;
        }
    }
}
