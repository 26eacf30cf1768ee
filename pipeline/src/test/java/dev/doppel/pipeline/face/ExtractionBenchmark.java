package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.stage.StageTimes;

/**
 * Faces per second on 1080p frames, stage by stage: detect, landmarks, align (with mask), and the
 * embedding and quality scores the extract job adds; frame by frame, then as a video's sampled
 * frames go, {@link LocatingBatch#SIZE} frames through the networks at once, in the same run. A
 * measurement, not a test: timings have no place in CI. Run it with {@code ./mvnw -B -o -q -pl
 * pipeline -Pbench -DskipTests test-compile exec:exec@extraction-benchmark} (threads:
 * OMP_NUM_THREADS, 2 in the profile). Each of the six sample photos is cropped to a 1920x1080 frame.
 */
public final class ExtractionBenchmark {

    private static final int WARM_UP_ROUNDS = 3;

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        AlignmentOptions options = new AlignmentOptions(256, Coverage.WHOLE_FACE);
        List<RgbImage> frames = new ArrayList<>();
        for (String sample : FaceApiAssets.SAMPLES) {
            frames.add(frame1080p(sample));
        }
        try (FaceModels models = FaceModels.load(FaceApiAssets.models())) {
            FaceExtractor extractor = new FaceExtractor(models);
            // oneDNN and the JIT take a few rounds to settle: the first is twice as slow as the fifth.
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                frames.forEach(frame -> extractor.extract(frame, options));
            }
            long detect = 0;
            long landmarks = 0;
            long align = 0;
            long embedAndScore = 0;
            int faces = 0;
            for (int round = 0; round < rounds; round++) {
                for (RgbImage frame : frames) {
                    long t0 = System.nanoTime();
                    List<DetectedFace> found = models.detector().detect(frame);
                    long t1 = System.nanoTime();
                    List<LandmarkSet> marks = models.landmarks().landmarks(frame, found.stream().map(DetectedFace::box).toList());
                    long t2 = System.nanoTime();
                    marks.forEach(mark -> FaceAligner.align(frame, mark, options));
                    long t3 = System.nanoTime();
                    List<LocatedFace> located = new ArrayList<>();
                    for (int i = 0; i < found.size(); i++) {
                        located.add(new LocatedFace(found.get(i), marks.get(i)));
                    }
                    extractor.extract(frame, options, located);
                    long t4 = System.nanoTime();
                    detect += t1 - t0;
                    landmarks += t2 - t1;
                    align += t3 - t2;
                    embedAndScore += (t4 - t3) - (t3 - t2);
                    faces += found.size();
                }
            }
            int frameCount = rounds * frames.size();
            double core = (detect + landmarks + align) / 1e9;
            System.out.printf("1080p frames: %d, faces: %d (%.1f a frame), threads: %s%n", frameCount, faces,
                    (double) faces / frameCount, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
            System.out.printf("per frame: detect %.0f ms, landmarks %.0f ms, align+mask %.0f ms, embed+scores %.0f ms%n",
                    detect / 1e6 / frameCount, landmarks / 1e6 / frameCount, align / 1e6 / frameCount, embedAndScore / 1e6 / frameCount);
            System.out.printf("detect + landmarks + align: %.1f frames/s, %.1f faces/s%n", frameCount / core, faces / core);
            double all = core + embedAndScore / 1e9;
            System.out.printf("whole extract (with embeddings and scores): %.1f frames/s, %.1f faces/s%n", frameCount / all, faces / all);
            batched(extractor, frames, rounds, options, faces / core);
        }
    }

    private static void batched(FaceExtractor extractor, List<RgbImage> frames, int rounds, AlignmentOptions options,
            double frameByFrame) {
        List<RgbImage> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            all.addAll(frames);
        }
        // Warmed up as frame by frame was: a batch of another size is another set of oneDNN kernels.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (int from = 0; from < all.size(); from += LocatingBatch.SIZE) {
                extractor.locateAll(all.subList(from, Math.min(all.size(), from + LocatingBatch.SIZE)), new StageTimes());
            }
        }
        StageTimes times = new StageTimes();
        long align = 0;
        long embedAndScore = 0;
        int faces = 0;
        for (int from = 0; from < all.size(); from += LocatingBatch.SIZE) {
            List<RgbImage> batch = all.subList(from, Math.min(all.size(), from + LocatingBatch.SIZE));
            List<List<LocatedFace>> located = extractor.locateAll(batch, times);
            for (int n = 0; n < batch.size(); n++) {
                RgbImage frame = batch.get(n);
                long t0 = System.nanoTime();
                located.get(n).forEach(face -> FaceAligner.align(frame, face.landmarks(), options));
                long t1 = System.nanoTime();
                extractor.extract(frame, options, located.get(n));
                long t2 = System.nanoTime();
                align += t1 - t0;
                embedAndScore += (t2 - t1) - (t1 - t0);
                faces += located.get(n).size();
            }
        }
        Map<String, Double> perFrame = times.millisPerFrame(all.size());
        double core = times.totalNanos() / 1e9 + align / 1e9;
        System.out.printf("in batches of %d frames: detect %.0f ms, landmarks %.0f ms, align+mask %.0f ms, embed+scores %.0f ms a frame%n",
                LocatingBatch.SIZE, perFrame.get("detect"), perFrame.get("landmarks"), align / 1e6 / all.size(),
                embedAndScore / 1e6 / all.size());
        System.out.printf("detect + landmarks + align: %.1f frames/s, %.1f faces/s (%.2fx frame by frame)%n", all.size() / core,
                faces / core, faces / core / frameByFrame);
        double whole = core + embedAndScore / 1e9;
        System.out.printf("whole extract (with embeddings and scores): %.1f frames/s, %.1f faces/s%n", all.size() / whole, faces / whole);
    }

    private static RgbImage frame1080p(String sample) throws IOException {
        BufferedImage photo = ImageIO.read(FaceApiAssets.dir().resolve("demo").resolve(sample + ".jpg").toFile());
        double scale = Math.max(1920.0 / photo.getWidth(), 1080.0 / photo.getHeight());
        int width = (int) Math.round(photo.getWidth() * scale);
        int height = (int) Math.round(photo.getHeight() * scale);
        BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.drawImage(photo, (1920 - width) / 2, (1080 - height) / 2, width, height, null);
        g.dispose();
        return RgbImage.of(frame);
    }
}
