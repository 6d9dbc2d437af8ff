package org.easy2hard.model.llama;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;

/**
 * A tiny random model that carries one of the real vocabularies of {@code ../shared/tokenizers} (the directory
 * named by the {@code easy2hard.tokenizers.dir} system property, which surefire sets): the fixture's random weights
 * with an embedding as large as the vocabulary, and the real {@code tokenizer.json} and
 * {@code tokenizer_config.json}, with BOS and EOS ids in {@code config.json} as the real models have them. Tests
 * that need it are skipped where the tokenizers are absent.
 */
public final class RealVocabularyModel {

    /** The system property naming the real tokenizers' directory. */
    public static final String PROPERTY = "easy2hard.tokenizers.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealVocabularyModel() {
    }

    /** The real tokenizer folder (llama-2, llama-3, qwen3), or a skipped test when it is absent. */
    public static Path tokenizerFolder(String name) {
        String dir = System.getProperty(PROPERTY);
        Path folder = dir == null ? null : Path.of(dir, name);
        assumeTrue(folder != null && Files.isRegularFile(folder.resolve("tokenizer.json")),
                "real tokenizers not found at " + dir + " (set -D" + PROPERTY + ", normally ../shared/tokenizers)");
        return folder;
    }

    /** Rows the embedding needs: one more than the largest id of the vocabulary and the added tokens. */
    public static int vocabularySize(Path tokenizerJson) {
        JsonNode root = read(tokenizerJson);
        int max = -1;
        for (Iterator<JsonNode> ids = root.path("model").path("vocab").elements(); ids.hasNext(); ) {
            max = Math.max(max, ids.next().asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        return max + 1;
    }

    /** The id of a token's text among the added tokens or the vocabulary; -1 when absent. */
    public static int tokenId(Path tokenizerJson, String content) {
        JsonNode root = read(tokenizerJson);
        for (JsonNode added : root.path("added_tokens")) {
            if (added.path("content").asText().equals(content)) {
                return added.path("id").asInt();
            }
        }
        JsonNode id = root.path("model").path("vocab").get(content);
        return id == null ? -1 : id.asInt();
    }

    /**
     * Random weights of {@code spec}'s shape with the folder's vocabulary, written into {@code dir}.
     *
     * @param eosTokens the EOS tokens' texts for config.json (the real model's)
     */
    public static TinyLlamaFixture write(String folder, TinyLlamaFixture.Spec spec, long seed, Path dir,
            String... eosTokens) {
        Path source = tokenizerFolder(folder);
        Path tokenizerJson = source.resolve("tokenizer.json");
        TinyLlamaFixture tiny = TinyLlamaFixture.random(spec.withVocab(vocabularySize(tokenizerJson)), seed);
        tiny.write(dir);
        try {
            Files.copy(tokenizerJson, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(source.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            ObjectNode config = tiny.config();
            JsonNode tokenizerConfig = read(source.resolve("tokenizer_config.json"));
            JsonNode bos = tokenizerConfig.get("bos_token");
            if (bos != null && bos.isTextual()) {
                config.put("bos_token_id", tokenId(tokenizerJson, bos.asText()));
            } else {
                config.putNull("bos_token_id");
            }
            var eos = config.putArray("eos_token_id");
            for (String token : eosTokens) {
                eos.add(tokenId(tokenizerJson, token));
            }
            Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tiny;
    }

    /** The EOS token texts of the three real models' configs. */
    public static final Map<String, String[]> EOS = Map.of(
            "llama-2", new String[] {"</s>"},
            "llama-3", new String[] {"<|end_of_text|>"},
            "qwen3", new String[] {"<|endoftext|>"});

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
