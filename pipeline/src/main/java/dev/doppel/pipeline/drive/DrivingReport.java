package dev.doppel.pipeline.drive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality report of a driven face (reenactment, animation): for every driven frame, how open the driver's mouth and
 * eyes were and how open the output's are (both measured by Doppel's own landmarks), and, about
 * once a second, the output face's identity distance to the person shown. The summary says how
 * closely the output follows the driver (Pearson correlation of the openings over the frames) and
 * whether it still looks like the target.
 */
public final class DrivingReport {

    /** Identity takes a network pass; once a second of the driver is enough for the report. */
    public static final long IDENTITY_EVERY_MICROS = 1_000_000;

    /** Enough frames to judge a video by; beyond it only the summary grows. */
    static final int MAX_LISTED = 2000;

    /** One driven frame; identity is NaN where it was not measured. */
    public record Frame(long index, double driverMouth, double outputMouth, double driverEyes, double outputEyes, double identityDistance) {
    }

    private final List<Frame> listed = new ArrayList<>();
    private final Correlation mouth = new Correlation();
    private final Correlation eyes = new Correlation();
    private long frames;
    private long driven;
    private long identities;
    private double sumIdentity;

    public synchronized void undriven() {
        frames++;
    }

    public synchronized void driven(Frame frame) {
        frames++;
        driven++;
        mouth.add(frame.driverMouth(), frame.outputMouth());
        eyes.add(frame.driverEyes(), frame.outputEyes());
        if (!Double.isNaN(frame.identityDistance())) {
            identities++;
            sumIdentity += frame.identityDistance();
        }
        if (listed.size() < MAX_LISTED) {
            listed.add(frame);
        }
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long framesDriven() {
        return driven;
    }

    public synchronized List<Frame> listed() {
        return List.copyOf(listed);
    }

    /** Pearson correlation of the driver's and the output's mouth openings over the driven frames; NaN below three or when one never moves. */
    public synchronized double mouthCorrelation() {
        return mouth.value();
    }

    public synchronized double eyeCorrelation() {
        return eyes.value();
    }

    /** Counts and means, named as the job's metrics show them; figures that could not be measured are left out. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("frames", frames);
        summary.put("framesDriven", driven);
        putIfMeasured(summary, "mouthCorrelation", mouth.value());
        putIfMeasured(summary, "eyeCorrelation", eyes.value());
        putIfMeasured(summary, "meanIdentityDistance", identities == 0 ? Double.NaN : sumIdentity / identities);
        return summary;
    }

    /** What {@code report.json} holds: the summary and the frames. */
    public synchronized Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>(summary());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Frame frame : listed) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("frame", frame.index());
            row.put("driverMouth", frame.driverMouth());
            row.put("outputMouth", frame.outputMouth());
            row.put("driverEyes", frame.driverEyes());
            row.put("outputEyes", frame.outputEyes());
            putIfMeasured(row, "identityDistance", frame.identityDistance());
            rows.add(row);
        }
        document.put("frameReports", rows);
        return document;
    }

    private static void putIfMeasured(Map<String, Object> map, String name, double value) {
        if (Double.isFinite(value)) {
            map.put(name, value);
        }
    }

    /** Running sums for Pearson's r. */
    private static final class Correlation {
        private long n;
        private double sx;
        private double sy;
        private double sxx;
        private double syy;
        private double sxy;

        void add(double x, double y) {
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        double value() {
            if (n < 3) {
                return Double.NaN;
            }
            double cov = sxy - sx * sy / n;
            double vx = sxx - sx * sx / n;
            double vy = syy - sy * sy / n;
            return vx <= 0 || vy <= 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
        }
    }
}
