package org.easy2hard.model.llama.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.model.LanguageModelException;

/**
 * The Llama-family decoder on DJL NDArrays: token embedding, L blocks of (RMSNorm → grouped-query attention with
 * rotary embeddings → residual, RMSNorm → SwiGLU MLP → residual), a final RMSNorm and the output head (the embedding
 * matrix when tied). It follows Hugging Face's {@code LlamaForCausalLM} exactly: rotate-half rotary convention,
 * positions counted over real tokens (so left padding changes nothing), attention scores scaled by 1/√headDim and
 * masked causally and at padding.
 *
 * <p><b>Autograd.</b> The forward pass uses only differentiable NDArray operations and never copies to Java arrays,
 * so inside a {@code GradientCollector} gradients flow to whatever a {@link LinearHook} adds; the base weights never
 * require gradients (they are frozen). Every projection is {@code x·Wᵀ (+ b) + hook.delta(...)}.
 *
 * <p><b>Memory.</b> Weights belong to the network's NDManager. Each call takes a {@code scope} NDManager (a
 * sub-manager the caller closes after the batch) that creates the inputs; every intermediate result is computed
 * with an input-derived array as first operand, so it belongs to the scope and is freed with it at the latest.
 * Each block's intermediates are freed when the block is done (an {@code NDScope}), so a forward pass holds about
 * one block's activations, not all of them.
 *
 * <p><b>Data types.</b> The weights of the embedding, the projections and the head are kept in the compute type
 * ({@link LlamaWeights#load(LlamaConfig, SafeTensors, NDManager, int, DataType, LayerPlacement)}: float32 or float16), and so are
 * the residual stream, the matrix products and the key/value cache; RMSNorm (with its float32 weights), the attention
 * softmax (with its mask) and the logits are computed in float32, as Hugging Face's Llama does in half precision.
 * A float32 network runs exactly the float32 operations it always did.
 *
 * <p><b>Placement.</b> Blocks may live on several devices ({@link LayerPlacement}): the embedding with the first
 * block, the final norm and head with the last, and the residual stream (with the rotary tables and the mask) moves
 * to the next device when a block on another device takes over.
 */
public final class LlamaNetwork implements AutoCloseable {

    /** Added to the attention scores of masked keys: finite, so fully masked (padding) rows stay finite. */
    private static final float MASKED = -1e9f;

    private final LlamaConfig config;
    private final NDManager manager;
    private final NDArray embedding;
    private final NDArray head;
    private final NDArray finalNorm;
    private final List<Block> blocks;
    private final NDArray cosTable;
    private final NDArray sinTable;
    private final int maxPositions;
    private final DataType dataType;
    private final LayerPlacement placement;
    private volatile LinearHook hook = LinearHook.NONE;

    /**
     * One block's weights; biases absent (null) unless the config has them; {@code scale} is 1/√headDim in the
     * compute type on the block's device (a scalar PyTorch owns: autograd keeps it for the backward pass).
     */
    record Block(NDArray inputNorm, NDArray postNorm, Map<Projection, NDArray> weights,
            Map<Projection, NDArray> biases, NDArray scale) {
    }

    /**
     * The result of a forward pass.
     *
     * @param last         the final hidden states after the final RMSNorm, [batch, tokens, d] (what the head reads)
     * @param hiddenStates the requested hidden states by index, Hugging Face's {@code hidden_states} convention:
     *                     0 = embeddings, i = output of block i, L = the final normed states (same as
     *                     {@code last})
     */
    public record Output(NDArray last, Map<Integer, NDArray> hiddenStates) {
    }

    /**
     * Continuation scores of a batch.
     *
     * @param logProbs per-token log-probabilities [batch, C] of each row's last {@code continuation[b]} tokens,
     *                 right-aligned (C = the longest continuation); entries before a row's continuation are 0
     * @param greedy   [batch, C] booleans: whether the token was the most probable one (false in the padding)
     */
    public record ContinuationScores(NDArray logProbs, NDArray greedy) {
    }

    LlamaNetwork(LlamaConfig config, NDManager manager, NDArray embedding, NDArray head, NDArray finalNorm,
            List<Block> blocks, int maxPositions, DataType dataType, LayerPlacement placement) {
        this.config = config;
        this.dataType = dataType;
        this.placement = placement;
        this.manager = manager;
        this.embedding = embedding;
        this.head = head;
        this.finalNorm = finalNorm;
        this.blocks = List.copyOf(blocks);
        this.maxPositions = maxPositions;
        double[] inverse = config.inverseFrequencies();
        int half = inverse.length;
        float[] cos = new float[maxPositions * config.headDim()];
        float[] sin = new float[maxPositions * config.headDim()];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * inverse[i];
                // Hugging Face repeats the frequencies: emb = cat(freqs, freqs)
                cos[p * config.headDim() + i] = (float) Math.cos(angle);
                cos[p * config.headDim() + i + half] = (float) Math.cos(angle);
                sin[p * config.headDim() + i] = (float) Math.sin(angle);
                sin[p * config.headDim() + i + half] = (float) Math.sin(angle);
            }
        }
        this.cosTable = typed(manager.create(cos, new Shape(maxPositions, config.headDim())), dataType);
        this.sinTable = typed(manager.create(sin, new Shape(maxPositions, config.headDim())), dataType);
    }

    /** {@code array} in {@code type} (the same array when it has that type; otherwise the original is freed). */
    static NDArray typed(NDArray array, DataType type) {
        if (array.getDataType() == type) {
            return array;
        }
        try (array) {
            return array.toType(type, false);
        }
    }

    /** The architecture. */
    public LlamaConfig config() {
        return config;
    }

    /** The NDManager that owns the weights (its device is where the network runs). */
    public NDManager manager() {
        return manager;
    }

    /** The type the weights are kept and the matrix products computed in. */
    public DataType dataType() {
        return dataType;
    }

    /** Which device holds which blocks, or null when all are on {@link #manager()}'s device. */
    public LayerPlacement placement() {
        return placement;
    }

    /** The most positions a sequence may use (the rotary tables' length). */
    public int maxPositions() {
        return maxPositions;
    }

    /** Sets the hook that adds terms to every projection ({@link LinearHook#NONE} to remove it). */
    public void setLinearHook(LinearHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** The current hook. */
    public LinearHook linearHook() {
        return hook;
    }

    /**
     * Runs the decoder over a batch.
     *
     * @param scope        creates the inputs, so owns every intermediate array; close it after the batch
     * @param batch        left-padded tokens; with a non-empty cache, unpadded new tokens
     * @param cache        null, or a cache to fill (first call) and extend (later calls); the caller keeps the rows it
     *                     uses within {@link #maxPositions()} tokens
     * @param hiddenStates which hidden states to return (Hugging Face indices 0..L), possibly none
     * @return the final normed hidden states and the requested ones
     */
    public Output forward(NDManager scope, PaddedBatch batch, KvCache cache, int... hiddenStates) {
        int rows = batch.size();
        int width = batch.width();
        int past = cache == null ? 0 : cache.length();
        int[] padding = new int[rows];
        if (past == 0) {
            for (int b = 0; b < rows; b++) {
                padding[b] = batch.padding(b);
            }
            if (cache != null) {
                cache.start(padding);
            }
        } else {
            padding = cache.padding();
            if (rows != padding.length) {
                throw new IllegalArgumentException("cache holds " + padding.length + " rows, batch has " + rows);
            }
            for (int b = 0; b < rows; b++) {
                if (batch.padding(b) != 0) {
                    throw new IllegalArgumentException("tokens added to a cache must not be padded (row " + b + ")");
                }
            }
        }
        int keysLength = past + width;
        if (past == 0 && width - Arrays.stream(padding).min().orElse(0) > maxPositions) {
            throw new LanguageModelException("a sequence of " + (width - Arrays.stream(padding).min().orElse(0))
                    + " tokens exceeds the context length " + maxPositions);
        }
        long[] positions = new long[rows * width];
        float[] mask = new float[rows * width * keysLength];
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < width; t++) {
                // Rows that a generation has finished are still fed (their outputs are ignored) and may run past
                // the rotary table; their positions are clamped. Rows in use are kept within it by the caller.
                positions[b * width + t] = Math.min(maxPositions - 1, Math.max(0, past + t - padding[b]));
                int base = (b * width + t) * keysLength;
                for (int j = 0; j < keysLength; j++) {
                    boolean visible = j >= padding[b] && j <= past + t;
                    mask[base + j] = visible ? 0f : MASKED;
                }
            }
        }
        NDArray ids = scope.create(batch.flat(), new Shape(rows, width));
        NDArray positionIds = scope.create(positions, new Shape(rows, width));
        NDArray bias = scope.create(mask, new Shape(rows, 1, width, keysLength));
        NDArray cos = lookup(positionIds, cosTable).expandDims(1);
        NDArray sin = lookup(positionIds, sinTable).expandDims(1);

        Map<Integer, NDArray> states = new LinkedHashMap<>();
        boolean[] wanted = new boolean[config.layers() + 1];
        for (int index : hiddenStates) {
            if (index < 0 || index > config.layers()) {
                throw new IllegalArgumentException("hidden state " + index + " outside 0.." + config.layers());
            }
            wanted[index] = true;
        }
        NDArray x = lookup(ids, embedding);
        if (wanted[0]) {
            states.put(0, x);
        }
        for (int layer = 0; layer < blocks.size(); layer++) {
            Device device = blocks.get(layer).inputNorm().getDevice();
            if (!x.getDevice().equals(device)) {
                // The hand-over to the next device: the residual stream and what every block reads move along
                // (copies that belong to the caller's scope; keys and values stay with their block's device).
                NDArray moved = x.toDevice(device, true);
                if (!wanted[layer]) {
                    x.close();
                }
                x = moved;
                cos = cos.toDevice(device, true);
                sin = sin.toDevice(device, true);
                bias = bias.toDevice(device, true);
            }
            NDArray input = x;
            // A block's intermediate arrays are freed as soon as it is done (they would otherwise live until the
            // caller's scope closes: gigabytes for a batch of long sequences). Under autograd this is safe: the
            // graph keeps its own references to what backward needs.
            try (NDScope blockScope = new NDScope()) {
                blockScope.suppressNotUsedWarning();
                x = block(layer, x, cos, sin, bias, cache);
                NDScope.unregister(x);
                if (cache != null) {
                    NDScope.unregister(cache.arrays());
                }
            }
            if (!wanted[layer]) {
                input.close();
            }
            if (layer + 1 < config.layers() && wanted[layer + 1]) {
                states.put(layer + 1, x);
            }
        }
        if (cache != null) {
            cache.advance(width);
        }
        if (!x.getDevice().equals(finalNorm.getDevice())) {
            x = x.toDevice(finalNorm.getDevice(), true);
        }
        NDArray last = rmsNorm(x, finalNorm);
        if (wanted[config.layers()]) {
            states.put(config.layers(), last);
        }
        return new Output(last, states);
    }

    /**
     * Logits of the output head for hidden states [..., d] (after the final norm): [..., vocab], float32 whatever
     * the compute type (log-probabilities are accumulated in float32).
     */
    public NDArray logits(NDArray hidden) {
        return toFloat32(Linear.linear(hidden, head, null).singletonOrThrow());
    }

    /**
     * {@code array} on {@code other}'s device (itself when it is there): inputs a caller's scope made on the first
     * device meet outputs of the head, which lives on the last one.
     */
    public static NDArray beside(NDArray array, NDArray other) {
        return array.getDevice().equals(other.getDevice()) ? array : array.toDevice(other.getDevice(), false);
    }

    /** {@code array} as float32 (itself when it is), differentiably ({@link ComputeTypes#cast}). */
    public static NDArray toFloat32(NDArray array) {
        return ComputeTypes.cast(array, DataType.FLOAT32);
    }

    /**
     * Log-probabilities of each row's last {@code continuation[b]} tokens given everything before them, and
     * whether each was the argmax; differentiable (inside a gradient collector) through the log-probabilities.
     * Only the continuation positions go through the output head, so long contexts cost no vocabulary-sized
     * tensors.
     *
     * @param continuation per row, how many final tokens to score (&ge; 1, and fewer than the row's length)
     */
    public ContinuationScores scoreContinuations(NDManager scope, PaddedBatch batch, int[] continuation) {
        int rows = batch.size();
        int width = batch.width();
        int longest = 0;
        for (int b = 0; b < rows; b++) {
            if (continuation[b] < 1 || continuation[b] >= batch.lengths()[b]) {
                throw new IllegalArgumentException("row " + b + ": cannot score " + continuation[b] + " of "
                        + batch.lengths()[b] + " tokens (the first token has no prediction)");
            }
            longest = Math.max(longest, continuation[b]);
        }
        Output output = forward(scope, batch, null);
        NDArray hidden = output.last().get(new NDIndex(":, {}:{}", width - longest - 1, width - 1));
        NDArray logProbs = logits(hidden).logSoftmax(-1);
        long[] targets = new long[rows * longest];
        float[] inside = new float[rows * longest];
        long[][] tokens = batch.tokens();
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < longest; c++) {
                targets[b * longest + c] = tokens[b][width - longest + c];
                inside[b * longest + c] = c >= longest - continuation[b] ? 1f : 0f;
            }
        }
        NDArray targetIds = beside(scope.create(targets, new Shape(rows, longest, 1)), logProbs);
        NDArray picked = logProbs.gather(targetIds, -1).squeeze(-1);
        NDArray mask = beside(scope.create(inside, new Shape(rows, longest)), logProbs);
        NDArray greedy = logProbs.argMax(-1).eq(targetIds.squeeze(-1)).logicalAnd(mask.toType(DataType.BOOLEAN,
                false));
        return new ContinuationScores(picked.mul(mask), greedy);
    }

    /** As {@link #scoreContinuations}, the log-probabilities only: [batch, C], zero outside each continuation. */
    public NDArray continuationLogProbs(NDManager scope, PaddedBatch batch, int[] continuation) {
        return scoreContinuations(scope, batch, continuation).logProbs();
    }

    private NDArray block(int layer, NDArray x, NDArray cos, NDArray sin, NDArray bias, KvCache cache) {
        Block weights = blocks.get(layer);
        long rows = x.getShape().get(0);
        long width = x.getShape().get(1);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();

        NDArray h = rmsNorm(x, weights.inputNorm());
        NDArray q = project(layer, Projection.Q, h, weights).reshape(rows, width, heads, headDim)
                .transpose(0, 2, 1, 3);
        NDArray k = project(layer, Projection.K, h, weights).reshape(rows, width, kvHeads, headDim)
                .transpose(0, 2, 1, 3);
        NDArray v = project(layer, Projection.V, h, weights).reshape(rows, width, kvHeads, headDim)
                .transpose(0, 2, 1, 3);
        q = rotate(q, cos, sin);
        k = rotate(k, cos, sin);
        if (cache != null) {
            NDArray[] all = cache.append(layer, k, v);
            k = all[0];
            v = all[1];
        }
        // Grouped-query attention without copying keys and values per query head: the query heads that share a
        // key/value head (heads kv·g .. kv·g + g − 1, as Hugging Face's repeat_kv pairs them) are stacked along the
        // token axis, [b, kvHeads, g·t, d], and meet their key/value head in one matrix product.
        int group = heads / kvHeads;
        long keys = k.getShape().get(2);
        NDArray grouped = q.reshape(rows, kvHeads, (long) group * width, headDim);
        // The scale is a scalar PyTorch owns (the block's): mul(Number) makes it over a JVM buffer that DJL frees
        // right after the operation, while autograd keeps it for the backward pass (LoraAdapters.scalar). The mask
        // and the softmax run in float32 whatever the compute type.
        NDArray scores = toFloat32(grouped.matMul(k.transpose(0, 1, 3, 2)).mul(weights.scale()))
                .reshape(rows, kvHeads, group, width, keys).add(bias.expandDims(1))
                .softmax(-1).reshape(rows, kvHeads, (long) group * width, keys);
        scores = ComputeTypes.cast(scores, dataType);
        NDArray attention = scores.matMul(v).reshape(rows, heads, width, headDim).transpose(0, 2, 1, 3)
                .reshape(rows, width, (long) heads * headDim);
        x = x.add(project(layer, Projection.O, attention, weights));

        h = rmsNorm(x, weights.postNorm());
        NDArray gate = project(layer, Projection.GATE, h, weights);
        NDArray up = project(layer, Projection.UP, h, weights);
        NDArray activated = gate.mul(Activation.sigmoid(gate)).mul(up);
        return x.add(project(layer, Projection.DOWN, activated, weights));
    }

    /** Rows of {@code table} at {@code indices}, as an array of the indices' scope. */
    private static NDArray lookup(NDArray indices, NDArray table) {
        return Embedding.embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** y = x·Wᵀ (+ b) + hook. */
    private NDArray project(int layer, Projection projection, NDArray input, Block weights) {
        NDArray output = Linear.linear(input, weights.weights().get(projection), weights.biases().get(projection))
                .singletonOrThrow();
        NDArray delta = hook.delta(layer, projection, input);
        return delta == null ? output : output.add(delta);
    }

    /** RMSNorm in float32 (its weight is float32), returned in the compute type. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray wide = toFloat32(x);
        NDArray rms = wide.square().mean(new int[] {-1}, true).add(config.rmsNormEps()).sqrt();
        NDArray normed = wide.div(rms).mul(weight);
        return ComputeTypes.cast(normed, dataType);
    }

    /** Rotary embedding, rotate-half convention: x·cos + cat(−x₂, x₁)·sin. */
    private NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        int half = config.headDim() / 2;
        NDArray first = x.get(new NDIndex("..., :{}", half));
        NDArray second = x.get(new NDIndex("..., {}:", half));
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
