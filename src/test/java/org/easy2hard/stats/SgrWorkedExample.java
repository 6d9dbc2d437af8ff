package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked example of {@code docs/stats-worked-example.md}: twelve hard items, a zero-shot baseline (one run) and
 * easy- and hard-trained in-context learning (three training draws each, every draw testing only some of the items),
 * from item-level records to accuracies, gaps and SGR. {@code SgrWorkedExampleTest} checks that the document shows
 * exactly what this prints.
 *
 * <p>Run with {@code MAIN=org.easy2hard.stats.SgrWorkedExample bench/stats-bench.sh}.
 */
public final class SgrWorkedExample {

    /** Per item: zero-shot result, then the easy-trained draws 0-2, then the hard-trained draws 0-2; '.' = untested. */
    static final String[] ROWS = {
        "h01 0 11. 111",
        "h02 1 111 1.1",
        "h03 0 0.1 11.",
        "h04 0 000 101",
        "h05 1 111 111",
        "h06 0 .10 .11",
        "h07 0 00. 010",
        "h08 0 1.1 11.",
        "h09 1 111 111",
        "h10 0 000 0.0",
        "h11 1 101 111",
        "h12 0 01. 101",
    };

    static final Condition UNSUPERVISED = condition("zero-shot", Condition.NONE, 0);
    static final Condition EASY = condition("icl", "easy", 10);
    static final Condition HARD = condition("icl", "hard", 10);

    private SgrWorkedExample() {
    }

    /** The example's records as one grid per condition. */
    static Map<Condition, ItemGrid> grids() {
        List<ItemResult> records = new ArrayList<>();
        for (String row : ROWS) {
            String[] parts = row.split(" ");
            add(records, parts[0], UNSUPERVISED, parts[1]);
            add(records, parts[0], EASY, parts[2]);
            add(records, parts[0], HARD, parts[3]);
        }
        return ItemGrid.byCondition(records);
    }

    /** Prints the example. */
    public static void main(String[] args) {
        System.out.print(render());
    }

    /** The example's full output. */
    static String render() {
        Condition unsupervised = UNSUPERVISED;
        Condition easy = EASY;
        Condition hard = HARD;
        Map<Condition, ItemGrid> grids = grids();
        GridBootstrap bootstrap = GridBootstrap.withDefaults();

        StringBuilder out = new StringBuilder();
        out.append(bootstrap).append('\n');
        out.append(grids.get(easy).toTable("easy-trained grid (blank: item not tested in that draw)").print()).append("\n\n");

        Map<String, AccuracyResult> accuracies = new LinkedHashMap<>();
        accuracies.put("unsupervised (zero-shot)", bootstrap.accuracy(grids.get(unsupervised)));
        accuracies.put("easy-trained ICL", bootstrap.accuracy(grids.get(easy)));
        accuracies.put("hard-trained ICL", bootstrap.accuracy(grids.get(hard)));
        out.append(StatsTables.accuracies("hard-test accuracy", accuracies)
                .selectColumns("condition", "accuracy ± error bar", "CI low (%)", "CI high (%)", "items",
                        "draws used")
                .print()).append("\n\n");

        SgrResult sgr = bootstrap.supervisionGapRecovered(grids.get(unsupervised), grids.get(easy), grids.get(hard));
        out.append("SGR = (E - U) / (H - U) = ").append(sgr.format()).append('\n');
        out.append("  status: ").append(sgr.status()).append(" - ").append(sgr.reason()).append('\n');
        out.append("  easy - unsupervised: ").append(sgr.unsupervisedEasyGap().formatPoints()).append('\n');
        out.append("  hard - easy:         ").append(sgr.easyHardGap().formatPoints()).append('\n');
        out.append("  hard - unsupervised: ").append(sgr.supervisionGap().formatPoints()).append('\n');

        // The same comparison if the hard-trained runs had been no better than zero-shot on these items.
        ItemGrid flatHard = grids.get(unsupervised);
        SgrResult undefined = bootstrap.supervisionGapRecovered(grids.get(unsupervised), grids.get(easy), flatHard);
        out.append("with H = U: ").append(undefined.format()).append('\n');
        return out.toString();
    }

    private static Condition condition(String method, String trainPool, int nTrain) {
        return Condition.builder().setDataset("arc").setModel("example-model").setMethod(method)
                .setTrainPool(trainPool).optHardnessMeasure(nTrain == 0 ? Condition.NONE : "human_grade")
                .optNTrain(nTrain).build();
    }

    private static void add(List<ItemResult> records, String item, Condition condition, String draws) {
        for (int draw = 0; draw < draws.length(); draw++) {
            char cell = draws.charAt(draw);
            if (cell != '.') {
                records.add(ItemResult.builder().setItemId(item).setCondition(condition).setBootstrap(draw)
                        .setCorrect(cell == '1').optHardness(Map.of("human_grade", 8.0)).build());
            }
        }
    }
}
