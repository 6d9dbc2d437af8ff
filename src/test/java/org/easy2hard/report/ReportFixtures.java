package org.easy2hard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.easy2hard.stats.SgrStatus;

/** Small hand-made inputs for the figure tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** An accuracy whose interval is {@code [lower, upper]} around a bootstrap mean equal to the estimate. */
    static AccuracyResult accuracy(double estimate, double lower, double upper) {
        return new AccuracyResult(new BootstrapEstimate(estimate, estimate, lower, upper, 0.95, 0.0, 1000, 0), 100,
                5, 0, 400);
    }

    static BootstrapEstimate estimate(double value, double lower, double upper) {
        return new BootstrapEstimate(value, value, lower, upper, 0.95, 0.01, 1000, 0);
    }

    static SgrResult definedSgr(double sgr, double lower, double upper) {
        return new SgrResult(SgrStatus.DEFINED, "gap clearly positive", Optional.of(estimate(sgr, lower, upper)),
                estimate(0.2, 0.1, 0.3), estimate(0.2 * sgr, 0.0, 0.3), estimate(0.1, 0.0, 0.2), 0.5,
                0.5 + 0.2 * sgr, 0.7, 100);
    }

    static SgrResult undefinedSgr() {
        return new SgrResult(SgrStatus.GAP_NOT_POSITIVE, "hard-trained accuracy 0.49 is not above unsupervised 0.50",
                Optional.empty(), estimate(-0.01, -0.05, 0.03), estimate(0.0, -0.04, 0.04),
                estimate(-0.01, -0.05, 0.03), 0.5, 0.5, 0.49, 100);
    }

    static Condition condition(String pool) {
        return Condition.builder().setDataset("strategyqa").setModel("fixture").setMethod("linear-probe")
                .setTrainPool(pool).optHardnessMeasure("num_steps").optNTrain(pool.equals("unsupervised") ? 0 : 20)
                .build();
    }

    /**
     * Records of one condition: for each entry {hardness, correct in bootstrap 0, correct in bootstrap 1} one item,
     * tested in both bootstraps, so its accuracy is 0, 0.5 or 1.
     */
    static List<ItemResult> records(String measure, double[][] items) {
        List<ItemResult> records = new ArrayList<>();
        Condition condition = condition("easy");
        for (int i = 0; i < items.length; i++) {
            for (int b = 0; b < 2; b++) {
                records.add(new ItemResult("q" + i, condition, b, items[i][1 + b] == 1, Double.NaN,
                        ItemResult.NO_PREDICTION, Map.of(measure, items[i][0])));
            }
        }
        return records;
    }

    /** A yes/no item carrying the given hardness values. */
    static Item item(String id, Map<String, Double> hardness) {
        return new Item(id, DatasetId.STRATEGYQA, "train", "Is " + id + " hard?", List.of("yes", "no"), 0, "yes", "",
                List.of(), Map.of(), hardness);
    }

    /** Eight items with three measures: steps, words (rising with steps) and a reversed one. */
    static Dataset dataset() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(item("i" + i, Map.of("num_steps", (double) (i / 2), "question_words", 10.0 + i,
                    "reversed", (double) -i)));
        }
        return new Dataset(DatasetId.STRATEGYQA, "fixture", items);
    }
}
