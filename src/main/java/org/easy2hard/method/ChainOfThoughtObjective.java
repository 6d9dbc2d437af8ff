package org.easy2hard.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.easy2hard.data.Item;
import org.easy2hard.model.lora.AdaptableLanguageModel;
import org.easy2hard.model.lora.LoraAdapters;

/**
 * The paper's chain-of-thought fine-tuning objective (paper-spec §5.6, {@code LM_loss}): input the zero-shot CoT
 * prompt {@code "Q: {q}\nA:"}, target {@code " {reasoning} So the answer is {answer}"} followed by the EOS token;
 * the loss of one item is minus the summed log-probability of its target tokens (the trainer averages over the
 * batch, i.e. over sequences).
 */
final class ChainOfThoughtObjective extends SequenceObjective {

    /**
     * @param prompt the context (the CoT prompt)
     * @param target the text to learn after the prompt (EOS is appended as a token)
     */
    ChainOfThoughtObjective(AdaptableLanguageModel model, LoraAdapters adapters, List<Item> items,
            Function<Item, String> prompt, Function<Item, String> target) {
        super(model, adapters, items, pairs(items, prompt, target), true);
    }

    private static List<List<String[]>> pairs(List<Item> items, Function<Item, String> prompt,
            Function<Item, String> target) {
        List<List<String[]>> pairs = new ArrayList<>(items.size());
        for (Item item : items) {
            pairs.add(List.<String[]>of(new String[] {prompt.apply(item), target.apply(item)}));
        }
        return pairs;
    }

    /** Minus the sum over the items of their target log-probabilities. */
    @Override
    public NDArray loss(NDManager manager, int[] examples) {
        return scores(manager, examples).sum().neg();
    }
}
