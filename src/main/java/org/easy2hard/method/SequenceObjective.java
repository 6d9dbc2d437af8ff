package org.easy2hard.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.data.Item;
import org.easy2hard.model.lora.AdaptableLanguageModel;
import org.easy2hard.model.lora.LoraAdapters;

/**
 * The part the two fine-tuning objectives share: every training item becomes one or more (context, continuation)
 * token sequences, tokenized once up front (context and continuation separately, as the paper's scoring does),
 * checked against the model's context length, and scored together by the adapted model per micro-batch.
 */
abstract class SequenceObjective implements TrainingObjective {

    private final AdaptableLanguageModel model;
    private final LoraAdapters adapters;
    private final List<Item> items;
    private final List<List<int[]>> contexts = new ArrayList<>();
    private final List<List<int[]>> continuations = new ArrayList<>();

    /**
     * @param texts per item, its (context, continuation) text pairs; {@code endWithEos} appends the EOS token to
     *              every continuation
     */
    SequenceObjective(AdaptableLanguageModel model, LoraAdapters adapters, List<Item> items,
            List<List<String[]>> texts, boolean endWithEos) {
        this.model = model;
        this.adapters = adapters;
        this.items = List.copyOf(items);
        int bos = model.bosToken().isPresent() ? 1 : 0;
        for (int i = 0; i < items.size(); i++) {
            List<int[]> itemContexts = new ArrayList<>();
            List<int[]> itemContinuations = new ArrayList<>();
            for (String[] pair : texts.get(i)) {
                int[] context = model.tokenize(pair[0]);
                int[] continuation = model.tokenize(pair[1]);
                if (endWithEos) {
                    continuation = java.util.Arrays.copyOf(continuation, continuation.length + 1);
                    continuation[continuation.length - 1] = model.eosToken();
                }
                if (continuation.length == 0) {
                    throw new IllegalArgumentException("training item " + items.get(i).id()
                            + ": a continuation has no tokens");
                }
                int length = bos + context.length + continuation.length;
                if (length > model.contextLength()) {
                    throw new IllegalArgumentException("training item " + items.get(i).id() + " has " + length
                            + " tokens, more than the model's context length of " + model.contextLength());
                }
                itemContexts.add(context);
                itemContinuations.add(continuation);
            }
            contexts.add(itemContexts);
            continuations.add(itemContinuations);
        }
    }

    @Override
    public int size() {
        return items.size();
    }

    /** The training item of example i. */
    Item item(int example) {
        return items.get(example);
    }

    @Override
    public String describe(int example) {
        Item item = items.get(example);
        int longest = 0;
        for (int s = 0; s < contexts.get(example).size(); s++) {
            longest = Math.max(longest, contexts.get(example).get(s).length + continuations.get(example).get(s).length);
        }
        return "'" + item.id() + "' (" + contexts.get(example).size() + " sequence(s), longest " + longest
                + " tokens)";
    }

    @Override
    public long tokens(int example) {
        long tokens = 0;
        for (int s = 0; s < contexts.get(example).size(); s++) {
            tokens += contexts.get(example).get(s).length + continuations.get(example).get(s).length;
        }
        return tokens;
    }

    @Override
    public long memoryBytes(int[] examples) {
        int sequences = 0;
        int longest = 0;
        int longestContinuation = 0;
        int bos = model.bosToken().isPresent() ? 1 : 0;
        for (int example : examples) {
            for (int s = 0; s < contexts.get(example).size(); s++) {
                sequences++;
                int continuation = continuations.get(example).get(s).length;
                longest = Math.max(longest, bos + contexts.get(example).get(s).length + continuation);
                longestContinuation = Math.max(longestContinuation, continuation);
            }
        }
        return model.trainingBytes(sequences, longest, sequences * longestContinuation);
    }

    /** Number of sequences of example i. */
    int sequences(int example) {
        return contexts.get(example).size();
    }

    /**
     * The summed continuation log-probability of every sequence of the examples, in example order and then
     * sequence order, recorded for autograd.
     */
    NDArray scores(NDManager manager, int[] examples) {
        List<int[]> batchContexts = new ArrayList<>();
        List<int[]> batchContinuations = new ArrayList<>();
        for (int example : examples) {
            batchContexts.addAll(contexts.get(example));
            batchContinuations.addAll(continuations.get(example));
        }
        return model.continuationLogProbs(manager, batchContexts, batchContinuations, adapters);
    }
}
