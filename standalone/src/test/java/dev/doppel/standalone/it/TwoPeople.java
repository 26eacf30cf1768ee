package dev.doppel.standalone.it;

import java.time.Duration;
import java.util.UUID;

/**
 * The pair every swap test trains on: A is a portrait (its upload is the photo tests swap), B a
 * group photo of other people, each extracted through the API.
 *
 * @param photo the id of A's portrait upload
 */
record TwoPeople(UUID faceSetA, UUID faceSetB, UUID photo) {

    static TwoPeople extracted(ApiClient api, String name) throws Exception {
        UUID a = api.createFaceSet(name + " A");
        UUID photo = UUID.fromString(api.uploadOk(a, TestMedia.portrait("a.jpg")).get(0).path("id").asString());
        UUID b = api.createFaceSet(name + " B");
        api.uploadOk(b, new ApiClient.Part("file", "b.jpg", "image/jpeg", TestMedia.sampleJpeg(3, 960)));
        api.awaitState(api.submitExtract(a), "SUCCEEDED", Duration.ofMinutes(2));
        api.awaitState(api.submitExtract(b), "SUCCEEDED", Duration.ofMinutes(2));
        return new TwoPeople(a, b, photo);
    }
}
