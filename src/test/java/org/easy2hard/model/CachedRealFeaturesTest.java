package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of a real encoder: what comes back from disk is exactly what the model computed. */
class CachedRealFeaturesTest {

    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "Stock prices fell sharply today.");

    @TempDir
    Path dir;

    @Test
    void cachedFeaturesAreBitIdenticalToFreshOnes() {
        try (OnnxEncoder model = encoder()) {
            float[][] fresh = model.encode(TEXTS);
            FeatureCache cache = FeatureCache.at(dir);
            new CachingEncoder(model, cache).encode(TEXTS);
            CachingEncoder reread = new CachingEncoder(model, cache);
            float[][] cached = reread.encode(TEXTS);
            assertEquals(new CacheStatistics(0, 2, 0, 0), reread.statistics());
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(fresh[i], cached[i]);
            }
        }
    }

    @Test
    void aCorruptedRealEntryIsRecomputedToTheSameFeatures() throws IOException {
        try (OnnxEncoder model = encoder()) {
            FeatureCache cache = FeatureCache.at(dir);
            float[][] original = new CachingEncoder(model, cache).encode(TEXTS);
            Path file = cache.entryPath(model.identity(), TEXTS.get(0));
            byte[] bytes = Files.readAllBytes(file);
            byte[] corrupted = bytes.clone();
            corrupted[100] ^= 0x10;
            Files.write(file, corrupted);

            CachingEncoder again = new CachingEncoder(model, cache);
            float[][] recomputed = again.encode(TEXTS);
            assertEquals(new CacheStatistics(0, 1, 1, 1), again.statistics());
            assertArrayEquals(original[0], recomputed[0]);
            assertArrayEquals(bytes, Files.readAllBytes(file));
        }
    }

    private static OnnxEncoder encoder() {
        return OnnxEncoder.builder().setModel(BundledModel.ALL_MINILM_L6_V2_Q).optCacheDirectory(TestCaches.shared())
                .build();
    }
}
