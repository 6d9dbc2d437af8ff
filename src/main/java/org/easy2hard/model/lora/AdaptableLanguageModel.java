package org.easy2hard.model.lora;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.OptionalInt;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.ModelIdentity;

/**
 * A causal language model whose linear projections can carry {@link LoraAdapters}, as the fine-tuning code sees
 * it: tokens in, differentiable continuation log-probabilities out, and the adapted model as an ordinary
 * {@link LanguageModel} for evaluation. The base weights are never trained; gradients flow only into the adapters.
 */
public interface AdaptableLanguageModel {

    /** The base model's identity (part of every adapter's metadata and of the method's settings). */
    ModelIdentity identity();

    /** The most tokens one sequence (BOS + context + continuation) may have. */
    int contextLength();

    /** Token ids of a text without special tokens (contexts and continuations are tokenized separately). */
    int[] tokenize(String text);

    /** The BOS token prepended to every sequence, when the tokenizer has one (paper-spec §5.1). */
    OptionalInt bosToken();

    /** The end-of-sequence token that closes chain-of-thought targets. */
    int eosToken();

    /** The device the model computes on. */
    Device device();

    /**
     * The projections named in {@code modules}, one per decoder layer and module, with their shapes, in layer order
     * and then in the order of {@code modules}.
     *
     * @throws IllegalArgumentException naming a module the model does not have
     */
    List<LoraTarget> loraTargets(List<String> modules);

    /**
     * An estimate, in bytes, of the device memory one training forward and backward pass needs for a micro-batch
     * (activations kept for the backward pass, attention scores, logits at the scored positions), excluding the
     * weights. Used to size micro-batches; it should err on the high side.
     *
     * @param sequences     sequences in the micro-batch
     * @param paddedLength  tokens per sequence after padding, BOS included
     * @param scoredTokens  positions that go through the output head: sequences times the longest continuation
     */
    long trainingBytes(int sequences, int paddedLength, int scoredTokens);

    /**
     * The summed log-probability of each continuation given its context under the adapted model, recorded for
     * DJL's autograd when the adapters are in training mode: one value per pair, shape (n), float32, belonging to
     * {@code manager}. The BOS token, when there is one, goes before each context.
     *
     * @param manager       owns the result and the intermediate arrays
     * @param contexts      context token ids per sequence (may be empty)
     * @param continuations continuation token ids per sequence (not empty)
     * @param adapters      the adapters applied to the projections
     */
    NDArray continuationLogProbs(NDManager manager, List<int[]> contexts, List<int[]> continuations,
            LoraAdapters adapters);

    /**
     * The model with the adapters applied, as a {@link LanguageModel} (scoring and generation on the same code path
     * as the unadapted model). The view borrows the model and the adapters: closing it closes neither.
     */
    LanguageModel withAdapters(LoraAdapters adapters);
}
