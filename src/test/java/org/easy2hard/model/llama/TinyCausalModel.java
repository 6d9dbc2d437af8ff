package org.easy2hard.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a tiny causal LM with a real tokenizer, for CI's causal-LM mode: the notebooks' sections that need a causal
 * LM (contamination, issue 18) run on it, so their code paths execute where no real model can be downloaded. Random
 * weights (fixed seed) of a 2-layer, 32-wide Llama, a 2,048-token window, and the tokenizer of a real model
 * (llama-2's by default: a BOS token, so every text's first token is scored). Its numbers mean nothing; its shapes and
 * tokenization are those of a real model.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:target/lib/*" org.easy2hard.model.llama.TinyCausalModel \
 *     target/ci-causal-model ../shared/tokenizers/llama-2
 * </pre>
 *
 * <p>Runs without JUnit on the class path (only the runtime dependencies), so a build's {@code target/lib} is enough.
 */
public final class TinyCausalModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyCausalModel() {
    }

    /**
     * Writes the model.
     *
     * @param args the output directory, and the folder with {@code tokenizer.json} and {@code tokenizer_config.json}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TinyCausalModel OUT_DIR TOKENIZER_DIR (a folder with tokenizer.json and "
                    + "tokenizer_config.json, e.g. ../shared/tokenizers/llama-2)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path source = Path.of(args[1]);
        write(out, source);
        System.out.println("TinyCausalModel: wrote " + out.toAbsolutePath());
    }

    /** Writes a tiny Llama with {@code tokenizerFolder}'s tokenizer into {@code out} and returns it. */
    public static Path write(Path out, Path tokenizerFolder) throws IOException {
        Path tokenizerJson = tokenizerFolder.resolve("tokenizer.json");
        Path tokenizerConfig = tokenizerFolder.resolve("tokenizer_config.json");
        for (Path file : new Path[] {tokenizerJson, tokenizerConfig}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is missing: give a folder with a real model's "
                        + "tokenizer.json and tokenizer_config.json");
            }
        }
        TinyLlamaFixture.Spec spec = new TinyLlamaFixture.Spec("llama", RealVocabularyModel.vocabularySize(
                tokenizerJson), 32, 56, 2, 4, 2, 0, false, 2048);
        TinyLlamaFixture tiny = TinyLlamaFixture.random(spec, 18);
        Files.createDirectories(out);
        tiny.write(out);
        Files.copy(tokenizerJson, out.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tokenizerConfig, out.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
        ObjectNode config = tiny.config();
        JsonNode tokens = JSON.readTree(tokenizerConfig.toFile());
        JsonNode bos = tokens.get("bos_token");
        String bosText = bos == null ? null : bos.isTextual() ? bos.asText() : bos.path("content").asText(null);
        if (bosText != null) {
            config.put("bos_token_id", RealVocabularyModel.tokenId(tokenizerJson, bosText));
        } else {
            config.putNull("bos_token_id");
        }
        JsonNode eos = tokens.get("eos_token");
        String eosText = eos == null ? null : eos.isTextual() ? eos.asText() : eos.path("content").asText(null);
        if (eosText != null) {
            config.putArray("eos_token_id").add(RealVocabularyModel.tokenId(tokenizerJson, eosText));
        }
        Files.writeString(out.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return out;
    }
}
