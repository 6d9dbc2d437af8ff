package org.easy2hard.model.open;

import java.util.Objects;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.Layers;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.OnnxEncoder;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.openai.OpenAiCompatibleModel;
import org.easy2hard.model.openai.ServerCheck;

/**
 * Opens what a {@link ModelReference} names, by what the caller needs of it:
 * <ul>
 *   <li>{@link #openEncoder}: features. A bundled encoder or ONNX directory gives an {@link OnnxEncoder}; an in-JVM
 *       causal LM gives its {@link LlamaModel} reading the chosen hidden states; a server is refused (it serves no
 *       hidden states).</li>
 *   <li>{@link #openLanguageModel}: log-likelihoods and generation. An in-JVM causal LM gives its
 *       {@link LlamaModel}, a server an {@link OpenAiCompatibleModel}; an encoder is refused.</li>
 *   <li>{@link #openInJvm}: the {@link LlamaModel} itself, for what needs its weights (LoRA fine-tuning, a probe
 *       and prompting sharing one copy).</li>
 * </ul>
 * Every refusal is one line naming the reference and what the use needs. Nothing here parses text: that is
 * {@link ModelReference#parse}'s job, done once.
 */
public final class ModelOpener {

    /** The environment variable a server's API key is read from unless told otherwise. */
    public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";

    private ModelOpener() {
    }

    /**
     * Opens a feature encoder.
     *
     * @param reference the model
     * @param layers    which hidden states the features are
     * @param normalize whether features are scaled to unit length (encoders only: a causal LM's are never scaled)
     * @throws IllegalArgumentException for a server, or normalisation asked of a causal LM
     */
    public static Encoder openEncoder(ModelReference reference, Layers layers, boolean normalize) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(layers, "layers");
        if (reference instanceof ModelReference.Bundled bundled) {
            return OnnxEncoder.builder().setModel(bundled.model()).optLayers(layers).optNormalize(normalize).build();
        }
        if (reference instanceof ModelReference.OnnxDirectory onnx) {
            return OnnxEncoder.builder().setModelDirectory(onnx.directory()).optLayers(layers)
                    .optNormalize(normalize).build();
        }
        if (reference instanceof ModelReference.Server) {
            throw new IllegalArgumentException("'" + reference.text() + "' is a server, which serves no hidden states; "
                    + "features need a bundled encoder, an ONNX directory, hf:owner/name or a causal LM directory");
        }
        if (normalize) {
            throw new IllegalArgumentException("'" + reference.text() + "' is a causal LM, whose features are not "
                    + "normalised; open it without normalisation");
        }
        return LlamaModel.builder().setModel(reference).optLayers(layers).build();
    }

    /**
     * Opens a causal language model; a server's API key is read from {@value #API_KEY_VARIABLE} when set.
     *
     * @throws IllegalArgumentException for an encoder
     */
    public static LanguageModel openLanguageModel(ModelReference reference) {
        return openLanguageModel(reference, API_KEY_VARIABLE);
    }

    /**
     * Opens a causal language model.
     *
     * @param reference      the model
     * @param apiKeyVariable for a server: the environment variable holding its API key (used only when set)
     * @throws IllegalArgumentException for an encoder
     */
    public static LanguageModel openLanguageModel(ModelReference reference, String apiKeyVariable) {
        Objects.requireNonNull(reference, "reference");
        if (reference instanceof ModelReference.Server server) {
            return OpenAiCompatibleModel.builder().setServer(server).optApiKeyEnvironmentVariable(apiKeyVariable)
                    .build();
        }
        return openInJvm(reference);
    }

    /**
     * Opens an in-JVM causal LM ({@code hf:} repositories are downloaded into the cache on first use).
     *
     * @throws IllegalArgumentException for an encoder or a server
     */
    public static LlamaModel openInJvm(ModelReference reference) {
        Objects.requireNonNull(reference, "reference");
        if (!reference.isInJvmCausal()) {
            throw new IllegalArgumentException("'" + reference.text() + "' is " + (reference.isCausal()
                    ? "a server" : "an encoder") + "; this needs a causal LM inside the JVM: hf:owner/name[@revision] "
                    + "or a Hugging Face directory with config.json");
        }
        return LlamaModel.builder().setModel(reference).build();
    }

    /**
     * The pre-flight check of a server ({@link ServerCheck}): models endpoint, tokenization and one scoring request,
     * each failing in seconds with one line.
     *
     * @param apiKeyVariable the environment variable holding its API key (used only when set)
     */
    public static void checkServer(ModelReference.Server server, String apiKeyVariable) {
        new ServerCheck(server.urls(), server.servedModel(), () -> System.getenv(apiKeyVariable), apiKeyVariable,
                ServerCheck.DEFAULT_TIMEOUT).run();
    }
}
