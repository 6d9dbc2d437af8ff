package org.easy2hard.hardness;

import java.util.List;
import org.easy2hard.data.DatasetId;

/**
 * The human and length hardness measures of each dataset with the paper's cutoffs (paper-spec §3.1,
 * {@code globals.data_x_hardness_var_to_cutoffs}). The paper's main table stratifies by the measures marked
 * {@link HardnessMeasure#paperDefault()}; the others are in its appendix or correlation plots. Model-based (MDL)
 * measures are added with {@link HardnessMeasure#of}.
 */
public final class HardnessCatalog {

    private static final BinningRule.Quantile Q = BinningRule.Quantile.PAPER;

    private static final List<HardnessMeasure> ARC = List.of(
            new HardnessMeasure("human_grade", "Grade level", new BinningRule.Fixed(5, 8), true),
            new HardnessMeasure("human_difficulty", "Expert difficulty", new BinningRule.Fixed(1, 3), true),
            new HardnessMeasure("human_bloom", "Bloom skill", new BinningRule.Fixed(2, 4), true),
            new HardnessMeasure("human_depth_of_knowledge", "Depth of knowledge", new BinningRule.Fixed(1, 3), false),
            new HardnessMeasure("question_num_words", "Question words", Q, true),
            new HardnessMeasure("answer_num_words", "Answer words", Q, true),
            new HardnessMeasure("answer_num_chars", "Answer chars", Q, false));

    private static final List<HardnessMeasure> MMLU = List.of(
            new HardnessMeasure("human_hardness", "HS vs college", new BinningRule.Fixed(0, 1), true),
            new HardnessMeasure("question_num_words", "Question words", Q, true),
            new HardnessMeasure("answer_num_chars", "Answer chars", Q, true));

    private static final List<HardnessMeasure> STRATEGYQA = List.of(
            new HardnessMeasure("num_steps", "Reasoning steps", new BinningRule.Fixed(2, 4), true),
            new HardnessMeasure("question_num_words", "Question words", Q, true),
            new HardnessMeasure("reasoning_num_words", "Reasoning words", Q, true));

    private static final List<HardnessMeasure> GSM8K = List.of(
            new HardnessMeasure("num_steps", "Reasoning steps", new BinningRule.Fixed(4, 7), true),
            new HardnessMeasure("question_num_words", "Question words", Q, true),
            new HardnessMeasure("reasoning_num_words", "Reasoning words", Q, true),
            new HardnessMeasure("answer_num_chars", "Answer chars", Q, true));

    private HardnessCatalog() {
    }

    /** Every human and length measure defined for the dataset, the paper's defaults first in its order. */
    public static List<HardnessMeasure> measures(DatasetId dataset) {
        return switch (dataset) {
            case ARC -> ARC;
            case MMLU -> MMLU;
            case STRATEGYQA -> STRATEGYQA;
            case GSM8K -> GSM8K;
            // A user dataset's measures come with its file (UserMeasures), not from this catalog.
            case USER -> List.of();
        };
    }

    /** The measures the paper's main easy-to-hard table stratifies by. */
    public static List<HardnessMeasure> paperDefaults(DatasetId dataset) {
        return measures(dataset).stream().filter(HardnessMeasure::paperDefault).toList();
    }

    /**
     * One measure of the dataset by its name.
     *
     * @throws IllegalArgumentException naming the dataset's measures when it has no such measure
     */
    public static HardnessMeasure find(DatasetId dataset, String name) {
        return measures(dataset).stream()
                .filter(measure -> measure.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(MeasureNames.unknown(name,
                        measures(dataset).stream().map(HardnessMeasure::name).toList(), dataset.toString())));
    }
}
