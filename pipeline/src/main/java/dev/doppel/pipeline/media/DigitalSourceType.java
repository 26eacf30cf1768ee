package dev.doppel.pipeline.media;

/** IPTC digital source types (cv.iptc.org/newscodes/digitalsourcetype) that Doppel's outputs carry. */
public enum DigitalSourceType {
    /** Made of several captured elements, no generative model involved (contact sheets). */
    COMPOSITE("composite"),
    /** Captured media transformed by an algorithm (aligned face crops and their masks). */
    ALGORITHMICALLY_ENHANCED("algorithmicallyEnhanced"),
    /** Captured media with parts replaced by a trained model's output (face swaps). */
    COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA("compositeWithTrainedAlgorithmicMedia"),
    /** Wholly made by a trained model (previews of a model's reconstructions). */
    TRAINED_ALGORITHMIC_MEDIA("trainedAlgorithmicMedia");

    private static final String VOCABULARY = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    private final String code;

    DigitalSourceType(String code) {
        this.code = code;
    }

    public String uri() {
        return VOCABULARY + code;
    }
}
