package org.easy2hard.io;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the toolkit keeps a kind of file (datasets, caches): a system property, else an environment variable, else a
 * folder under the user's cache directory ({@code $XDG_CACHE_HOME}, or {@code ~/.cache}).
 */
public final class UserDirectories {

    private UserDirectories() {
    }

    /**
     * Resolves a directory setting.
     *
     * @param propertyValue       the system property's value, or null
     * @param environment         the environment (the process's, or a map in tests)
     * @param environmentVariable the variable that names the directory
     * @param underCache          the default, relative to the user's cache directory (e.g. {@code easy2hard/datasets})
     */
    public static Path resolve(String propertyValue, Map<String, String> environment, String environmentVariable,
            String underCache) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            return Path.of(propertyValue);
        }
        String fromEnvironment = environment.get(environmentVariable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        String cacheHome = environment.get("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank()
                ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve(underCache);
    }
}
