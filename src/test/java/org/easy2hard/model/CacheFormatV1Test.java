package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache folders written before the caches shared one store keep being read, and are written byte for byte the same.
 * The fixture {@code cache-v1/} was written by {@link FeatureCache} and {@link RequestCache} as they were at commit
 * 90da479 (before {@code io.ContentStore}): one feature entry and one request entry, with their identity files.
 */
class CacheFormatV1Test {

    private static final ModelIdentity ENCODER = new ModelIdentity("m", "test", Sha256.of("w"),
            Map.of("pooling", "CLS"));
    private static final String TEXT = "a text";
    private static final float[] FEATURES = {1.5f, -2.25f, 3.0f, Float.MIN_VALUE};
    private static final ModelIdentity SERVER = new ModelIdentity("llama", "server", "rev1",
            Map.of("scoring", "echo-logprobs"));
    private static final String REQUEST = "completions\n{\"model\":\"llama\",\"prompt\":\"Answer: \u00e9\"}";
    private static final String ANSWER = "{\"greedy\":true,\"token_logprobs\":[-0.25,-1.5]}";

    @TempDir
    Path dir;

    @Test
    void aFeatureEntryWrittenByTheOldCodeIsRead() throws Exception {
        FeatureCache.Lookup lookup = FeatureCache.at(fixture().resolve("features")).read(ENCODER, TEXT, 4);
        assertEquals(FeatureCache.Status.VALID, lookup.status(), lookup.problem());
        assertArrayEquals(FEATURES, lookup.features());
    }

    @Test
    void aRequestEntryWrittenByTheOldCodeIsRead() throws Exception {
        assertEquals(new RequestCache.Lookup(FeatureCache.Status.VALID, ANSWER, ""),
                RequestCache.at(fixture().resolve("requests")).read(SERVER, REQUEST));
    }

    @Test
    void theOldFilesAreWhereTheCachesLookAndHoldTheOldKeys() throws Exception {
        Path features = fixture().resolve("features/c012fd219cd13837/3f/"
                + "3f46712f6d3358f5d6bb3d39316ff9347549b0dce824fbd28b560b5dacbc5e85.f32");
        Path requests = fixture().resolve("requests/d803b5ef7c9b3ec0/50/"
                + "500eeb937e4b0960a13d40731b5dff45119f2b14230585e7b2824d27ceae4978.req");
        assertEquals(features, FeatureCache.at(fixture().resolve("features")).entryPath(ENCODER, TEXT));
        assertEquals(requests, RequestCache.at(fixture().resolve("requests")).entryPath(SERVER, REQUEST));
    }

    @Test
    void theCachesWriteTheOldBytesAgain() throws Exception {
        FeatureCache features = FeatureCache.at(dir.resolve("features"));
        features.write(ENCODER, TEXT, FEATURES);
        RequestCache requests = RequestCache.at(dir.resolve("requests"));
        requests.write(SERVER, REQUEST, ANSWER);
        for (Path written : new Path[] {features.entryPath(ENCODER, TEXT), features.modelDirectory(ENCODER)
                .resolve("identity.txt"), requests.entryPath(SERVER, REQUEST), requests.modelDirectory(SERVER)
                .resolve("identity.txt")}) {
            Path old = fixture().resolve(dir.relativize(written).toString());
            assertArrayEquals(Files.readAllBytes(old), Files.readAllBytes(written), old.toString());
        }
    }

    private static Path fixture() throws URISyntaxException, IOException {
        return Path.of(CacheFormatV1Test.class.getResource("cache-v1").toURI());
    }
}
