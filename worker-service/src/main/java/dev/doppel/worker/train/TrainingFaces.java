package dev.doppel.worker.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.train.TrainingFace;
import dev.doppel.worker.faces.FaceSetIdentities;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A face set's extracted faces as training material: crop, mask, the landmarks moved into the crop
 * with the alignment matrix the extract stage stored (for the eye and mouth loss weights), and for a
 * video's faces the clip they belong to.
 */
@Component
class TrainingFaces {

    /** Enough variety for a DeepFakes model; beyond this, more faces only cost memory. */
    static final int MAX_FACES = 3000;

    private final JdbcClient jdbc;
    private final ObjectStore store;
    private final JsonMapper json;

    TrainingFaces(JdbcClient jdbc, ObjectStore store, JsonMapper json) {
        this.jdbc = jdbc;
        this.store = store;
        this.json = json;
    }

    /** @param clip one person in one video ({@link PersonTracks}); null for a photo's face */
    record StoredFace(String cropKey, String maskKey, String landmarksJson, String toCropJson, String clip) {
    }

    private record Row(String cropKey, String maskKey, String landmarksJson, String toCropJson, String video, long frame, float[] embedding) {
    }

    List<StoredFace> of(UUID tenantId, UUID faceSetId) {
        List<Row> rows = jdbc.sql("""
                select f.crop_key, f.mask_key, f.landmarks::text as landmarks, f.to_crop::text as to_crop, f.frame_index, f.embedding,
                       case when m.kind = 'VIDEO' then f.media_id::text end as video
                from faces f join media m on m.id = f.media_id
                where f.face_set_id = :faceSet and f.tenant_id = :tenant order by f.frame_index, f.face_index limit :limit
                """)
                .param("faceSet", faceSetId).param("tenant", tenantId).param("limit", MAX_FACES)
                .query((rs, n) -> new Row(rs.getString("crop_key"), rs.getString("mask_key"), rs.getString("landmarks"),
                        rs.getString("to_crop"), rs.getString("video"), rs.getLong("frame_index"),
                        FaceSetIdentities.embedding(rs.getArray("embedding"))))
                .list();
        List<Row> fromVideos = rows.stream().filter(row -> row.video() != null).toList();
        Iterator<String> clips = PersonTracks.clips(fromVideos.stream()
                .map(row -> new PersonTracks.Face(row.video(), row.frame(), row.embedding())).toList()).iterator();
        return rows.stream().map(row -> new StoredFace(row.cropKey(), row.maskKey(), row.landmarksJson(), row.toCropJson(),
                row.video() == null ? null : clips.next())).toList();
    }

    TrainingFace load(StoredFace face) throws IOException {
        return new TrainingFace(read(face.cropKey()), read(face.maskKey()), inCrop(face), face.clip());
    }

    private LandmarkSet inCrop(StoredFace face) {
        JsonNode matrix = json.readTree(face.toCropJson());
        double a = matrix.get(0).asDouble();
        double b = matrix.get(1).asDouble();
        double c = matrix.get(2).asDouble();
        double d = matrix.get(3).asDouble();
        double e = matrix.get(4).asDouble();
        double f = matrix.get(5).asDouble();
        List<LandmarkSet.Point> points = new ArrayList<>();
        for (JsonNode point : json.readTree(face.landmarksJson())) {
            double x = point.get(0).asDouble();
            double y = point.get(1).asDouble();
            points.add(new LandmarkSet.Point(a * x + b * y + c, d * x + e * y + f));
        }
        return new LandmarkSet(points);
    }

    private BufferedImage read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IOException("stored face " + key + " is not a readable image");
            }
            return image;
        }
    }
}
