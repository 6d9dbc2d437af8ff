package org.easy2hard.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.easy2hard.data.Item;

/**
 * The text whose hidden state is a linear probe's feature for one (item, option) pair.
 *
 * <p>{@link #ZERO_SHOT_PROMPT} is the paper's choice (paper-spec §5.5): the hidden state at the last token of "the
 * zero-shot prompt + the option text", with the prompt formats of §5.2:
 * <ul>
 *   <li>ARC and MMLU, prompt {@code 0040}: {@code "Question: {q} \nA) {o1}\nB) {o2}...\nAnswer:"} &mdash; the
 *       option list is appended to the question after one space, and the test block has no space before
 *       {@code "\nAnswer:"}; option letters run A, B, C, ... for as many options as the item has;</li>
 *   <li>StrategyQA, prompt {@code 0306}: {@code "Q: {q}\nA:"} (no option list).</li>
 * </ul>
 * The option text follows the prompt after one space, the text-level equivalent of the paper's tokenizer adding a
 * leading-space token to the separately tokenized answer (§5.3 step 1). The prompt keeps no trailing space, as the
 * paper does for Llama models.
 *
 * <p>{@link #QUESTION_ANSWER} is {@code "Question: {q}\nAnswer: {option}"}, the text the planning measurement
 * (feasibility.md) used with sentence encoders, kept as an option for comparison.
 */
public enum FeatureTemplate {

    /** The paper's zero-shot prompt ({@code 0040} / {@code 0306}) followed by a space and the option text. */
    ZERO_SHOT_PROMPT("zero-shot-prompt") {
        @Override
        public String prompt(Item item) {
            return zeroShotPrompt(item);
        }
    },

    /** {@code "Question: {q}\nAnswer: {option}"}: no option list, the same for every dataset. */
    QUESTION_ANSWER("question-answer") {
        @Override
        public String prompt(Item item) {
            requireMultipleChoice(item);
            return "Question: " + item.question() + "\nAnswer:";
        }
    };

    private final String id;

    FeatureTemplate(String id) {
        this.id = id;
    }

    /** The name used in settings and manifests, e.g. {@code zero-shot-prompt}. */
    public String id() {
        return id;
    }

    /**
     * The text before the answer: the option text is appended to it after one space.
     *
     * @throws IllegalArgumentException for items without options (GSM8k)
     */
    public abstract String prompt(Item item);

    /**
     * The feature text of one option: {@link #prompt(Item)}, a space, and the option's text.
     *
     * @param item   a multiple-choice item
     * @param option index of the option, 0-based
     */
    public String text(Item item, int option) {
        if (option < 0 || option >= item.options().size()) {
            throw new IndexOutOfBoundsException("item " + item.id() + " has " + item.options().size()
                    + " options, not option " + option);
        }
        return prompt(item) + " " + item.options().get(option);
    }

    /** The feature texts of all of an item's options, in option order. */
    public List<String> texts(Item item) {
        String prompt = prompt(item);
        List<String> texts = new ArrayList<>(item.options().size());
        for (String option : item.options()) {
            texts.add(prompt + " " + option);
        }
        return texts;
    }

    /**
     * Parses an {@link #id()} such as {@code question-answer} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid ids when the id is unknown
     */
    public static FeatureTemplate parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (FeatureTemplate template : values()) {
            if (template.id.equals(wanted)) {
                return template;
            }
        }
        throw new IllegalArgumentException("unknown feature template '" + id + "'; choose zero-shot-prompt or "
                + "question-answer");
    }

    /**
     * The paper's zero-shot test block for an item (paper-spec §5.2): {@code 0040} for ARC and MMLU, {@code 0306}
     * for StrategyQA.
     *
     * @throws IllegalArgumentException for items without options (GSM8k) or with more than 26 options
     */
    public static String zeroShotPrompt(Item item) {
        requireMultipleChoice(item);
        return switch (item.dataset()) {
            case STRATEGYQA -> "Q: " + item.question() + "\nA:";
            // A user's multiple-choice items get the lettered-options prompt of ARC and MMLU.
            case ARC, MMLU, USER -> {
                List<String> options = item.options();
                if (options.size() > 26) {
                    throw new IllegalArgumentException("item " + item.id() + ": " + options.size()
                            + " options do not fit the letters A-Z");
                }
                StringBuilder text = new StringBuilder("Question: ").append(item.question()).append(' ');
                for (int i = 0; i < options.size(); i++) {
                    text.append('\n').append((char) ('A' + i)).append(") ").append(options.get(i));
                }
                yield text.append("\nAnswer:").toString();
            }
            case GSM8K -> throw new IllegalArgumentException("GSM8k items are generative; no option prompt");
        };
    }

    private static void requireMultipleChoice(Item item) {
        if (!item.isMultipleChoice()) {
            throw new IllegalArgumentException("item " + item.id() + " has no options; a feature template needs a "
                    + "multiple-choice item");
        }
    }
}
