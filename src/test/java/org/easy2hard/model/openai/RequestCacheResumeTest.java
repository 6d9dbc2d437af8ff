package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.RequestCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request cache makes runs resumable and independent of batching, repairs what is corrupted, and never holds
 * the API key.
 */
class RequestCacheResumeTest {

    /** A key no file, message or string may contain. */
    private static final String API_KEY = "sk-e2h-SECRET-4f1c9a7d2b";

    @TempDir
    Path dir;

    private final BigramLanguageModel bigram = new BigramLanguageModel(true);
    private LoopbackCompletionsServer server;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackCompletionsServer.start(bigram, Loopback.NAME).requireApiKey(API_KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleModel.Builder cached(Path cache) {
        return Loopback.model(server).optApiKey(() -> API_KEY).optRequestCache(RequestCache.at(cache));
    }

    private List<LogLikelihood> expected(List<LogLikelihoodRequest> requests) {
        return requests.stream().map(request -> Loopback.expected(bigram, request)).toList();
    }

    @Test
    void aSecondRunIsServedFromTheCache() {
        List<LogLikelihoodRequest> requests = Loopback.requests(12);
        List<LogLikelihood> first;
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            first = model.logLikelihoods(requests);
        }
        try (OpenAiCompatibleModel model = cached(dir).optMaxInFlight(1).build()) {
            assertEquals(first, model.logLikelihoods(requests));
            assertArrayEquals(new long[] {0, 12, 0}, model.requestCounters());
        }
        assertEquals(12, server.requests());
        assertEquals(expected(requests), first);
    }

    @Test
    void batchesOfAnySizeShareTheCache() {
        List<LogLikelihoodRequest> requests = Loopback.requests(10);
        List<LogLikelihood> pieces = new ArrayList<>();
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            pieces.addAll(model.logLikelihoods(requests.subList(0, 3)));
            pieces.addAll(model.logLikelihoods(requests.subList(3, 10)));
            assertEquals(pieces, model.logLikelihoods(requests));
        }
        assertEquals(10, server.requests());
    }

    @Test
    void aRequestAskedTwiceInOneBatchIsSentOnce() {
        LogLikelihoodRequest cat = new LogLikelihoodRequest("Question: the", " cat");
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            List<LogLikelihood> scores = model.logLikelihoods(List.of(cat, cat, cat));
            assertEquals(scores.get(0), scores.get(2));
        }
        assertEquals(1, server.requests());
    }

    @Test
    void theSamePromptSplitElsewhereIsAnotherEntry() {
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            List<LogLikelihood> scores = model.logLikelihoods(List.of(
                    new LogLikelihoodRequest("Question: the", " cat sat"),
                    new LogLikelihoodRequest("Question: the cat", " sat")));
            assertEquals(2, scores.get(0).tokens());
            assertEquals(1, scores.get(1).tokens());
        }
    }

    @Test
    void aCorruptedEntryIsRecomputedAndRewritten() throws IOException {
        List<LogLikelihoodRequest> requests = Loopback.requests(5);
        List<LogLikelihood> first;
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            first = model.logLikelihoods(requests);
        }
        Path entry = entries().get(2);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(entry, bytes);
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            assertEquals(first, model.logLikelihoods(requests));
            assertArrayEquals(new long[] {1, 4, 1}, model.requestCounters());
        }
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            model.logLikelihoods(requests);
            assertArrayEquals(new long[] {0, 5, 0}, model.requestCounters(), "the entry was rewritten");
        }
    }

    @Test
    void aKilledRunResumesWithoutAskingAnythingTwice() throws Exception {
        Path cache = dir.resolve("cache");
        List<LogLikelihoodRequest> requests = ResumeChild.requests();
        server.holdAfterAnswers(15);
        Process child = child(cache);
        List<String> said = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.equals("done 15"); line = lines.readLine()) {
                said.add(line);
            }
            // Fifteen answers are cached and four more requests wait at the server: kill it mid-run.
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        assertFalse(said.stream().anyMatch(line -> line.startsWith("FINISHED")), said.toString());
        assertEquals(15, server.answered());
        server.releaseHeld();

        List<LogLikelihood> resumed;
        try (OpenAiCompatibleModel model = ResumeChild.model(server.baseUrl(), cache).optApiKey(() -> API_KEY)
                .build()) {
            resumed = model.logLikelihoods(requests);
            assertEquals(25, model.requestCounters()[0], "only the 25 unanswered requests are sent");
        }
        assertEquals(expected(requests), resumed);
        assertEquals(40, server.answered());
        assertEquals(40, server.answeredBodies().size());
        assertTrue(server.answeredBodies().values().stream().allMatch(count -> count == 1),
                "no request body was answered twice: " + server.answeredBodies().values());
        assertKeyWrittenNowhere(dir);
    }

    @Test
    void twoProcessesFillingOneCacheLeaveEveryEntryValid() throws Exception {
        Path cache = dir.resolve("shared-cache");
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(child(cache));
            }
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, child.waitFor(), output);
                assertTrue(output.contains("FINISHED 40"), output);
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        try (OpenAiCompatibleModel model = ResumeChild.model(server.baseUrl(), cache).optApiKey(() -> API_KEY)
                .build()) {
            assertEquals(expected(ResumeChild.requests()), model.logLikelihoods(ResumeChild.requests()));
            assertArrayEquals(new long[] {0, 40, 0}, model.requestCounters(), "all 40 answers cached and valid");
        }
        assertKeyWrittenNowhere(dir);
    }

    private Process child(Path cache) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(), server.baseUrl(),
                cache.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(ResumeChild.KEY_VARIABLE, API_KEY);
        return builder.start();
    }

    @Test
    void theApiKeyIsSentButNeverWrittenOrShown() throws IOException {
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            model.logLikelihoods(Loopback.requests(5));
            model.generate(List.of(new GenerationRequest("Question: the", 4, List.of("\n"))));
            model.tokenCounts(List.of("Question: the cat"), (task, done, total) -> { });
            assertFalse(model.toString().contains(API_KEY), model.toString());
            assertTrue(model.toString().contains("apiKey=set"), model.toString());
            assertFalse(model.identity().toString().contains(API_KEY));
        }
        assertKeyWrittenNowhere(dir);
    }

    @Test
    void aWrongKeyFailsWithTheServersMessageRedacted() {
        String wrong = "sk-e2h-WRONG-77aa0b";
        try (OpenAiCompatibleModel model = Loopback.model(server).optApiKey(() -> wrong).build()) {
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.generate(List.of(new GenerationRequest("Question: the", 2, List.of()))));
            // The server quotes the header it got back; the client removes the key from what it repeats.
            assertTrue(e.getMessage().contains("HTTP 401: Incorrect API key provided: Bearer [redacted]"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong));
            assertEquals(1, server.requests());
        }
    }

    @Test
    void generationsAreCachedToo() {
        List<GenerationRequest> requests = List.of(new GenerationRequest("Question: the", 5, List.of(" on")),
                new GenerationRequest("Question: the", 2, List.of()));
        List<Generation> first;
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            first = model.generate(requests);
        }
        try (OpenAiCompatibleModel model = cached(dir).build()) {
            assertEquals(first, model.generate(requests));
        }
        assertEquals(List.of(new Generation(" cat sat", 3, Generation.STOP),
                new Generation(" cat sat", 2, Generation.LENGTH)), first);
        assertEquals(2, server.requests());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> path.toString().endsWith(RequestCache.SUFFIX)).sorted().toList();
        }
    }

    private static void assertKeyWrittenNowhere(Path root) throws IOException {
        byte[] key = API_KEY.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            assertFalse(contains(content, key), "API key written to " + file);
            assertFalse(file.toString().contains(API_KEY));
        }
        // Nothing half-written survives, even a kill.
        assertTrue(files.stream().noneMatch(file -> file.getFileName().toString().endsWith(".tmp")), files.toString());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
