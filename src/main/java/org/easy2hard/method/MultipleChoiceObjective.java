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
 * The paper's multiple-choice fine-tuning objective (paper-spec §5.3, §5.6): for each option, the summed
 * log-probability of its continuation tokens after the prompt; a softmax over the item's options; cross-entropy on
 * the gold option. One example = one item with all its options (they must share a micro-batch for the softmax).
 */
final class MultipleChoiceObjective extends SequenceObjective {

    private final int[] gold;

    /**
     * @param prompt        the context of every option (the zero-shot prompt)
     * @param continuations the scored texts, one per option in option order (the option text after a space)
     */
    MultipleChoiceObjective(AdaptableLanguageModel model, LoraAdapters adapters, List<Item> items,
            Function<Item, String> prompt, Function<Item, List<String>> continuations) {
        super(model, adapters, items, pairs(items, prompt, continuations), false);
        this.gold = items.stream().mapToInt(Item::goldIndex).toArray();
    }

    private static List<List<String[]>> pairs(List<Item> items, Function<Item, String> prompt,
            Function<Item, List<String>> continuations) {
        List<List<String[]>> pairs = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!item.isMultipleChoice()) {
                throw new IllegalArgumentException("item " + item.id() + " has no options; the multiple-choice "
                        + "objective needs them (use the chain-of-thought objective)");
            }
            String context = prompt.apply(item);
            List<String> texts = continuations.apply(item);
            if (texts.size() != item.options().size()) {
                throw new IllegalArgumentException("item " + item.id() + ": " + texts.size() + " continuations for "
                        + item.options().size() + " options");
            }
            List<String[]> itemPairs = new ArrayList<>(texts.size());
            for (String text : texts) {
                itemPairs.add(new String[] {context, text});
            }
            pairs.add(itemPairs);
        }
        return pairs;
    }

    /** Sum over the items of -log softmax(option scores)[gold]. */
    @Override
    public NDArray loss(NDManager manager, int[] examples) {
        NDArray scores = scores(manager, examples);
        NDArray total = null;
        int offset = 0;
        for (int example : examples) {
            int options = sequences(example);
            NDArray itemScores = scores.get(offset + ":" + (offset + options));
            NDArray nll = itemScores.logSoftmax(0).get(gold[example]).neg();
            total = total == null ? nll : total.add(nll);
            offset += options;
        }
        return total;
    }
}
