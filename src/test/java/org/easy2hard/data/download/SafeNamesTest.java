package org.easy2hard.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {

    @Test
    void normalizesHarmlessNames() throws SafeNames.UnsafeEntryException {
        assertEquals("data/dev/a.csv", SafeNames.normalizeEntry("data/dev/a.csv"));
        assertEquals("data/dev/a.csv", SafeNames.normalizeEntry("./data//dev/./a.csv"));
        assertEquals("data/a.csv", SafeNames.normalizeEntry("data/dev/../a.csv"));
        assertEquals("data/dev", SafeNames.normalizeEntry("data\\dev\\"));
        assertEquals("", SafeNames.normalizeEntry("./"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "data/../../evil", "..\\evil", "data\\..\\..\\evil", "/etc/passwd", "\\evil",
            "C:/evil", "c:evil", "", "a\0b"})
    void refusesNamesThatEscapeOrAreAbsolute(String name) {
        assertThrows(SafeNames.UnsafeEntryException.class, () -> SafeNames.normalizeEntry(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../x", "./x", "/x", "a//x", "a\\x", "a/", "C:x", ""})
    void manifestPathsMustBeClean(String path) {
        assertThrows(IllegalArgumentException.class, () -> SafeNames.requireCleanRelativePath(path, "path"));
    }

    @Test
    void resolveInsideStaysInside(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertEquals(dir.resolve("a/b"), SafeNames.resolveInside(dir, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> SafeNames.resolveInside(dir, "../x"));
    }
}
