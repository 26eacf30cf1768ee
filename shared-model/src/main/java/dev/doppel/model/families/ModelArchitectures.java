package dev.doppel.model.families;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every architecture registered in this process, by name; built once from the architecture beans. */
public final class ModelArchitectures {

    private final Map<String, ModelArchitecture> byName = new LinkedHashMap<>();
    private final String preferredEngine;

    public ModelArchitectures(List<ModelArchitecture> architectures) {
        this(architectures, null);
    }

    /** @param preferredEngine the default engine of every architecture that runs on it; null leaves each its first */
    public ModelArchitectures(List<ModelArchitecture> architectures, String preferredEngine) {
        this.preferredEngine = preferredEngine;
        for (ModelArchitecture architecture : architectures) {
            if (byName.putIfAbsent(architecture.name(), architecture) != null) {
                throw new IllegalStateException("two architectures are named '" + architecture.name() + "'");
            }
        }
    }

    /** The engine a job of {@code architecture} runs on when it names none. */
    public String defaultEngine(ModelArchitecture architecture) {
        return preferredEngine != null && architecture.engines().contains(preferredEngine) ? preferredEngine : architecture.defaultEngine();
    }

    /** The engine a job that refines {@code architecture} with a GAN runs on when it names none: only some engines can. */
    public String defaultRefiningEngine(ModelArchitecture architecture) {
        List<String> engines = architecture.ganRefinement().engines();
        return preferredEngine != null && engines.contains(preferredEngine) ? preferredEngine : engines.get(0);
    }

    /** The engine a pretrain job, or one starting from a base model, runs on when it names none: only some engines can. */
    public String defaultFineTuningEngine(ModelArchitecture architecture) {
        List<String> engines = architecture.fineTuning().engines();
        return preferredEngine != null && engines.contains(preferredEngine) ? preferredEngine : engines.get(0);
    }

    public Optional<ModelArchitecture> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws IllegalArgumentException naming the architectures there are */
    public ModelArchitecture get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "Parameter 'architecture' must be one of " + String.join(", ", names()) + ", not '" + name + "'."));
    }

    public List<ModelArchitecture> all() {
        return List.copyOf(byName.values());
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** The architectures whose trained models jobs of {@code kind} take, in catalog order. */
    public List<ModelArchitecture> usedBy(String kind) {
        return byName.values().stream().filter(architecture -> architecture.usedBy().contains(kind)).toList();
    }

    /** The engines that run some architecture jobs of {@code kind} take: the queues such jobs can wait in. */
    public Set<String> enginesUsedBy(String kind) {
        Set<String> engines = new TreeSet<>();
        usedBy(kind).forEach(architecture -> engines.addAll(architecture.engines()));
        return engines;
    }

    /** Every engine some architecture runs on. */
    public Set<String> engines() {
        Set<String> engines = new TreeSet<>();
        byName.values().forEach(architecture -> engines.addAll(architecture.engines()));
        return engines;
    }
}
