package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aMissingFileUnderARelativeSettingNamesTheWorkingDirectoryItWasResolvedAgainst() {
        DataStore store = DataStore.fromSettings(null,
                Map.of(DataStore.ENVIRONMENT_VARIABLE, "no-such-dir-e2h/datasets"));
        DataFormatException error = assertThrows(DataFormatException.class, () -> store.require("arc/x.json"));
        assertTrue(error.getMessage().contains("no-such-dir-e2h/datasets is relative, resolved against this "
                + "process's working directory " + Path.of("").toAbsolutePath()), error.getMessage());
    }

    @Test
    void aMissingFileUnderAnAbsoluteSettingSaysNothingAboutTheWorkingDirectory() {
        DataStore store = DataStore.fromSettings(null, Map.of(DataStore.ENVIRONMENT_VARIABLE, "/no-such-dir-e2h"));
        DataFormatException error = assertThrows(DataFormatException.class, () -> store.require("arc/x.json"));
        assertFalse(error.getMessage().contains("working directory"), error.getMessage());
    }
}
