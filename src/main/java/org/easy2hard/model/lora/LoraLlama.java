package org.easy2hard.model.lora;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.easy2hard.io.Sha256;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.internal.LayerPlacement;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.LlamaWeights;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.Projection;

/**
 * The in-JVM Llama-family model ({@link LlamaModel}) as an {@link AdaptableLanguageModel}: adapters enter through
 * the network's {@link LinearHook} (every projection computes {@code x W^T + delta}), training scores the same
 * BOS + context + continuation sequences that {@link LlamaModel#logLikelihoods} scores, and the adapted model is the
 * {@link LlamaModel} itself with the hook installed for the duration of each call.
 *
 * <p>The base weights never require gradients, so only the adapters are trained and the base stays bit-identical.
 * The model is borrowed (closing this wrapper does not close it) and, like {@link LlamaModel}, is not safe for
 * concurrent use: a hook is installed per call and removed afterwards.
 */
public final class LoraLlama implements AdaptableLanguageModel {

    private final LlamaModel model;
    private final ModelIdentity baseIdentity;

    /**
     * @param model the base model, with no hook installed
     */
    public LoraLlama(LlamaModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.baseIdentity = model.identity();
        LayerPlacement placement = model.network().placement();
        if (placement != null && placement.stages().stream().map(LayerPlacement.Stage::device).distinct().count() > 1) {
            // DJL moves arrays between devices under PyTorch's no-grad guard: gradients would stop at the hand-over.
            throw new IllegalArgumentException("adapters cannot be trained on a model spread over several devices "
                    + "(" + placement.stages() + "); load it on one device");
        }
        if (baseIdentity.settings().containsKey("adapter")) {
            throw new IllegalArgumentException("the base model already has an adapter installed: "
                    + baseIdentity.settings().get("adapter"));
        }
    }

    /** The borrowed base model. */
    public LlamaModel model() {
        return model;
    }

    @Override
    public ModelIdentity identity() {
        return baseIdentity;
    }

    @Override
    public int contextLength() {
        return model.contextLength();
    }

    @Override
    public int[] tokenize(String text) {
        long[] ids = model.tokenizer().encode(text);
        int[] tokens = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = Math.toIntExact(ids[i]);
        }
        return tokens;
    }

    @Override
    public OptionalInt bosToken() {
        long bos = model.tokenizer().bos();
        return bos < 0 ? OptionalInt.empty() : OptionalInt.of((int) bos);
    }

    @Override
    public int eosToken() {
        List<Integer> eos = model.tokenizer().eos();
        if (eos.isEmpty()) {
            throw new IllegalStateException(baseIdentity.name() + " has no end-of-sequence token");
        }
        return eos.get(0);
    }

    @Override
    public Device device() {
        return model.manager().getDevice();
    }

    /** The projection of a Hugging Face module name ({@code q_proj} to {@link Projection#Q}, ...). */
    static Projection projection(String module) {
        for (Projection projection : Projection.values()) {
            if (projection.module().endsWith("." + module)) {
                return projection;
            }
        }
        throw new IllegalArgumentException("a Llama-family model has no projection '" + module
                + "'; choose from q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
    }

    /** The module name of a projection ({@link Projection#Q} to {@code q_proj}). */
    static String module(Projection projection) {
        return projection.module().substring(projection.module().indexOf('.') + 1);
    }

    @Override
    public List<LoraTarget> loraTargets(List<String> modules) {
        LlamaConfig config = model.config();
        List<LoraTarget> targets = new ArrayList<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            for (String module : modules) {
                long[] inOut = LlamaWeights.inOut(config, projection(module));
                targets.add(new LoraTarget(layer, module, Math.toIntExact(inOut[0]), Math.toIntExact(inOut[1])));
            }
        }
        return targets;
    }

    /**
     * Float32 activations the backward pass keeps, counted from the network's operations: per layer and token about
     * {@code 25 d + 5 i} values (two RMSNorms with their intermediates, the q/k/v projections and their rotary
     * copies, the attention output and residuals, the SwiGLU intermediates, the adapters' dropout and low-rank
     * products, with room for key/value heads repeated per query head) plus {@code 4 heads len^2} per sequence
     * (scores, scaled, masked, softmax); the output head's logits, log-softmax and gradient at the scored positions;
     * a quarter more for the backward pass's transients and the allocator. On the SmolLM2-135M shape, micro-batches
     * of 8 sequences of 105 tokens: estimate 3.1 GB; the process's peak resident memory grew by 3.5 GB when the
     * network repeated key/value heads, by 1.8 GB since it no longer copies them (bench/lora-bench.sh).
     */
    @Override
    public long trainingBytes(int sequences, int paddedLength, int scoredTokens) {
        LlamaConfig config = model.config();
        double perToken = 25.0 * config.hiddenSize() + 5.0 * config.intermediateSize();
        double attention = 4.0 * config.heads() * (double) paddedLength * paddedLength;
        double layers = config.layers() * (sequences * (paddedLength * perToken + attention));
        double head = 3.0 * scoredTokens * config.vocabSize();
        return (long) (4 * 1.25 * (layers + head));
    }

    @Override
    public NDArray continuationLogProbs(NDManager manager, List<int[]> contexts, List<int[]> continuations,
            LoraAdapters adapters) {
        List<long[]> rows = new ArrayList<>(contexts.size());
        int[] lengths = new int[contexts.size()];
        OptionalInt bos = bosToken();
        for (int s = 0; s < contexts.size(); s++) {
            int[] context = contexts.get(s);
            int[] continuation = continuations.get(s);
            int offset = bos.isPresent() ? 1 : 0;
            long[] row = new long[offset + context.length + continuation.length];
            if (bos.isPresent()) {
                row[0] = bos.getAsInt();
            }
            for (int i = 0; i < context.length; i++) {
                row[offset + i] = context[i];
            }
            for (int i = 0; i < continuation.length; i++) {
                row[offset + context.length + i] = continuation[i];
            }
            rows.add(row);
            lengths[s] = continuation.length;
        }
        LlamaNetwork network = model.network();
        network.setLinearHook(hook(adapters));
        try {
            return network.continuationLogProbs(manager, PaddedBatch.leftPadded(rows, model.tokenizer().pad()),
                    lengths).sum(new int[] {1});
        } finally {
            network.setLinearHook(LinearHook.NONE);
        }
    }

    private static LinearHook hook(LoraAdapters adapters) {
        return (layer, projection, input) -> adapters.delta(layer, module(projection), input);
    }

    /**
     * The adapted model: {@link LlamaModel}'s own scoring and generation with the adapters' hook installed during
     * each call; its identity is the base identity with an {@code adapter} setting (rank, alpha, targets and the
     * SHA-256 of the adapter values), so caches and manifests tell adapted outputs from base ones.
     */
    @Override
    public LanguageModel withAdapters(LoraAdapters adapters) {
        String description = describe(adapters);
        return new LanguageModel() {
            @Override
            public ModelIdentity identity() {
                java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(baseIdentity.settings());
                settings.put("adapter", description);
                return new ModelIdentity(baseIdentity.name(), baseIdentity.source(), baseIdentity.weightsSha256(),
                        settings);
            }

            @Override
            public int contextLength() {
                return model.contextLength();
            }

            @Override
            public int[] tokenCounts(List<String> texts, Progress progress) {
                return model.tokenCounts(texts, progress);
            }

            @Override
            public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
                return adapted(adapters, description, () -> model.logLikelihoods(requests, progress));
            }

            @Override
            public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
                return adapted(adapters, description, () -> model.generate(requests, progress));
            }

            /** Closes neither the model nor the adapters. */
            @Override
            public void close() {
            }
        };
    }

    /** Runs a call of the base model with the adapters' hook installed, and removes it afterwards. */
    private <T> T adapted(LoraAdapters adapters, String description, java.util.function.Supplier<T> call) {
        model.setLinearHook(hook(adapters), description);
        try {
            return call.get();
        } finally {
            model.setLinearHook(LinearHook.NONE, "");
        }
    }

    /** {@code lora r16 alpha32.0 q_proj,v_proj sha256=...} over the adapter values in order. */
    static String describe(LoraAdapters adapters) {
        MessageDigest digest = Sha256.newDigest();
        for (Map.Entry<String, float[]> entry : adapters.values().entrySet()) {
            digest.update(entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.allocate(4 * entry.getValue().length);
            bytes.asFloatBuffer().put(entry.getValue());
            digest.update(bytes.array());
        }
        return "lora r" + adapters.config().rank() + " alpha" + adapters.config().alpha() + " "
                + String.join(",", adapters.config().targetModules()) + " sha256=" + Sha256.hex(digest);
    }
}
