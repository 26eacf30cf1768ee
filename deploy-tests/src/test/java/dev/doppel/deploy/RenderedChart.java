package dev.doppel.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests `helm template` printed, as maps, with the lookups the chart tests share. */
record RenderedChart(String text, List<Map<String, Object>> manifests) {

    static RenderedChart parse(String text) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document != null) {
                manifests.add(map(document));
            }
        }
        return new RenderedChart(text, manifests);
    }

    List<Map<String, Object>> all(String kind) {
        return manifests.stream().filter(manifest -> kind.equals(manifest.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String nameSuffix) {
        List<Map<String, Object>> found = all(kind).stream()
                .filter(manifest -> name(manifest).endsWith(nameSuffix)).toList();
        assertThat(found).as("%s *%s", kind, nameSuffix).hasSize(1);
        return found.get(0);
    }

    Map<String, Object> container(String deploymentSuffix) {
        return map(list(podSpec(deploymentSuffix).get("containers")).get(0));
    }

    Map<String, Object> podSpec(String deploymentSuffix) {
        return at(one("Deployment", deploymentSuffix), "spec", "template", "spec");
    }

    /** The container's environment: name to its entry (value or valueFrom). */
    Map<String, Map<String, Object>> env(String deploymentSuffix) {
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        list(container(deploymentSuffix).get("env")).forEach(entry -> env.put(Objects.toString(map(entry).get("name")), map(entry)));
        return env;
    }

    static String name(Map<String, Object> manifest) {
        return Objects.toString(map(manifest.get("metadata")).get("name"));
    }

    static Map<String, Object> at(Map<String, Object> root, String... path) {
        Map<String, Object> node = root;
        for (String key : path) {
            node = map(node.get(key));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
