package org.easy2hard.model.llama;

import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubDownloaderTest {

    private static final HubReference TINY = HubReference.parse("hf:tests/tiny-llama");

    @TempDir
    Path dir;

    private HubDownloader downloader(FakeHub hub, Map<String, String> environment) {
        return HubDownloader.builder().setCache(CacheDirectory.at(dir.resolve("cache"))).optEndpoint(hub.endpoint())
                .optEnvironment(environment).build();
    }

    private Path publishTiny(FakeHub hub) throws Exception {
        Path source = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3).write(dir.resolve("source"));
        hub.publish("tests/tiny-llama", "main", source);
        return source;
    }

    @Test
    void aHubReferenceIsDownloadedOnceAndScoresAsTheLocalCopy() throws Exception {
        try (FakeHub hub = new FakeHub()) {
            Path source = publishTiny(hub);
            List<LogLikelihoodRequest> requests = List.of(new LogLikelihoodRequest("the sky is", " blue"));
            List<LogLikelihood> local;
            try (LlamaModel model = LlamaModel.builder().setModel(source)
                    .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
                local = model.logLikelihoods(requests);
            }
            try (LlamaModel model = LlamaModel.builder().setModel(ModelReference.parse("hf:tests/tiny-llama")).optEndpoint(hub.endpoint())
                    .optEnvironment(Map.of()).optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
                assertEquals(local, model.logLikelihoods(requests));
                assertEquals("tests/tiny-llama", model.identity().name());
                assertEquals("hf:tests/tiny-llama@main", model.identity().source());
                assertEquals(FakeHub.COMMIT, model.identity().settings().get("revision"));
            }
            int contacted = hub.requests().size();
            try (LlamaModel again = LlamaModel.builder().setModel(ModelReference.parse("hf:tests/tiny-llama")).optEndpoint(hub.endpoint())
                    .optEnvironment(Map.of()).optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
                assertEquals(contacted, hub.requests().size(), "a complete snapshot is used without the network");
            }
        }
    }

    @Test
    void aPartialDownloadIsResumedWithARangeRequest() throws Exception {
        try (FakeHub hub = new FakeHub(); HubDownloader downloader = downloader(hub, Map.of())) {
            Path source = publishTiny(hub);
            byte[] weights = Files.readAllBytes(source.resolve("model.safetensors"));
            Path target = downloader.directory(TINY);
            Files.createDirectories(target);
            Files.write(target.resolve("model.safetensors.part"), Arrays.copyOf(weights, 1000));
            HubDownloader.Snapshot snapshot = downloader.fetch(TINY);
            assertArrayEquals(weights, Files.readAllBytes(snapshot.directory().resolve("model.safetensors")));
            assertTrue(hub.requests().stream().anyMatch(r -> r.path().startsWith("/lfs/")
                    && "bytes=1000-".equals(r.range())), hub.requests().toString());
            assertFalse(Files.exists(target.resolve("model.safetensors.part")));
            assertEquals(FakeHub.COMMIT, snapshot.commit());
        }
    }

    @Test
    void aCorruptDownloadIsRejectedAndRemoved() throws Exception {
        try (FakeHub hub = new FakeHub(); HubDownloader downloader = downloader(hub, Map.of())) {
            publishTiny(hub);
            hub.corruptDownloads();
            LanguageModelException error = assertThrows(LanguageModelException.class, () -> downloader.fetch(TINY));
            assertTrue(error.getMessage().contains("file model.safetensors of repository tests/tiny-llama"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("does not match the hub's"), error.getMessage());
            Path target = downloader.directory(TINY);
            assertFalse(Files.exists(target.resolve("model.safetensors")));
            assertFalse(Files.exists(target.resolve("model.safetensors.part")));
            assertFalse(Files.exists(target.resolve("snapshot.json")));
        }
    }

    @Test
    void aMissingFileIsNamedWithItsRepository() throws Exception {
        try (FakeHub hub = new FakeHub(); HubDownloader downloader = downloader(hub, Map.of())) {
            Path source = publishTiny(hub);
            Files.delete(source.resolve("tokenizer.json"));
            hub.publish("tests/no-tokenizer", "main", source);
            LanguageModelException error = assertThrows(LanguageModelException.class,
                    () -> downloader.fetch(HubReference.parse("hf:tests/no-tokenizer")));
            assertEquals("file tokenizer.json of repository tests/no-tokenizer at revision main not found on "
                    + hub.endpoint() + " (HTTP 404)", error.getMessage());
        }
    }

    @Test
    void shardsListedByTheIndexAreDownloaded() throws Exception {
        try (FakeHub hub = new FakeHub(); HubDownloader downloader = downloader(hub, Map.of())) {
            Path source = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3).writeSharded(dir.resolve("src"),
                    2);
            hub.publish("tests/sharded", "v1", source);
            HubDownloader.Snapshot snapshot = downloader.fetch(HubReference.parse("hf:tests/sharded@v1"));
            for (String shard : List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")) {
                assertArrayEquals(Files.readAllBytes(source.resolve(shard)),
                        Files.readAllBytes(snapshot.directory().resolve(shard)));
            }
            assertEquals(2, SafeTensors.openDirectory(snapshot.directory()).files().size());
        }
    }

    @Test
    void theTokenGoesToTheHubOnlyNeverToTheStorageHost() throws Exception {
        try (FakeHub hub = new FakeHub();
             HubDownloader downloader = downloader(hub, Map.of("HF_TOKEN", "hf_secret"))) {
            publishTiny(hub);
            downloader.fetch(TINY);
            for (FakeHub.Request request : hub.requests()) {
                if (request.path().startsWith("/lfs/")) {
                    assertNull(request.authorization(), request.toString());
                } else {
                    assertEquals("Bearer hf_secret", request.authorization(), request.toString());
                }
            }
            try (var files = Files.walk(dir.resolve("cache"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains("hf_secret"), file.toString());
                }
            }
        }
    }

    @Test
    void referencesAreParsedAndMalformedOnesRefused() {
        assertEquals(new HubReference("HuggingFaceTB/SmolLM2-360M", "main"),
                HubReference.parse("hf:HuggingFaceTB/SmolLM2-360M"));
        assertEquals("v1.0", HubReference.parse("hf:a/b@v1.0").revision());
        assertThrows(IllegalArgumentException.class, () -> HubReference.parse("hf:../etc"));
        assertThrows(IllegalArgumentException.class, () -> HubReference.parse("hf:onlyname"));
    }
}
