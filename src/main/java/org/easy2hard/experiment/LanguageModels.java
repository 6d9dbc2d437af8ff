package org.easy2hard.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.llama.HubReference;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.openai.OpenAiCompatibleModel;

/**
 * Opens a causal language model from a reference, the way the command line and the notebooks name one:
 * <ul>
 *   <li>one or more OpenAI-compatible server base URLs, comma-separated ({@code http://gpu1:8000/v1,http://gpu1:8001/v1}),
 *       with the served model name: {@link OpenAiCompatibleModel} (API key from {@code OPENAI_API_KEY} when set);</li>
 *   <li>{@code hf:owner/name[@revision]} or a local Hugging Face model directory ({@code config.json},
 *       {@code tokenizer.json}, safetensors): the in-JVM {@link LlamaModel}.</li>
 * </ul>
 * The environment names a model with {@value #URL_VARIABLE} + {@value #MODEL_VARIABLE} (a server) or
 * {@value #MODEL_VARIABLE} alone holding an {@code hf:} reference or a directory.
 */
public final class LanguageModels {

    /** Environment variable with the server base URL(s), comma-separated. */
    public static final String URL_VARIABLE = "EASY2HARD_LM_URL";

    /** Environment variable with the served model name, or an {@code hf:} reference / directory without a URL. */
    public static final String MODEL_VARIABLE = "EASY2HARD_LM_MODEL";

    private LanguageModels() {
    }

    /** Whether a reference names a server: it starts with {@code http://} or {@code https://}. */
    public static boolean isServer(String reference) {
        return reference.startsWith("http://") || reference.startsWith("https://");
    }

    /** Whether a reference names an in-JVM causal LM: {@code hf:…} or a directory holding {@code config.json}. */
    public static boolean isLocalCausalModel(String reference) {
        return reference.startsWith(HubReference.PREFIX) || Files.isRegularFile(Path.of(reference).resolve("config.json"));
    }

    /**
     * Opens a server client.
     *
     * @param baseUrls   one or more base URLs (with their {@code /v1}), comma-separated
     * @param servedName the model name the server serves
     * @param apiKeyVariable the environment variable holding the API key (used only when set)
     */
    public static LanguageModel openServer(String baseUrls, String servedName, String apiKeyVariable) {
        if (servedName == null || servedName.isBlank()) {
            throw new IllegalArgumentException("a server needs the served model name (--lm-model or "
                    + MODEL_VARIABLE + "); GET " + baseUrls.split(",")[0] + "/models lists it");
        }
        List<String> urls = Arrays.stream(baseUrls.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return OpenAiCompatibleModel.builder().setBaseUrls(urls).setModel(servedName)
                .optApiKeyEnvironmentVariable(apiKeyVariable).build();
    }

    /**
     * The pre-flight check of {@link #openServer}'s servers ({@link org.easy2hard.model.openai.ServerCheck}): models
     * endpoint, tokenization and one scoring request, each failing in seconds with one line.
     */
    public static void checkServer(String baseUrls, String servedName, String apiKeyVariable) {
        if (servedName == null || servedName.isBlank()) {
            throw new IllegalArgumentException("a server needs the served model name (--lm-model or "
                    + MODEL_VARIABLE + "); GET " + baseUrls.split(",")[0] + "/models lists it");
        }
        List<String> urls = Arrays.stream(baseUrls.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        new org.easy2hard.model.openai.ServerCheck(urls, servedName, () -> System.getenv(apiKeyVariable),
                apiKeyVariable, org.easy2hard.model.openai.ServerCheck.DEFAULT_TIMEOUT).run();
    }

    /**
     * Opens an in-JVM causal LM from {@code hf:owner/name[@revision]} (downloaded into the cache on first use) or a
     * local model directory.
     */
    public static LlamaModel openLocal(String reference) {
        if (!isLocalCausalModel(reference)) {
            throw new IllegalArgumentException("'" + reference + "' is neither hf:owner/name nor a directory with "
                    + "config.json");
        }
        return LlamaModel.builder().setModel(reference).build();
    }

    /**
     * Opens the model the environment names, if any: {@value #URL_VARIABLE} with {@value #MODEL_VARIABLE} (a server),
     * or {@value #MODEL_VARIABLE} alone with an {@code hf:} reference or directory.
     */
    public static Optional<LanguageModel> fromEnvironment(Map<String, String> environment) {
        String urls = environment.get(URL_VARIABLE);
        String model = environment.get(MODEL_VARIABLE);
        if (urls != null && !urls.isBlank()) {
            return Optional.of(openServer(urls, model, "OPENAI_API_KEY"));
        }
        if (model != null && !model.isBlank()) {
            return Optional.of(openLocal(model));
        }
        return Optional.empty();
    }
}
