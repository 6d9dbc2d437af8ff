package org.easy2hard.method.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.easy2hard.data.Item;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.Progress;

/**
 * Builds each test item's prompt from a format and the bootstrap's demonstrations, dropping demonstrations from the
 * end where the prompt would not fit the model's context (paper-spec §5.2, §9 item 12), as the paper's
 * {@code data_utils.add_model_inputs_to_df} does:
 *
 * <ol>
 *   <li>a = tokens of the longest candidate answer (as scored: with its leading space), p = tokens of the prompt;</li>
 *   <li>if p + a + 1 &gt; context length (the 1 is the BOS token), demonstrations are dropped from the end, one at a
 *       time, <em>while</em> p &gt; context length − 2 − a (the paper's loop keeps room for BOS and EOS, one token
 *       more than the trigger), or until none is left.</li>
 * </ol>
 *
 * Token counts come from {@link LanguageModel#tokenCounts} in batches: first every full prompt and candidate, then
 * one batch per round of dropping for the items still too long. A prompt that does not fit even without
 * demonstrations is refused (the paper cut its tokens, losing the {@code "Answer:"} end; no dataset item comes near).
 */
final class PromptAssembler {

    private final PromptFormat format;
    private final String modelName;
    private final LanguageModel model;
    private final boolean leadingSpace;

    /**
     * @param format       the prompt format
     * @param modelName    the name the trailing-space rule reads
     * @param model        counts tokens and knows its context length
     * @param leadingSpace whether candidate answers are scored with a leading space
     */
    PromptAssembler(PromptFormat format, String modelName, LanguageModel model, boolean leadingSpace) {
        this.format = Objects.requireNonNull(format, "format");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.model = Objects.requireNonNull(model, "model");
        this.leadingSpace = leadingSpace;
    }

    /** One item's prompt and how many demonstrations it kept. */
    record BuiltPrompt(Item item, String text, int demosUsed) {
    }

    /**
     * The prompts of the given items, each with as many of the demonstrations (from the front) as fit.
     *
     * @throws LanguageModelException when an item's prompt does not fit without demonstrations
     */
    List<BuiltPrompt> build(List<Item> demos, List<Item> items, Progress progress) {
        int context = model.contextLength();
        List<String> candidates = new ArrayList<>();
        List<String> prompts = new ArrayList<>(items.size());
        for (Item item : items) {
            for (String answer : PromptFormat.candidates(item)) {
                candidates.add(PromptFormat.continuation(answer, leadingSpace));
            }
            prompts.add(format.prompt(demos, item, modelName));
        }
        int[] candidateCounts = model.tokenCounts(candidates, progress);
        int[] promptCounts = model.tokenCounts(prompts, progress);
        int[] longest = new int[items.size()];
        int[] used = new int[items.size()];
        int next = 0;
        List<Integer> shrinking = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int c = 0; c < PromptFormat.candidates(items.get(i)).size(); c++) {
                longest[i] = Math.max(longest[i], candidateCounts[next++]);
            }
            used[i] = demos.size();
            if (promptCounts[i] + longest[i] + 1 > context) {
                shrinking.add(i);
            }
        }
        while (true) {
            List<Integer> round = new ArrayList<>();
            for (int i : shrinking) {
                if (used[i] > 0 && promptCounts[i] > context - 2 - longest[i]) {
                    used[i]--;
                    prompts.set(i, format.prompt(demos.subList(0, used[i]), items.get(i), modelName));
                    round.add(i);
                }
            }
            if (round.isEmpty()) {
                break;
            }
            int[] counts = model.tokenCounts(round.stream().map(prompts::get).toList(), progress);
            for (int r = 0; r < round.size(); r++) {
                promptCounts[round.get(r)] = counts[r];
            }
        }
        List<BuiltPrompt> built = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (promptCounts[i] + longest[i] + 1 > context) {
                throw new LanguageModelException("item " + items.get(i).id() + ": its prompt has " + promptCounts[i]
                        + " tokens with " + used[i] + " demonstrations, too many for its longest answer ("
                        + longest[i] + " tokens) in a context of " + context + " tokens");
            }
            built.add(new BuiltPrompt(items.get(i), prompts.get(i), used[i]));
        }
        return built;
    }
}
