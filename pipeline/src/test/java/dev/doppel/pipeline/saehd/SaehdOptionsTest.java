package dev.doppel.pipeline.saehd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.doppel.pipeline.family.ModelSettings;

class SaehdOptionsTest {

    private static SaehdOptions of(int resolution, Map<String, Object> options) {
        return SaehdOptions.of(new ModelSettings(resolution, 1.0, 5e-5, 1, options));
    }

    @Test
    void defaultsToDeepFaceLabsSaehd() {
        SaehdOptions options = of(128, Map.of());
        assertThat(options.archi()).isEqualTo("liae-ud");
        assertThat(options.design()).isEqualTo(SaehdOptions.Design.LIAE);
        assertThat(options.u()).isTrue();
        assertThat(options.d()).isTrue();
        assertThat(options.aeDims()).isEqualTo(256);
        assertThat(options.eDims()).isEqualTo(64);
        assertThat(options.dDims()).isEqualTo(64);
        assertThat(options.dMaskDims()).isEqualTo(22);
    }

    @ParameterizedTest
    @CsvSource({"df, DF, false, false", "liae, LIAE, false, false", "df-u, DF, true, false", "df-d, DF, false, true",
            "DF-UD, DF, true, true", "liae-u, LIAE, true, false", "liae-d, LIAE, false, true", "liae-du, LIAE, true, true"})
    void readsDeepFaceLabsArchiString(String archi, SaehdOptions.Design design, boolean u, boolean d) {
        SaehdOptions options = of(64, Map.of("design", archi));
        assertThat(options.design()).isEqualTo(design);
        assertThat(options.u()).isEqualTo(u);
        assertThat(options.d()).isEqualTo(d);
    }

    @Test
    void takesDimsAndScalesThemEven() {
        SaehdOptions options = SaehdOptions.of(new ModelSettings(96, 0.3, 5e-5, 1, Map.of("aeDims", "128", "eDims", 32, "dDims", 48)));
        assertThat(options.aeDims()).isEqualTo(128);
        assertThat(options.dMaskDims()).as("a third of 48, even").isEqualTo(16);
        assertThat(options.scaled(options.eDims())).as("9.6 to even").isEqualTo(10);
        assertThat(options.scaled(options.dMaskDims())).as("4.8 to even").isEqualTo(4);
        assertThat(SaehdOptions.of(new ModelSettings(64, 0.01, 5e-5, 1)).scaled(64)).as("at least 2").isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"liae-t, 't' is not supported", "df-c, 'c' is not supported", "df-uu, given twice", "df-, df or liae with optional",
            "dfl, df or liae, not dfl", "liae-u-d, df or liae with optional"})
    void refusesAnArchiItCannotBuild(String archi, String message) {
        assertThatThrownBy(() -> of(64, Map.of("design", archi))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesSizesItCannotBuild() {
        assertThatThrownBy(() -> of(80, Map.of())).hasMessageContaining("multiple of 32 from 64 to 256, not 80");
        assertThatThrownBy(() -> of(288, Map.of())).hasMessageContaining("multiple of 32");
        assertThat(of(64, Map.of("eDims", 63, "dDims", 65)).eDims()).as("odd widths rounded up, as DFL").isEqualTo(64);
        assertThat(of(64, Map.of("dDims", 65)).dDims()).isEqualTo(66);
        assertThatThrownBy(() -> of(64, Map.of("dMaskDims", 0))).hasMessageContaining("dMaskDims must be even and at least 2");
        assertThatThrownBy(() -> of(64, Map.of("aeDims", 0))).hasMessageContaining("aeDims must be positive");
        assertThatThrownBy(() -> of(64, Map.of("aeDims", "wide"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaehdOptions.of(new ModelSettings(64, 3, 5e-5, 1))).hasMessageContaining("widthScale");
    }
}
