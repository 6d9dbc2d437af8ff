package org.easy2hard.method.prompt;

import java.util.List;
import org.easy2hard.data.DatasetId;
import org.easy2hard.method.FineTuningMethod;
import org.easy2hard.model.lora.AdaptableLanguageModel;

/**
 * The fine-tuning arm with the prompting arms' prompts, scoring and answer extraction (paper-spec §5.6): the
 * multiple-choice objective trains and answers on the zero-shot prompt of the item's format (0040 for ARC, MMLU and
 * user datasets, 0306 for StrategyQA) with the options' texts as continuations; the chain-of-thought objective
 * trains on {@code Q: {q}\nA:} followed by {@code {reasoning} So the answer is {answer}} and answers by greedy
 * generation judged by the paper's rule, with the strict and flexible extractors beside it, as
 * {@link PromptingMethod#judge} does for prompting (no stop string: a fine-tuned model stops at EOS).
 */
public final class PromptedFineTuning {

    private PromptedFineTuning() {
    }

    /**
     * A fine-tuning builder set up for one dataset; adjust LoRA, trainer or adapter directory on it, then build.
     *
     * @param model           the adaptable causal LM
     * @param dataset         whose prompt format to use
     * @param chainOfThought  the chain-of-thought objective (StrategyQA, GSM8k) instead of multiple choice
     * @param promptModelName the model name the prompt rules look at (one trailing space dropped for "llama")
     */
    public static FineTuningMethod.Builder builder(AdaptableLanguageModel model, DatasetId dataset,
            boolean chainOfThought, String promptModelName) {
        PromptFormat format = PromptFormat.forDataset(dataset, chainOfThought);
        FineTuningMethod.Builder builder = FineTuningMethod.builder().setModel(model)
                .optPrompt(item -> format.prompt(List.of(), item, promptModelName), format.id());
        if (chainOfThought) {
            return builder.optObjective(FineTuningMethod.Objective.CHAIN_OF_THOUGHT)
                    .optAnswerJudge((item, completion) -> PromptingMethod.judge(item, completion, null));
        }
        return builder.optObjective(FineTuningMethod.Objective.MULTIPLE_CHOICE)
                .optContinuations(item -> item.options().stream().map(PromptFormat::continuation).toList());
    }
}
