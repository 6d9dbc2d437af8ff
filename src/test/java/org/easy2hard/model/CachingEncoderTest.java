package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEncoderTest {

    private static final int DIMENSION = 6;

    @TempDir
    Path dir;

    @Test
    void onlyTheMissingTextsAreSentToTheEncoderInOneCall() {
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        CachingEncoder encoder = new CachingEncoder(fake, FeatureCache.at(dir));
        encoder.encode(List.of("a", "b"));
        float[][] features = encoder.encode(List.of("a", "c", "b", "d"));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), fake.calls());
        assertArrayEquals(expected("a", "c", "b", "d"), features);
    }

    @Test
    void aFullyCachedCallDoesNotReachTheEncoder() {
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        CachingEncoder encoder = new CachingEncoder(fake, FeatureCache.at(dir));
        encoder.encode(List.of("a", "b"));
        encoder.encode(List.of("b", "a"));
        assertEquals(1, fake.calls().size());
    }

    @Test
    void aRepeatedTextIsComputedOnce() {
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        float[][] features = new CachingEncoder(fake, FeatureCache.at(dir)).encode(List.of("x", "y", "x"));
        assertEquals(List.of(List.of("x", "y")), fake.calls());
        assertArrayEquals(expected("x", "y", "x"), features);
    }

    @Test
    void anotherInstanceReadsTheFeaturesFromDisk() {
        new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir)).encode(List.of("a", "b"));
        FakeEncoder second = new FakeEncoder(DIMENSION);
        CachingEncoder encoder = new CachingEncoder(second, FeatureCache.at(dir));
        float[][] features = encoder.encode(List.of("a", "b"));
        assertEquals(List.of(), second.calls());
        assertEquals(new CacheStatistics(0, 2, 0, 0), encoder.statistics());
        assertArrayEquals(expected("a", "b"), features);
    }

    @Test
    void repeatedCallsInOneProcessAreServedFromMemory() throws IOException {
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        CachingEncoder encoder = new CachingEncoder(fake, FeatureCache.at(dir));
        encoder.encode(List.of("a", "b"));
        deleteAllEntries();
        float[][] features = encoder.encode(List.of("a", "b"));
        assertEquals(1, fake.calls().size());
        assertEquals(new CacheStatistics(2, 0, 2, 0), encoder.statistics());
        assertArrayEquals(expected("a", "b"), features);
    }

    @Test
    void withoutMemoryLayerRepeatedCallsReadDisk() {
        CachingEncoder encoder = new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir), 0);
        encoder.encode(List.of("a", "b"));
        encoder.encode(List.of("a", "b"));
        assertEquals(new CacheStatistics(0, 2, 2, 0), encoder.statistics());
    }

    @Test
    void callersCannotAlterCachedFeatures() {
        CachingEncoder encoder = new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir));
        encoder.encode(List.of("a"))[0][0] = 1e9f;
        assertArrayEquals(expected("a"), encoder.encode(List.of("a")));
    }

    @Test
    void aCorruptedEntryIsRecomputedAndRepaired() throws IOException {
        FeatureCache cache = FeatureCache.at(dir);
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        new CachingEncoder(fake, cache).encode(List.of("a", "b"));
        Path file = cache.entryPath(fake.identity(), "a");
        byte[] original = Files.readAllBytes(file);
        byte[] corrupted = original.clone();
        corrupted[original.length / 2] ^= 0x40;
        Files.write(file, corrupted);

        FakeEncoder second = new FakeEncoder(DIMENSION);
        CachingEncoder encoder = new CachingEncoder(second, cache);
        float[][] features = encoder.encode(List.of("a", "b"));

        assertArrayEquals(expected("a", "b"), features);
        assertEquals(List.of(List.of("a")), second.calls());
        assertEquals(new CacheStatistics(0, 1, 1, 1), encoder.statistics());
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void anEncoderOfAnotherDimensionDoesNotUseTheEntries() {
        FeatureCache cache = FeatureCache.at(dir);
        new CachingEncoder(new FakeEncoder(DIMENSION, "v1"), cache).encode(List.of("a"));
        FakeEncoder other = new FakeEncoder(DIMENSION, "v2");
        new CachingEncoder(other, cache).encode(List.of("a"));
        assertEquals(List.of(List.of("a")), other.calls());
    }

    @Test
    void progressCountsCachedTextsAsDone() {
        CachingEncoder encoder = new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir));
        encoder.encode(List.of("a", "b"));
        List<Long> reported = new ArrayList<>();
        encoder.encode(List.of("a", "b", "c"), (task, done, total) -> reported.add(done * 10 + total));
        // "a" and "b" cached (2 of 3), then the inner encoder's 1 of 1 shifted to 3 of 3, then the closing report.
        assertEquals(List.of(23L, 33L, 33L), reported);
    }

    @Test
    void anEncoderReturningTheWrongNumberOfVectorsIsAnError() {
        FakeEncoder fake = new FakeEncoder(DIMENSION);
        Encoder broken = new Encoder() {
            @Override
            public ModelIdentity identity() {
                return fake.identity();
            }

            @Override
            public int dimension() {
                return DIMENSION;
            }

            @Override
            public float[][] encode(List<String> texts, Progress progress) {
                return new float[0][];
            }

            @Override
            public void close() {
            }
        };
        CachingEncoder encoder = new CachingEncoder(broken, FeatureCache.at(dir));
        assertThrows(EncoderException.class, () -> encoder.encode(List.of("a")));
    }

    @Test
    void twoInstancesRacingOnTheSameTextsLeaveACorrectCache() throws Exception {
        List<String> texts = IntStream.range(0, 400).mapToObj(i -> "text " + i).toList();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<float[][]> fill = () -> {
            CachingEncoder encoder = new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir), 0);
            start.await();
            // One text at a time, so the two writers interleave on the same files.
            float[][] features = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                features[i] = encoder.encode(List.of(texts.get(i)))[0];
            }
            return features;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[][]> first = pool.submit(fill);
            Future<float[][]> second = pool.submit(fill);
            float[][] want = expected(texts.toArray(String[]::new));
            assertArrayEquals(want, first.get());
            assertArrayEquals(want, second.get());
        } finally {
            pool.shutdownNow();
        }
        assertCacheHoldsExactly(texts);
    }

    /** Every text has a valid entry with the expected features, and no temporary file is left. */
    private void assertCacheHoldsExactly(List<String> texts) throws IOException {
        FeatureCache cache = FeatureCache.at(dir);
        ModelIdentity identity = new FakeEncoder(DIMENSION).identity();
        for (String text : texts) {
            FeatureCache.Lookup lookup = cache.read(identity, text, DIMENSION);
            assertEquals(FeatureCache.Status.VALID, lookup.status(), text);
            assertArrayEquals(FakeEncoder.expected(text, DIMENSION), lookup.features(), text);
        }
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")));
        }
    }

    private void deleteAllEntries() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(path -> path.toString().endsWith(FeatureCache.SUFFIX)).toList()) {
                Files.delete(file);
            }
        }
    }

    private static float[][] expected(String... texts) {
        float[][] features = new float[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            features[i] = FakeEncoder.expected(texts[i], DIMENSION);
        }
        return features;
    }

    /** Computes like {@link FakeEncoder} but dies once it has computed {@code budget} texts, as a kill would. */
    private static final class DyingEncoder implements Encoder {
        private final FakeEncoder fake = new FakeEncoder(DIMENSION);
        private int budget;

        DyingEncoder(int budget) {
            this.budget = budget;
        }

        @Override
        public ModelIdentity identity() {
            return fake.identity();
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public float[][] encode(List<String> texts, Progress progress) {
            if (texts.size() > budget) {
                budget = 0;
                throw new EncoderException("killed");
            }
            budget -= texts.size();
            return fake.encode(texts, progress);
        }

        @Override
        public void close() {
        }
    }

    private static List<String> numbered(int n) {
        return IntStream.range(0, n).mapToObj(i -> "text " + i).toList();
    }

    @Test
    void anInterruptedCallKeepsEveryBatchItFinished() {
        List<String> texts = numbered(1000);
        CachingEncoder dying = new CachingEncoder(new DyingEncoder(600), FeatureCache.at(dir));
        assertThrows(EncoderException.class, () -> dying.encode(texts));
        FakeEncoder counting = new FakeEncoder(DIMENSION);
        float[][] features = new CachingEncoder(counting, FeatureCache.at(dir)).encode(texts);
        int recomputed = counting.calls().stream().mapToInt(List::size).sum();
        // At most one batch of the 600 texts computed before the failure is lost.
        assertTrue(recomputed >= 400 && recomputed <= 400 + CachingEncoder.DEFAULT_BATCH_TEXTS,
                "recomputed " + recomputed);
        assertArrayEquals(expected(texts.toArray(String[]::new)), features);
    }

    @Test
    void theProgressLineSaysHowManyTextsWereCached() {
        CachingEncoder encoder = new CachingEncoder(new FakeEncoder(DIMENSION), FeatureCache.at(dir));
        encoder.encode(List.of("a", "b", "c"));
        List<String> tasks = new ArrayList<>();
        encoder.encode(List.of("a", "b", "c", "d"), (task, done, total) -> tasks.add(task));
        assertTrue(tasks.stream().allMatch(task -> task.endsWith("(3 of 4 cached)")), tasks.toString());
    }
}
