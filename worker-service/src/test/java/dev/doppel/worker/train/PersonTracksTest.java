package dev.doppel.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PersonTracksTest {

    private static float[] person(float at) {
        float[] embedding = new float[128];
        embedding[0] = at;
        return embedding;
    }

    @Test
    void twoPeopleWhoSwapPlacesInTheirFramesStayTwoClipsAndAnotherVideoIsItsOwn() {
        float[] ann = person(0);
        float[] bob = person(1);
        List<String> clips = PersonTracks.clips(List.of(
                new PersonTracks.Face("v1", 0, ann), new PersonTracks.Face("v1", 0, bob),
                new PersonTracks.Face("v1", 1, bob), new PersonTracks.Face("v1", 1, ann),
                new PersonTracks.Face("v1", 2, person(0.1f)),
                new PersonTracks.Face("v2", 0, ann)));
        assertThat(clips).containsExactly("v1#0", "v1#1", "v1#1", "v1#0", "v1#0", "v2#0");
    }

    @Test
    void twoLookalikesInOneFrameAreTwoTracks() {
        List<String> clips = PersonTracks.clips(List.of(new PersonTracks.Face("v", 0, person(0)), new PersonTracks.Face("v", 0, person(0.05f))));
        assertThat(clips).containsExactly("v#0", "v#1");
    }
}
