package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {

    @Test
    void thePropertyComesFirst() {
        CacheDirectory cache = CacheDirectory.fromSettings("/p", Map.of("EASY2HARD_CACHE_DIR", "/e"));
        assertEquals(Path.of("/p"), cache.root());
    }

    @Test
    void theEnvironmentVariableComesNext() {
        CacheDirectory cache = CacheDirectory.fromSettings(null, Map.of("EASY2HARD_CACHE_DIR", "/e",
                "XDG_CACHE_HOME", "/x"));
        assertEquals(Path.of("/e"), cache.root());
    }

    @Test
    void otherwiseTheXdgCacheHomeIsUsed() {
        CacheDirectory cache = CacheDirectory.fromSettings("", Map.of("XDG_CACHE_HOME", "/x"));
        assertEquals(Path.of("/x/easy2hard"), cache.root());
        assertEquals(Path.of("/x/easy2hard/features"), cache.features());
        assertEquals(Path.of("/x/easy2hard/models"), cache.models());
    }

    @Test
    void withoutSettingsTheUsersCacheIsUsed() {
        CacheDirectory cache = CacheDirectory.fromSettings(null, Map.of());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "easy2hard"), cache.root());
    }
}
