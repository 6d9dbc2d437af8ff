package org.easy2hard.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.Layers;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.LayerPlacement;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.MemoryEstimate;

/**
 * A Llama-family causal LM (Llama, SmolLM, Mistral, Qwen2) from a Hugging Face model directory or a hub reference,
 * running on DJL's PyTorch engine (the engine's default device: CUDA when a CUDA libtorch is present, else CPU), as
 * a {@link LanguageModel} for the prompting methods and an {@link Encoder} for the linear probe.
 *
 * <pre>{@code
 * try (LlamaModel model = LlamaModel.builder().setModel(ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M")).build()) {
 *     List<LogLikelihood> scores = model.logLikelihoods(requests, progress);
 *     float[][] features = model.encode(texts);              // middle + last layer at the final token
 * }
 * }</pre>
 *
 * <p><b>Scoring</b> (paper-spec §5.3): by default context and continuation are tokenized separately without special
 * tokens and joined as BOS + context + continuation (BOS by {@link BosRule#AUTHORS}, §5.1); the continuation's
 * token log-probabilities are summed. The continuation is written with its leading space (" Paris") and tokenized
 * by the paper's rule ({@link OptionTokens#AUTHORS}: without that space, on its own: "▁Paris" for SentencePiece,
 * "Paris" for byte-level BPE); {@link OptionTokens#JOINT} is lm-evaluation-harness's split instead. Both rules are
 * in the identity. Requests with the same context (a multiple-choice item's options) share one pass over it through
 * a key/value cache; the rest are sorted by length and batched with left padding and attention masks;
 * padding changes results only by float rounding (≤ 1e-5).
 *
 * <p><b>Generation</b>: greedy, batched, with a key/value cache; it ends at an EOS token, a stop string (the text is
 * cut before it), the request's token limit or the context length.
 *
 * <p><b>Features</b>: the hidden states at each text's final token (BOS + text), by default the middle
 * ({@code ceil((L+1)/2)}) and last ({@code L}, after the final norm) of Hugging Face's {@code hidden_states}
 * (paper-spec §5.5), concatenated.
 *
 * <p><b>Data types</b> ({@link Builder#optDataType}): float32 (the default) or float16 weights and matrix products,
 * whatever the stored weight type; RMSNorm, softmax and log-probabilities are float32 either way, and features are
 * returned (and cached) as float32. Not safe for concurrent use.
 */
public final class LlamaModel implements LanguageModel, Encoder {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The paper's maximum sequence length. */
    public static final int DEFAULT_CONTEXT_LENGTH = 2048;

    private final NDManager manager;
    private final LlamaNetwork network;
    private final LlamaTokenizer tokenizer;
    private final LlamaConfig config;
    private final int contextLength;
    private final int batchSize;
    private final int[] hiddenStates;
    private final String name;
    private final String source;
    private final String weightsSha256;
    private final Map<String, String> settings;
    private final OptionTokens optionTokens;
    private final BatchPlan plan;
    private final Scoring scoring;
    private final Generator generator;
    private final Features features;
    private String adapter = "";
    private boolean closed;

    /** Takes what {@link ModelLoader} loaded; the model owns (and closes) the manager, network and tokenizer. */
    LlamaModel(ModelLoader.Loaded loaded) {
        this.manager = loaded.manager();
        this.network = loaded.network();
        this.tokenizer = loaded.tokenizer();
        this.config = loaded.config();
        this.contextLength = loaded.contextLength();
        this.batchSize = loaded.batchSize();
        this.hiddenStates = loaded.hiddenStates();
        this.name = loaded.name();
        this.source = loaded.source();
        this.weightsSha256 = loaded.weightsSha256();
        this.settings = loaded.settings();
        this.optionTokens = loaded.optionTokens();
        this.plan = new BatchPlan(config, network.dataType(), batchSize, loaded.budget(), loaded.log(), name,
                manager.getDevice());
        this.scoring = new Scoring(manager, network, tokenizer, config, optionTokens, contextLength, batchSize, name,
                plan);
        this.generator = new Generator(manager, network, tokenizer, config, contextLength, name, plan);
        this.features = new Features(manager, network, tokenizer, config, contextLength, hiddenStates, name, plan);
    }

    /** A new builder; a model must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decoder (for adapters: set a {@link LinearHook}, score under autograd). */
    public LlamaNetwork network() {
        return network;
    }

    /** The tokenizer. */
    public LlamaTokenizer tokenizer() {
        return tokenizer;
    }

    /** The architecture. */
    public LlamaConfig config() {
        return config;
    }

    /** The NDManager holding the model (its device is where computation runs). */
    public NDManager manager() {
        return manager;
    }

    /**
     * Installs a hook on every projection (e.g. trained adapters) and records what it is in the identity, so that
     * caches and manifests tell adapted outputs from base ones.
     *
     * @param hook        the hook, or {@link LinearHook#NONE}
     * @param description what the hook computes (e.g. adapter weights' SHA-256); empty for none
     */
    public void setLinearHook(LinearHook hook, String description) {
        network.setLinearHook(hook);
        this.adapter = Objects.requireNonNull(description, "description");
    }

    @Override
    public ModelIdentity identity() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        if (!adapter.isEmpty()) {
            all.put("adapter", adapter);
        }
        return new ModelIdentity(name, source, weightsSha256, all);
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int dimension() {
        return config.hiddenSize() * hiddenStates.length;
    }

    @Override
    public int[] tokenCounts(List<String> texts, Progress progress) {
        requireOpen();
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = tokenizer.encode(texts.get(i)).length;
            if ((i + 1) % 256 == 0 || i + 1 == counts.length) {
                progress.update("counting tokens", i + 1, counts.length);
            }
        }
        return counts;
    }

    /**
     * The token sequence scored for a request, BOS + context + continuation, and how many of its final tokens are
     * the continuation: what {@link #logLikelihoods} feeds the network (adapters train on the same sequences).
     *
     * @param tokens       the sequence
     * @param continuation how many final tokens are the continuation
     */
    public record ScoredSequence(long[] tokens, int continuation) {
    }

    /** The sequence scored for one request under the model's {@link OptionTokens} rule (see {@link ScoredSequence}). */
    public ScoredSequence scoredSequence(LogLikelihoodRequest request) {
        return scoring.scoredSequence(request);
    }

    @Override
    public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
        requireOpen();
        return scoring.logLikelihoods(requests, progress);
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
        requireOpen();
        return generator.generate(requests, progress);
    }

    @Override
    public float[][] encode(List<String> texts, Progress progress) {
        requireOpen();
        return features.encode(texts, progress);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model " + name + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.close();
            tokenizer.close();
            manager.close();
        }
    }

    /** Builds a {@link LlamaModel}. */
    public static final class Builder {

        /** The environment variable naming the compute type when none is set in code. */
        public static final String DTYPE_VARIABLE = "EASY2HARD_DTYPE";
        /** The environment variable that spreads a model over every visible GPU ({@code all}). */
        public static final String DEVICES_VARIABLE = "EASY2HARD_DEVICES";

        Path directory;
        HubReference hub;
        int contextLength = DEFAULT_CONTEXT_LENGTH;
        int batchSize = 8;
        Device device;
        ai.djl.ndarray.types.DataType dataType;
        LayerPlacement placement;
        List<Device> devices;
        Layers layers = Layers.MIDDLE_AND_LAST;
        int[] hiddenStates;
        BosRule bosRule = BosRule.AUTHORS;
        OptionTokens optionTokens = OptionTokens.AUTHORS;
        CacheDirectory cache;
        URI endpoint;
        Map<String, String> environment = System.getenv();
        long memoryBudget;
        java.util.function.Consumer<String> log = System.err::println;

        private Builder() {
        }

        /** A local Hugging Face model directory (config.json, tokenizer.json, safetensors). */
        public Builder setModel(Path modelDirectory) {
            this.directory = Objects.requireNonNull(modelDirectory, "modelDirectory");
            this.hub = null;
            return this;
        }

        /**
         * A parsed {@link ModelReference}: {@code hf:owner/name[@revision]} (downloaded into the cache on first use) or
         * a causal LM directory.
         *
         * @throws IllegalArgumentException for any other kind of reference
         */
        public Builder setModel(ModelReference reference) {
            Objects.requireNonNull(reference, "reference");
            if (reference instanceof ModelReference.HubRepository hubRepository) {
                this.hub = HubReference.of(hubRepository);
                this.directory = null;
            } else if (reference instanceof ModelReference.CausalDirectory local) {
                this.directory = local.directory();
                this.hub = null;
            } else {
                throw new IllegalArgumentException("the in-JVM causal LM runs hf:owner/name[@revision] or a Hugging Face "
                        + "directory with config.json, not '" + reference.text() + "'");
            }
            return this;
        }

        /** The most tokens per sequence (default 2,048, the paper's; capped by the model's window). */
        public Builder optContextLength(int tokens) {
            if (tokens < 2) {
                throw new IllegalArgumentException("context length must be >= 2, was " + tokens);
            }
            this.contextLength = tokens;
            return this;
        }

        /** Sequences per forward pass (default 8); long sequences are batched smaller to bound memory. */
        public Builder optBatchSize(int sequences) {
            if (sequences < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + sequences);
            }
            this.batchSize = sequences;
            return this;
        }

        /** The device (default: the PyTorch engine's default device, a GPU when there is one). */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * The type weights are kept and matrix products computed in: float32 (default) or float16, which halves the
         * weights' memory (Llama-2-7B in about 13.5 GB). bfloat16 is refused: see {@link ComputeTypes}.
         */
        public Builder optDataType(ai.djl.ndarray.types.DataType type) {
            this.dataType = ComputeTypes.require(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Spreads the blocks over these devices (two or more GPUs), planned from their free memory at build time
         * ({@link LayerPlacement#plan}, {@link LayerPlacement#WEIGHT_SHARE} of each for weights); an explicit
         * {@link #optPlacement} wins.
         */
        public Builder optDevices(List<Device> devices) {
            this.devices = devices == null ? null : List.copyOf(devices);
            return this;
        }

        /**
         * Spreads the blocks over several devices (null: all on {@link #optDevice}'s). Its first device holds the
         * embedding and runs the model's own arrays; see {@link LayerPlacement#plan} for a plan from free memory.
         */
        public Builder optPlacement(LayerPlacement placement) {
            this.placement = placement;
            return this;
        }

        /**
         * Bytes one batch's cache and activations may use (default: {@value MemoryBudget#VARIABLE} or
         * {@code -D}{@value MemoryBudget#PROPERTY}, else 80% of a GPU's free memory, else 2 GiB): batches are split
         * to fit it ({@link MemoryEstimate}).
         */
        public Builder optMemoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memory budget must be positive, was " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** Where the memory estimates go before work starts (default standard error). */
        public Builder optLog(java.util.function.Consumer<String> sink) {
            this.log = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Which hidden states {@link #encode} returns (default middle and last). */
        public Builder optLayers(Layers layers) {
            this.layers = Objects.requireNonNull(layers, "layers");
            this.hiddenStates = null;
            return this;
        }

        /** Explicit hidden-state indices for {@link #encode} (0 = embeddings, L = last), concatenated in order. */
        public Builder optHiddenStates(int... indices) {
            if (indices.length == 0) {
                throw new IllegalArgumentException("at least one hidden state");
            }
            this.hiddenStates = indices.clone();
            return this;
        }

        /** Which BOS goes before every sequence (default {@link BosRule#AUTHORS}, the paper's). */
        public Builder optBos(BosRule rule) {
            this.bosRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** How option tokens are formed when scoring (default {@link OptionTokens#AUTHORS}, the paper's). */
        public Builder optOptionTokens(OptionTokens rule) {
            this.optionTokens = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** The cache for downloads and weight hashes (default {@link CacheDirectory#fromSettings()}). */
        public Builder optCache(CacheDirectory cache) {
            this.cache = cache;
            return this;
        }

        /** The hub endpoint for {@code hf:} references (default {@code $HF_ENDPOINT}, else huggingface.co). */
        public Builder optEndpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The environment read for HF_ENDPOINT and HF_TOKEN (tests pass their own). */
        Builder optEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Loads the model (downloading a hub reference first when needed). */
        public LlamaModel build() {
            if (directory == null && hub == null) {
                throw new IllegalStateException("setModel(...) is required");
            }
            return new LlamaModel(ModelLoader.load(this));
        }
    }
}
