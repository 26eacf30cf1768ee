package dev.doppel.pipeline.reenact;

import dev.doppel.pipeline.drive.DrivingReport;
import dev.doppel.pipeline.drive.FaceOpenings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.LandmarkSet;

class MotionTransferTest {

    @Test
    void theTargetKeepsItsOwnShapeAndTakesOnlyTheDriversChange() {
        LandmarkSet target = SyntheticSketchFaces.landmarks(256, 0, 1, 0, 0);
        LandmarkSet neutral = scaled(SyntheticSketchFaces.landmarks(256, 0, 1, 10, -6), 1.0);
        LandmarkSet driverOpen = scaled(SyntheticSketchFaces.landmarks(256, 1, 1, 10, -6), 1.0);

        assertThat(MotionTransfer.relative(target, neutral, neutral).points()).as("no change, no motion").isEqualTo(target.points());
        LandmarkSet moved = MotionTransfer.relative(target, driverOpen, neutral);
        assertThat(FaceOpenings.of(moved).mouth()).isCloseTo(FaceOpenings.of(driverOpen).mouth(), within(0.01));
        // The driver sits 10 px right and 6 px up; that is where it is, not how it moved.
        assertThat(moved.points().get(8).x()).isCloseTo(target.points().get(8).x(), within(1e-9));
        assertThat(moved.points().get(27)).isEqualTo(target.points().get(27));
    }

    @Test
    void aSmallerTargetFaceMovesItsMouthLess() {
        LandmarkSet target = scaled(SyntheticSketchFaces.landmarks(256, 0, 1, 0, 0), 0.5);
        LandmarkSet neutral = SyntheticSketchFaces.landmarks(256, 0, 1, 0, 0);
        LandmarkSet open = SyntheticSketchFaces.landmarks(256, 1, 1, 0, 0);
        double driverDrop = open.points().get(66).y() - neutral.points().get(66).y();
        LandmarkSet moved = MotionTransfer.relative(target, open, neutral);
        assertThat(moved.points().get(66).y() - target.points().get(66).y()).isCloseTo(driverDrop * 0.5, within(1e-6));
    }

    @Test
    void openingsAreRelativeToTheFacesOwnSize() {
        FaceOpenings big = FaceOpenings.of(SyntheticSketchFaces.landmarks(256, 0.8, 1, 0, 0));
        FaceOpenings small = FaceOpenings.of(scaled(SyntheticSketchFaces.landmarks(256, 0.8, 1, 0, 0), 0.25));
        assertThat(small.mouth()).isCloseTo(big.mouth(), within(1e-9));
        assertThat(small.eyes()).isCloseTo(big.eyes(), within(1e-9));
        assertThat(FaceOpenings.of(SyntheticSketchFaces.landmarks(256, 0, 0, 0, 0)).mouth()).isLessThan(big.mouth());
        assertThat(FaceOpenings.of(SyntheticSketchFaces.landmarks(256, 0, 0, 0, 0)).eyes()).isLessThan(big.eyes());
    }

    @Test
    void theReportCorrelatesTheOpeningsOverTheFrames() {
        DrivingReport report = new DrivingReport();
        double[] driver = {0.1, 0.3, 0.5, 0.3, 0.1, 0.4};
        for (int i = 0; i < driver.length; i++) {
            report.driven(new DrivingReport.Frame(i, driver[i], 0.5 * driver[i] + 0.02, 0.3, 0.3, i == 0 ? 0.4 : Double.NaN));
        }
        report.undriven();
        assertThat(report.mouthCorrelation()).isCloseTo(1, within(1e-9));
        assertThat(report.summary()).containsEntry("frames", 7L).containsEntry("framesDriven", 6L).containsEntry("meanIdentityDistance", 0.4)
                .doesNotContainKey("eyeCorrelation");
        assertThat(report.document()).containsKey("frameReports");
    }

    private static LandmarkSet scaled(LandmarkSet landmarks, double scale) {
        List<LandmarkSet.Point> points = landmarks.points().stream().map(p -> new LandmarkSet.Point(p.x() * scale, p.y() * scale)).toList();
        return new LandmarkSet(points);
    }
}
