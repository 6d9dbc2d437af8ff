package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.easy2hard.model.EncoderException;
import org.easy2hard.model.RequestCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings from {@code /v1/embeddings}: the loopback server's are [tokens, characters, last token id, 0.5]. */
class OpenAiEmbeddingEncoderTest {

    @TempDir
    Path dir;

    private final BigramLanguageModel bigram = new BigramLanguageModel(true);
    private LoopbackCompletionsServer server;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackCompletionsServer.start(bigram, Loopback.NAME);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiEmbeddingEncoder.Builder encoder() {
        return OpenAiEmbeddingEncoder.builder().setModel(Loopback.NAME).setBaseUrls(server.baseUrl())
                .optApiKey(() -> null).optRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4))
                .optRequestCache(RequestCache.at(dir)).optSetting("pooling", "LAST");
    }

    @Test
    void featuresAreTheServersEmbeddingsInOrder() {
        try (OpenAiEmbeddingEncoder encoder = encoder().build()) {
            assertEquals(4, encoder.dimension());
            float[][] features = encoder.encode(List.of("Question: the cat", "ab"));
            assertArrayEquals(new float[] {4, 17, bigram.id(" cat"), 0.5f}, features[0]);
            assertArrayEquals(new float[] {2, 2, bigram.id("b"), 0.5f}, features[1]);
            assertEquals("bigram|unknown-revision|api=openai-embeddings,pooling=LAST", encoder.identity().cacheKey());
        }
    }

    @Test
    void aSecondEncoderReadsTheCache() {
        List<String> texts = List.of("a cat", "the mat", "Answer: yes");
        float[][] first;
        try (OpenAiEmbeddingEncoder encoder = encoder().optDimension(4).build()) {
            first = encoder.encode(texts);
        }
        try (OpenAiEmbeddingEncoder encoder = encoder().optDimension(4).build()) {
            assertArrayEquals(first, encoder.encode(texts));
        }
        assertEquals(3, server.requests());
    }

    @Test
    void serverFailuresBecomeEncoderExceptions() {
        server.inject(LoopbackCompletionsServer.Fault.BAD_REQUEST);
        try (OpenAiEmbeddingEncoder encoder = encoder().optDimension(4).build()) {
            EncoderException e = assertThrows(EncoderException.class, () -> encoder.encode(List.of("x")));
            assertTrue(e.getMessage().contains("/v1/embeddings failed: HTTP 400"), e.getMessage());
        }
    }
}
