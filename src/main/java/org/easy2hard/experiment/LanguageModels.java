package org.easy2hard.experiment;

import java.util.Map;
import java.util.Optional;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.ModelEnvironment;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.open.ModelOpener;

/**
 * Opens a causal language model from a written reference. Kept for its callers; every method parses once with
 * {@link ModelReference#parse} (or {@link ModelReference.Server#of}) and opens with {@link ModelOpener}, the one
 * place a model reference is resolved:
 * <ul>
 *   <li>one or more OpenAI-compatible server base URLs, comma-separated, with the served model name
 *       ({@code URL[,URL...]#NAME} as one reference);</li>
 *   <li>{@code hf:owner/name[@revision]} or a local Hugging Face model directory: the in-JVM {@link LlamaModel}.</li>
 * </ul>
 * The environment names a model with {@value ModelEnvironment#MODEL_VARIABLE} ({@link ModelEnvironment}).
 */
public final class LanguageModels {

    /** Deprecated environment variable with the server base URL(s); see {@link ModelEnvironment}. */
    public static final String URL_VARIABLE = ModelEnvironment.LEGACY_URL_VARIABLE;

    /** Deprecated environment variable with the served model name; see {@link ModelEnvironment}. */
    public static final String MODEL_VARIABLE = ModelEnvironment.LEGACY_MODEL_VARIABLE;

    private LanguageModels() {
    }

    /** Whether a reference names a server: it starts with {@code http://} or {@code https://}. */
    public static boolean isServer(String reference) {
        return ModelReference.namesServer(reference);
    }

    /**
     * Whether a reference names an in-JVM causal LM: {@code hf:…} or a directory holding {@code config.json} (and
     * no {@code model.onnx}).
     */
    public static boolean isLocalCausalModel(String reference) {
        try {
            return ModelReference.parse(reference).isInJvmCausal();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Opens a server client.
     *
     * @param baseUrls       one or more base URLs (with their {@code /v1}), comma-separated
     * @param servedName     the model name the server serves
     * @param apiKeyVariable the environment variable holding the API key (used only when set)
     */
    public static LanguageModel openServer(String baseUrls, String servedName, String apiKeyVariable) {
        return ModelOpener.openLanguageModel(ModelReference.Server.of(baseUrls, servedName), apiKeyVariable);
    }

    /** The pre-flight check of {@link #openServer}'s servers ({@link ModelOpener#checkServer}). */
    public static void checkServer(String baseUrls, String servedName, String apiKeyVariable) {
        ModelOpener.checkServer(ModelReference.Server.of(baseUrls, servedName), apiKeyVariable);
    }

    /**
     * Opens an in-JVM causal LM from {@code hf:owner/name[@revision]} (downloaded into the cache on first use) or a
     * local model directory.
     */
    public static LlamaModel openLocal(String reference) {
        return ModelOpener.openInJvm(ModelReference.parse(reference));
    }

    /**
     * Opens the causal LM the environment names ({@link ModelEnvironment}), if it names one: empty when it names
     * none or an encoder.
     */
    public static Optional<LanguageModel> fromEnvironment(Map<String, String> environment) {
        return ModelEnvironment.parse(environment, System.err::println).filter(ModelReference::isCausal)
                .map(ModelOpener::openLanguageModel);
    }
}
