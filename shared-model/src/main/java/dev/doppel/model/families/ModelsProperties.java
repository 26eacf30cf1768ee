package dev.doppel.model.families;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param preferredEngine the engine a train job gets when it names none and its architecture runs
 *                        there (an installation whose GPU workers run {@code pytorch} sets that);
 *                        unset, each architecture's first engine
 */
@ConfigurationProperties("doppel.models")
public record ModelsProperties(String preferredEngine) {

    public ModelsProperties {
        preferredEngine = preferredEngine == null || preferredEngine.isBlank() ? null : preferredEngine.strip();
    }
}
