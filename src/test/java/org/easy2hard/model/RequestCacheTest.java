package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestCacheTest {

    private static final ModelIdentity MODEL = new ModelIdentity("llama", "server", "rev1",
            Map.of("scoring", "echo-logprobs"));
    private static final String REQUEST = "completions\n{\"model\":\"llama\",\"prompt\":\"Answer: \u00e9\"}";
    private static final String ANSWER = "{\"greedy\":true,\"token_logprobs\":[-0.25,-1.5]}";

    @TempDir
    Path dir;

    @Test
    void aWrittenAnswerReadsBackExactly() {
        RequestCache cache = RequestCache.at(dir);
        cache.write(MODEL, REQUEST, ANSWER);
        assertEquals(new RequestCache.Lookup(FeatureCache.Status.VALID, ANSWER, ""), cache.read(MODEL, REQUEST));
    }

    @Test
    void anUnaskedRequestIsMissing() {
        assertEquals(FeatureCache.Status.MISSING, RequestCache.at(dir).read(MODEL, REQUEST).status());
    }

    @Test
    void entriesAreFiledUnderTheHashOfIdentityAndRequest() {
        RequestCache cache = RequestCache.at(dir);
        String key = Sha256.of(MODEL.cacheKey() + '\u0000' + REQUEST);
        assertEquals(key, cache.key(MODEL, REQUEST));
        assertEquals(dir.resolve(Sha256.of(MODEL.cacheKey()).substring(0, 16)).resolve(key.substring(0, 2))
                .resolve(key + ".req"), cache.entryPath(MODEL, REQUEST));
    }

    @Test
    void anotherRevisionIsAnotherEntry() {
        ModelIdentity other = new ModelIdentity("llama", "server", "rev2", Map.of("scoring", "echo-logprobs"));
        assertNotEquals(RequestCache.at(dir).entryPath(MODEL, REQUEST), RequestCache.at(dir).entryPath(other, REQUEST));
    }

    @Test
    void aFlippedByteMakesTheEntryInvalid() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[48] ^= 0x01;
        Files.write(file, bytes);
        RequestCache.Lookup lookup = RequestCache.at(dir).read(MODEL, REQUEST);
        assertEquals(FeatureCache.Status.INVALID, lookup.status());
        assertEquals("checksum mismatch", lookup.problem());
    }

    @Test
    void aTruncatedEntryIsInvalid() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertEquals(FeatureCache.Status.INVALID, RequestCache.at(dir).read(MODEL, REQUEST).status());
        Files.write(file, new byte[3]);
        assertEquals(FeatureCache.Status.INVALID, RequestCache.at(dir).read(MODEL, REQUEST).status());
    }

    @Test
    void anEntryCopiedUnderAnotherKeyIsInvalid() throws IOException {
        Path file = written();
        RequestCache cache = RequestCache.at(dir);
        Path other = cache.entryPath(MODEL, REQUEST + " ");
        Files.createDirectories(other.getParent());
        Files.copy(file, other);
        RequestCache.Lookup lookup = cache.read(MODEL, REQUEST + " ");
        assertEquals(FeatureCache.Status.INVALID, lookup.status());
        assertEquals("entry belongs to another request or model", lookup.problem());
    }

    @Test
    void rewritingRepairsAnEntryAndLeavesNoTemporaryFile() throws IOException {
        Path file = written();
        Files.write(file, new byte[] {1, 2, 3});
        RequestCache.at(dir).write(MODEL, REQUEST, ANSWER);
        assertEquals(ANSWER, RequestCache.at(dir).read(MODEL, REQUEST).answer());
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")));
        }
        assertTrue(Files.readString(RequestCache.at(dir).modelDirectory(MODEL).resolve("identity.txt"))
                .contains("cacheKey=" + MODEL.cacheKey()));
    }

    @Test
    void theDefaultLocationIsTheCacheDirectorysRequestsFolder() {
        assertEquals(CacheDirectory.at(dir).root().resolve("requests"), CacheDirectory.at(dir).requests());
    }

    private Path written() {
        RequestCache cache = RequestCache.at(dir);
        cache.write(MODEL, REQUEST, ANSWER);
        return cache.entryPath(MODEL, REQUEST);
    }
}
