package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    private static final ModelIdentity MODEL = new ModelIdentity("m", "test", Sha256.of("w"), Map.of("pooling", "CLS"));
    private static final float[] FEATURES = {1.5f, -2.25f, 3.0f, Float.MIN_VALUE};

    @TempDir
    Path dir;

    @Test
    void writtenFeaturesReadBackExactly() {
        FeatureCache cache = FeatureCache.at(dir);
        cache.write(MODEL, "a text", FEATURES);
        FeatureCache.Lookup lookup = cache.read(MODEL, "a text", FEATURES.length);
        assertEquals(FeatureCache.Status.VALID, lookup.status());
        assertArrayEquals(FEATURES, lookup.features());
    }

    @Test
    void anAbsentTextIsMissing() {
        FeatureCache.Lookup lookup = FeatureCache.at(dir).read(MODEL, "never written", 4);
        assertEquals(FeatureCache.Status.MISSING, lookup.status());
        assertNull(lookup.features());
    }

    @Test
    void entriesAreFiledUnderTheHashOfIdentityAndText() {
        FeatureCache cache = FeatureCache.at(dir);
        String key = Sha256.of(MODEL.cacheKey() + '\u0000' + "a text");
        Path expected = dir.resolve(Sha256.of(MODEL.cacheKey()).substring(0, 16)).resolve(key.substring(0, 2))
                .resolve(key + ".f32");
        assertEquals(key, cache.key(MODEL, "a text"));
        assertEquals(expected, cache.entryPath(MODEL, "a text"));
    }

    @Test
    void settingsThatChangeTheOutputGiveOtherEntries() {
        FeatureCache cache = FeatureCache.at(dir);
        ModelIdentity meanPooled = new ModelIdentity("m", "test", Sha256.of("w"), Map.of("pooling", "MEAN"));
        assertNotEquals(cache.entryPath(MODEL, "t"), cache.entryPath(meanPooled, "t"));
    }

    @Test
    void theSourceOfTheWeightsDoesNotChangeTheEntry() {
        FeatureCache cache = FeatureCache.at(dir);
        ModelIdentity elsewhere = new ModelIdentity("m", "file:/elsewhere", Sha256.of("w"), Map.of("pooling", "CLS"));
        assertEquals(cache.entryPath(MODEL, "t"), cache.entryPath(elsewhere, "t"));
    }

    @Test
    void aFlippedByteMakesTheEntryInvalid() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[50] ^= 0x01;
        Files.write(file, bytes);
        assertEquals(FeatureCache.Status.INVALID, FeatureCache.at(dir).read(MODEL, "a text", 4).status());
    }

    @Test
    void aTruncatedEntryIsInvalid() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(FeatureCache.Status.INVALID, FeatureCache.at(dir).read(MODEL, "a text", 4).status());
    }

    @Test
    void anEntryOfAnotherDimensionIsInvalid() {
        written();
        FeatureCache.Lookup lookup = FeatureCache.at(dir).read(MODEL, "a text", 5);
        assertEquals(FeatureCache.Status.INVALID, lookup.status());
    }

    @Test
    void anEntryFiledUnderAnotherTextsNameIsInvalid() throws IOException {
        FeatureCache cache = FeatureCache.at(dir);
        Path file = written();
        Path other = cache.entryPath(MODEL, "another text");
        Files.createDirectories(other.getParent());
        Files.copy(file, other);
        FeatureCache.Lookup lookup = cache.read(MODEL, "another text", 4);
        assertEquals(FeatureCache.Status.INVALID, lookup.status());
        assertTrue(lookup.problem().contains("another text or model"), lookup.problem());
    }

    @Test
    void writingLeavesNoTemporaryFiles() throws IOException {
        written();
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void eachModelDirectorySaysWhichModelItHolds() throws IOException {
        written();
        String identity = Files.readString(FeatureCache.at(dir).modelDirectory(MODEL).resolve("identity.txt"));
        assertTrue(identity.contains("cacheKey=" + MODEL.cacheKey()), identity);
    }

    private Path written() {
        FeatureCache cache = FeatureCache.at(dir);
        cache.write(MODEL, "a text", FEATURES);
        return cache.entryPath(MODEL, "a text");
    }
}
