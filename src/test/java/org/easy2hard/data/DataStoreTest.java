package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataStoreTest {

    @Test
    void systemPropertyWinsOverEnvironment() {
        DataStore store = DataStore.fromSettings("/data/a", Map.of(DataStore.ENVIRONMENT_VARIABLE, "/data/b"));
        assertEquals(Path.of("/data/a"), store.root());
    }

    @Test
    void environmentVariableIsUsedWithoutProperty() {
        DataStore store = DataStore.fromSettings(null, Map.of(DataStore.ENVIRONMENT_VARIABLE, "/data/b"));
        assertEquals(Path.of("/data/b"), store.root());
    }

    @Test
    void defaultIsUnderTheUsersCacheDirectory() {
        DataStore store = DataStore.fromSettings(null, Map.of("XDG_CACHE_HOME", "/home/u/.cache"));
        assertEquals(Path.of("/home/u/.cache/easy2hard/datasets"), store.root());
    }

    @Test
    void pathsOutsideTheStoreAreRefused() {
        DataStore store = DataStore.at(Path.of("/data/a"));
        assertThrows(IllegalArgumentException.class, () -> store.require("../etc/passwd"));
    }
}
