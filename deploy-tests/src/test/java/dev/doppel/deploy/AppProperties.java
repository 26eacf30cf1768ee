package dev.doppel.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every property the api and the worker bind: Doppel's {@code @ConfigurationProperties} records,
 * read by reflection, and Spring Boot's own, read from the configuration metadata its jars carry.
 * Environment variables are matched with Spring's own relaxed binding, so a name that passes here
 * is a name the app reads.
 */
final class AppProperties {

    /** Every deployment must say where the servers are and how to log in. */
    static final Set<String> SERVER_PROPERTIES = Set.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "spring.rabbitmq.host", "spring.rabbitmq.username", "spring.rabbitmq.password");

    private static final AppProperties INSTANCE = new AppProperties();

    private final Set<String> leaves = new TreeSet<>();
    private final Set<String> maps = new TreeSet<>();
    private final Set<String> doppelRequired = new TreeSet<>();

    static AppProperties get() {
        return INSTANCE;
    }

    private AppProperties() {
        readDoppelRecords();
        readBootMetadata();
    }

    /** Properties without a default that the apps refuse to start without, plus the servers. */
    Set<String> required() {
        Set<String> required = new TreeSet<>(doppelRequired);
        required.addAll(SERVER_PROPERTIES);
        return required;
    }

    boolean exists(String property) {
        return leaves.contains(property) || maps.contains(property);
    }

    /** The property an environment variable sets, if the apps bind one by that name. */
    Optional<String> propertyOf(String environmentVariable) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(environmentVariable, "x")));
        for (String leaf : leaves) {
            if (ConfigurationPropertyName.isValid(leaf) && source.getConfigurationProperty(ConfigurationPropertyName.of(leaf)) != null) {
                return Optional.of(leaf);
            }
        }
        for (String map : maps) {
            if (ConfigurationPropertyName.isValid(map) && ((IterableConfigurationPropertySource) source).stream()
                    .anyMatch(name -> ConfigurationPropertyName.of(map).isAncestorOf(name))) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    private void readDoppelRecords() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.doppel")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            if (!type.isRecord()) {
                throw new IllegalStateException(type + " is not a record; teach AppProperties to read it");
            }
            for (RecordComponent component : type.getRecordComponents()) {
                String name = prefix + "." + kebab(component.getName());
                (Map.class.isAssignableFrom(component.getType()) ? maps : leaves).add(name);
                boolean mandatory = component.getAccessor().isAnnotationPresent(NotBlank.class)
                        || component.getAccessor().isAnnotationPresent(NotNull.class);
                if (mandatory && !hasDefault(type, component)) {
                    doppelRequired.add(name);
                }
            }
        }
        if (doppelRequired.isEmpty()) {
            throw new IllegalStateException("found no required Doppel property; did the scan find the records?");
        }
    }

    private static boolean hasDefault(Class<?> record, RecordComponent component) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            int index = Arrays.stream(components).map(RecordComponent::getName).toList().indexOf(component.getName());
            return record.getDeclaredConstructor(types).getParameters()[index].isAnnotationPresent(DefaultValue.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readBootMetadata() {
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String type = property.path("type").asString("");
                        (type.startsWith("java.util.Map") ? maps : leaves).add(property.path("name").asString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!leaves.contains("spring.datasource.url") || !leaves.contains("spring.rabbitmq.host")) {
            throw new IllegalStateException("Spring Boot's configuration metadata is not on the test classpath");
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The required properties that none of {@code environment}'s names set. */
    Set<String> missing(Set<String> required, Set<String> environmentVariables) {
        Set<String> set = new LinkedHashSet<>();
        environmentVariables.forEach(variable -> propertyOf(variable).ifPresent(set::add));
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(set);
        return missing;
    }
}
