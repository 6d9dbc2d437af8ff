package org.easy2hard.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything that determines what a model computes, for provenance and cache keys: its name, where it came from, a
 * SHA-256 of its weights, and the settings that change its output (pooling, layers, maximum length, ...).
 *
 * @param name          a readable name, e.g. {@code bge-small-en-v1.5}
 * @param source        where the weights were read from, e.g. a Maven artifact or a local directory
 * @param weightsSha256 SHA-256 (hex) of the weight file(s)
 * @param settings      output-changing settings, kept sorted by key so that the cache key is canonical
 */
public record ModelIdentity(String name, String source, String weightsSha256, Map<String, String> settings) {

    /** Validates and sorts the settings. */
    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /**
     * A canonical one-line description of everything that changes the output; two identities with the same key
     * compute the same features. The source is left out: the same weights read from elsewhere give the same output.
     */
    public String cacheKey() {
        return name + "|" + weightsSha256 + "|" + settings.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }
}
