package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.easy2hard.io.Sha256;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.RequestCache;
import org.junit.jupiter.api.Test;

/**
 * The canonical text of a request body, and so every request cache key, stays what it was. The expected texts and
 * the key were computed by {@code CanonicalJson} as it was at commit 90da479 (its own recursive sort), before it
 * used Jackson's sorted-properties feature.
 */
class CanonicalJsonTest {

    /** Keys out of order at every level, a key with upper case, digits and a non-ASCII letter, and odd numbers. */
    private static final String REQUEST_BODY = "{\"prompt\":[\"Q: \u00e9t\u00e9?\",\"A\"],\"model\":\"llama\","
            + "\"logprobs\":1,\"extra\":{\"z\":null,\"Zeta\":true,\"a1\":[{\"y\":2,\"b\":1.50}],\"\u00e9\":\"x\","
            + "\"a\":-0.0,\"A\":1e-7},\"echo\":true,\"max_tokens\":0,\"temperature\":0.0}";

    private static final String CANONICAL = "{\"echo\":true,\"extra\":{\"A\":1.0E-7,\"Zeta\":true,\"a\":-0.0,"
            + "\"a1\":[{\"b\":1.5,\"y\":2}],\"z\":null,\"\u00e9\":\"x\"},\"logprobs\":1,\"max_tokens\":0,"
            + "\"model\":\"llama\",\"prompt\":[\"Q: \u00e9t\u00e9?\",\"A\"],\"temperature\":0.0}";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    @Test
    void aFixedRequestHasTheCanonicalTextTheOldCodeWrote() throws Exception {
        assertEquals(CANONICAL, CanonicalJson.write(MAPPER, MAPPER.readTree(REQUEST_BODY)));
    }

    @Test
    void theCanonicalTextOfACanonicalTextIsItself() throws Exception {
        assertEquals(CANONICAL, CanonicalJson.write(MAPPER, MAPPER.readTree(CANONICAL)));
    }

    @Test
    void aFixedRequestKeepsTheCacheKeyTheOldCodeComputed() throws Exception {
        JsonNode body = MAPPER.readTree(REQUEST_BODY);
        String request = "v1 /v1/completions echo\n" + CanonicalJson.write(MAPPER, body);
        ModelIdentity server = new ModelIdentity("llama", "server", "rev1", Map.of("scoring", "echo-logprobs"));
        assertEquals(KEY, RequestCache.at(java.nio.file.Path.of("unused")).key(server, request));
        assertEquals(KEY, Sha256.of(server.cacheKey() + '\u0000' + request));
    }

    private static final String KEY = "2acb854844c837015018b42d0b049983479cf577f398dd2f1d188d149378d073";
}
