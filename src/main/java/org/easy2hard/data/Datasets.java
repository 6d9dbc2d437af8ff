package org.easy2hard.data;

/**
 * Entry points for the four datasets as the paper's experiments use them. Each method reads the files afresh; keep
 * the returned {@link Dataset} rather than calling again.
 *
 * <pre>{@code
 * DataStore store = DataStore.fromSettings();
 * Dataset arc = Datasets.arc(store);          // 3,521-item probing set
 * Dataset college = Datasets.mmlu(store).filter("college", i -> i.hardness("human_hardness").orElse(0) == 1);
 * }</pre>
 */
public final class Datasets {

    private Datasets() {
    }

    /** The probing set of a dataset: what every experiment uses (hold-out removed for ARC and GSM8k). */
    public static Dataset load(DatasetId id, DataStore store) {
        return switch (id) {
            case ARC -> arc(store);
            case MMLU -> mmlu(store);
            case STRATEGYQA -> strategyQa(store);
            case GSM8K -> gsm8k(store);
            case USER -> throw userData();
        };
    }

    /** Every item of a dataset, hold-out included (for ARC the paper's {@code ai2_arc_all}, used by Figure 1). */
    public static Dataset loadAll(DatasetId id, DataStore store) {
        return switch (id) {
            case ARC -> new ArcLoader().load(store);
            case MMLU -> mmlu(store);
            case STRATEGYQA -> strategyQa(store);
            case GSM8K -> new Gsm8kLoader().load(store);
            case USER -> throw userData();
        };
    }

    private static IllegalArgumentException userData() {
        return new IllegalArgumentException("a user dataset is not in the data directory; load its file with "
                + "UserDatasetLoader");
    }

    /** ARC's 3,521-item probing set ({@code ai2_arc}): the 4,521 annotated items minus the MDL hold-out. */
    public static Dataset arc(DataStore store) {
        Dataset all = new ArcLoader().load(store);
        try {
            return all.without("ai2_arc", HoldOut.arcIds());
        } catch (IllegalArgumentException e) {
            // Hold-out ids go missing when a question file lost its content: name the file, not just the count.
            java.util.List<java.nio.file.Path> empty = ArcLoader.emptyQuestionFiles(store);
            if (empty.isEmpty()) {
                throw e;
            }
            throw new DataFormatException(empty.get(0), 0, "holds no questions" + (empty.size() > 1 ? " (nor do "
                    + empty.subList(1, empty.size()) + ")" : "") + ", so " + e.getMessage()
                    + "; restore it (easy2hard data download)", e);
        }
    }

    /** MMLU-STEM-5's 1,746 items (no hold-out). */
    public static Dataset mmlu(DataStore store) {
        return new MmluLoader().load(store);
    }

    /** StrategyQA's 2,290 items (no hold-out). */
    public static Dataset strategyQa(DataStore store) {
        return new StrategyQaLoader().load(store);
    }

    /** GSM8k's 7,792-item probing set: the 8,792 problems minus the MDL hold-out. */
    public static Dataset gsm8k(DataStore store) {
        return new Gsm8kLoader().load(store).without("gsm8k", HoldOut.gsm8kIds());
    }
}
