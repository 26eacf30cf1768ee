package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.nn.FaceLandmark68Net;

/** face-api's 68-point landmark net on 112 px crops of the face boxes, all faces (of one picture or several) in one batch. */
public final class Landmark68Model implements LandmarkModel {

    private final FaceLandmark68Net network;

    public Landmark68Model(FaceLandmark68Net network) {
        this.network = network;
    }

    /** Loads {@code face_landmark_68_model} from a face-api model folder. */
    public static Landmark68Model load(Path modelDir) throws IOException {
        return new Landmark68Model(FaceLandmark68Net.load(modelDir));
    }

    @Override
    public List<LandmarkSet> landmarks(RgbImage image, List<FaceBox> faces) {
        return landmarksAll(List.of(image), List.of(faces)).get(0);
    }

    /** Every face of every picture in one batch. */
    @Override
    public List<List<LandmarkSet>> landmarksAll(List<RgbImage> images, List<List<FaceBox>> faces) {
        int size = FaceLandmark68Net.INPUT_SIZE;
        List<List<FaceBox>> crops = new ArrayList<>();
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            crops.add(FaceCrops.pixelCrops(images.get(i), faces.get(i)));
            if (!faces.get(i).isEmpty()) {
                inputs.add(FaceCrops.batch(images.get(i), crops.get(i), size));
            }
        }
        if (inputs.isEmpty()) {
            return images.stream().map(image -> List.<LandmarkSet>of()).toList();
        }
        INDArray batch = inputs.size() == 1 ? inputs.get(0) : Nd4j.concat(0, inputs.toArray(INDArray[]::new));
        float[] out = network.predict(batch).reshape(-1).toFloatVector();
        List<List<LandmarkSet>> all = new ArrayList<>();
        int next = 0;
        for (List<FaceBox> frameCrops : crops) {
            List<LandmarkSet> sets = new ArrayList<>();
            for (FaceBox crop : frameCrops) {
                sets.add(toImage(out, next++ * 136, crop, size));
            }
            all.add(sets);
        }
        return all;
    }

    // Undo the centred padding and the scaling, as face-api's postProcess does (with the exact
    // half of the padding, where the crop itself was padded by whole pixels).
    private static LandmarkSet toImage(float[] out, int offset, FaceBox crop, int size) {
        double scale = size / Math.max(crop.width(), crop.height());
        double width = crop.width() * scale;
        double height = crop.height() * scale;
        double padX = width < height ? (height - width) / 2 : 0;
        double padY = height < width ? (width - height) / 2 : 0;
        List<LandmarkSet.Point> points = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            double x = (out[offset + 2 * i] * size - padX) / width * crop.width() + crop.x();
            double y = (out[offset + 2 * i + 1] * size - padY) / height * crop.height() + crop.y();
            points.add(new LandmarkSet.Point(x, y));
        }
        return new LandmarkSet(points);
    }
}
