package org.easy2hard.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.io.UserDirectories;

/**
 * The directory where the toolkit keeps what it can recompute: cached features ({@code features/}), answers of
 * language-model servers ({@code requests/}) and model files it had to write (copies of bundled ONNX files, graphs
 * edited to return a middle layer: {@code models/}).
 *
 * <p>Where it is, in order of precedence: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT_VARIABLE}, then {@code $XDG_CACHE_HOME/easy2hard} (or {@code ~/.cache/easy2hard}).
 * Deleting it is always safe: everything in it is rebuilt on demand.
 */
public final class CacheDirectory {

    /** System property naming the cache directory. */
    public static final String PROPERTY = "easy2hard.cache.dir";
    /** Environment variable naming the cache directory. */
    public static final String ENVIRONMENT_VARIABLE = "EASY2HARD_CACHE_DIR";

    private final Path root;

    private CacheDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A cache at the given directory (which need not exist yet). */
    public static CacheDirectory at(Path root) {
        return new CacheDirectory(Objects.requireNonNull(root, "root"));
    }

    /** The cache the settings name: system property, then environment variable, then the user's cache. */
    public static CacheDirectory fromSettings() {
        return fromSettings(System.getProperty(PROPERTY), System.getenv());
    }

    /** As {@link #fromSettings()}, with the property value and environment given explicitly (for tests). */
    static CacheDirectory fromSettings(String propertyValue, Map<String, String> environment) {
        return at(UserDirectories.resolve(propertyValue, environment, ENVIRONMENT_VARIABLE, "easy2hard"));
    }

    /** The cache directory itself. */
    public Path root() {
        return root;
    }

    /** Where cached features live: {@code <root>/features}. */
    public Path features() {
        return root.resolve("features");
    }

    /** Where cached answers of language-model servers live: {@code <root>/requests} (see {@link RequestCache}). */
    public Path requests() {
        return root.resolve("requests");
    }

    /** Where model files written by the toolkit live: {@code <root>/models}. */
    public Path models() {
        return root.resolve("models");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
