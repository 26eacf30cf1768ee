package dev.doppel.pipeline.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality report of a conversion: every measured swap and a summary of them, as papers report
 * face swaps (identity similarity to the target and the source, pose/expression kept), plus how
 * many frames and faces went through.
 */
public final class QualityReport {

    /** Enough faces to judge a video by; beyond it only the summary grows. */
    public static final int MAX_LISTED = 500;

    private final List<FaceReport> faces = new ArrayList<>();
    private long frames;
    private long framesWithFaces;
    private long facesFound;
    private long facesSwapped;
    private long measured;
    private double sumToTarget;
    private double sumInputToTarget;
    private double sumToSource;
    private double sumDrift;
    private double sumSharpness;
    private double sumInputSharpness;
    private long closer;

    synchronized void frame(FrameSwapper.Result result) {
        frames++;
        if (result.facesFound() > 0) {
            framesWithFaces++;
        }
        facesFound += result.facesFound();
        facesSwapped += result.facesSwapped();
        for (FaceReport face : result.reports()) {
            measured++;
            sumToTarget += face.distanceToTarget();
            sumInputToTarget += face.inputDistanceToTarget();
            sumToSource += face.distanceToSource();
            sumDrift += face.landmarkDrift();
            sumSharpness += face.sharpness();
            sumInputSharpness += face.inputSharpness();
            if (face.closerToTarget()) {
                closer++;
            }
            if (faces.size() < MAX_LISTED) {
                faces.add(face);
            }
        }
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long facesSwapped() {
        return facesSwapped;
    }

    public synchronized List<FaceReport> faces() {
        return List.copyOf(faces);
    }

    /** Counts and means, named as the job's metrics show them. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("frames", frames);
        summary.put("framesWithFaces", framesWithFaces);
        summary.put("facesFound", facesFound);
        summary.put("facesSwapped", facesSwapped);
        summary.put("facesMeasured", measured);
        if (measured > 0) {
            summary.put("meanDistanceToTarget", round(sumToTarget / measured));
            summary.put("meanInputDistanceToTarget", round(sumInputToTarget / measured));
            summary.put("meanDistanceToSource", round(sumToSource / measured));
            summary.put("meanLandmarkDrift", round(sumDrift / measured));
            summary.put("closerToTargetFraction", round((double) closer / measured));
            summary.put("meanSharpness", round(sumSharpness / measured));
            summary.put("meanInputSharpness", round(sumInputSharpness / measured));
        }
        return summary;
    }

    /** The report as a JSON-ready tree: the summary and every listed face. */
    public synchronized Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("summary", summary());
        document.put("faces", faces.stream().map(QualityReport::face).toList());
        return document;
    }

    private static Map<String, Object> face(FaceReport face) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("frame", face.frameIndex());
        entry.put("face", face.faceIndex());
        entry.put("box", List.of(round(face.box().x()), round(face.box().y()), round(face.box().width()), round(face.box().height())));
        entry.put("distanceToTarget", round(face.distanceToTarget()));
        entry.put("inputDistanceToTarget", round(face.inputDistanceToTarget()));
        entry.put("distanceToSource", round(face.distanceToSource()));
        entry.put("landmarkDrift", round(face.landmarkDrift()));
        entry.put("closerToTarget", face.closerToTarget());
        entry.put("sharpness", round(face.sharpness()));
        entry.put("inputSharpness", round(face.inputSharpness()));
        return entry;
    }

    private static Object round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e4) / 1e4 : null;
    }

}
