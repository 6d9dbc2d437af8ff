package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * What a {@link LlamaNetwork} needs in device memory, counted from its shapes and from the arrays its forward pass
 * allocates: the weights, the key/value cache of a batch, and the activations a batch holds at its peak.
 *
 * <p>The activations' peak is inside one block: a forward pass frees each block's intermediates when the block is
 * done, so what is live at once is the residual stream plus one block's intermediates, counted array by array from
 * {@code LlamaNetwork.block} (per token: the two RMSNorms, in float32; q, k, v and their rotary copies; the attention
 * output and its transposed copy; the output projection and residual; the SwiGLU's five intermediate-wide arrays; the
 * down projection and residual; per row, head, query and key: the scores, scaled, in float32, masked, softmax, and
 * back in the compute type), plus the float32 attention mask of the pass and the float32 logits and log-softmax of
 * the scored positions. The host memory of building the mask (a Java array and a direct buffer of the same size)
 * is not counted.
 *
 * @param weights       bytes of the weights
 * @param keyValueCache bytes of the keys and values of every layer for the batch (0 without a cache)
 * @param activations   bytes of the batch's activations at their peak
 */
public record MemoryEstimate(long weights, long keyValueCache, long activations) {

    /** The sum. */
    public long total() {
        return weights + keyValueCache + activations;
    }

    /** The batch's part: cache and activations. */
    public long batch() {
        return keyValueCache + activations;
    }

    /** Bytes of the token embedding. */
    public static long embeddingBytes(LlamaConfig config, DataType type) {
        return (long) config.vocabSize() * config.hiddenSize() * ComputeTypes.bytes(type);
    }

    /** Bytes of one decoder block (projections and biases in the compute type, norms in float32). */
    public static long blockBytes(LlamaConfig config, DataType type) {
        long values = 0;
        for (Projection projection : Projection.values()) {
            long[] inOut = LlamaWeights.inOut(config, projection);
            values += inOut[0] * inOut[1];
        }
        long q = (long) config.heads() * config.headDim();
        long kv = (long) config.kvHeads() * config.headDim();
        long biases = (config.qkvBias() ? q + 2 * kv : 0) + (config.outputBias() ? config.hiddenSize() : 0)
                + (config.mlpBias() ? 2L * config.intermediateSize() + config.hiddenSize() : 0);
        return (values + biases) * ComputeTypes.bytes(type) + 2L * 4 * config.hiddenSize();
    }

    /** Bytes of the final norm and the head (the head counts even when tied: a placement may copy it). */
    public static long headBytes(LlamaConfig config, DataType type) {
        long head = config.tieWordEmbeddings() ? 0 : embeddingBytes(config, type);
        return head + 4L * config.hiddenSize();
    }

    /** Bytes of all the weights (a tied head counted once). */
    public static long weightBytes(LlamaConfig config, DataType type) {
        return embeddingBytes(config, type) + config.layers() * blockBytes(config, type) + headBytes(config, type);
    }

    /**
     * The estimate for one forward pass.
     *
     * @param rows    sequences in the batch
     * @param tokens  padded length of the batch (and the keys each query sees)
     * @param scored  positions whose log-probabilities are computed (rows × continuation length for scoring; 1 per
     *                row for generation)
     * @param cached  whether the pass fills a key/value cache (generation, shared contexts)
     */
    public static MemoryEstimate of(LlamaConfig config, DataType type, int rows, int tokens, int scored,
            boolean cached) {
        long b = ComputeTypes.bytes(type);
        boolean half = type != DataType.FLOAT32;
        long d = config.hiddenSize();
        long i = config.intermediateSize();
        long q = (long) config.heads() * config.headDim();
        long kv = (long) config.kvHeads() * config.headDim();
        // one RMSNorm: float32 square, quotient and product (and, in half precision, the float32 input and the
        // result cast back)
        long norm = half ? d * (4 * 4 + b) : d * 4 * 3;
        long perToken = 2 * b * d                  // the block's input and the previous block's output
                + 2 * norm
                + b * (q + 2 * kv)                 // q, k, v
                + b * (q + kv) * 9 / 2             // rotary: half-negation, concatenation, two products, sum
                + 2 * b * q                        // attention output and its transposed copy
                + 2 * b * d                        // output projection, residual
                + 5 * b * i                        // gate, sigmoid, gate·sigmoid, up, product
                + 2 * b * d;                       // down projection, residual
        long perScore = half ? 2 * b + 3 * 4 + b : 4 * 4;
        long attention = (long) config.heads() * tokens * tokens * perScore;
        long logits = (long) scored * config.vocabSize() * (half ? b + 8 : 8);
        // the attention mask, float32 per row, query and key (LlamaNetwork.forward builds it once per pass)
        long mask = 4L * tokens * tokens;
        long activations = (long) rows * (tokens * perToken + attention + mask) + logits;
        long cache = cached ? 2L * config.layers() * kv * tokens * rows * b : 0;
        return new MemoryEstimate(weightBytes(config, type), cache, activations);
    }

    /** Rows of {@code tokens} tokens that fit in {@code budget} bytes of batch memory (at least 1). */
    public static int rowsWithin(LlamaConfig config, DataType type, int tokens, int scoredPerRow, boolean cached,
            long budget) {
        MemoryEstimate one = of(config, type, 1, tokens, scoredPerRow, cached);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / Math.max(1, one.batch())));
    }

    /** One line: weights, cache and activations in GiB. */
    public String describe() {
        return "weights " + gib(weights) + " + key/value cache " + gib(keyValueCache) + " + activations "
                + gib(activations) + " = " + gib(total());
    }

    /** Bytes as GiB with two decimals (MiB below one GiB). */
    public static String gib(long bytes) {
        if (bytes < (1L << 30)) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
