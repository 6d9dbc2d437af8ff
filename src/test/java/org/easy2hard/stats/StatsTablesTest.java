package org.easy2hard.stats;

import static org.easy2hard.stats.Grids.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Results as Tablesaw tables. */
class StatsTablesTest {

    private final GridBootstrap bootstrap = GridBootstrap.builder().optResamples(2_000).optSeed(1).build();

    @Test
    void accuracyTableHasReadableColumnsInPercent() {
        AccuracyResult result = bootstrap.accuracy(column(1, 1, 1, 0));
        Table table = StatsTables.accuracies("accuracy", Map.of("easy", result));
        assertEquals(List.of("condition", "accuracy (%)", "plug-in accuracy (%)", "± error bar (%)", "CI low (%)",
                "CI high (%)", "CI half-width (%)", "CI level", "items", "draws used", "empty draws ignored",
                "empty resamples dropped", "accuracy ± error bar"), table.columnNames());
        assertEquals(75.0, table.doubleColumn("plug-in accuracy (%)").get(0), 1e-12);
        assertEquals(4, table.intColumn("items").get(0));
        assertEquals(result.format(), table.stringColumn("accuracy ± error bar").get(0));
    }

    @Test
    void differenceTableShowsPointsAndPValue() {
        DifferenceResult result = bootstrap.difference(column(0, 0, 0), column(1, 1, 1));
        Table table = StatsTables.differences("diff", Map.of("hard - easy", result));
        assertEquals(100.0, table.doubleColumn("B - A (points)").get(0), 0.0);
        assertEquals(0.0, table.doubleColumn("p-value").get(0), 0.0);
        assertEquals("+100.0 ± 0.0 (p < 0.0005)", table.stringColumn("B - A").get(0));
    }

    @Test
    void sgrTableLeavesUndefinedRatiosMissingAndSaysWhy() {
        ItemGrid u = column(0, 0, 0, 0, 1, 1, 1, 1);
        ItemGrid e = column(1, 1, 0, 0, 1, 1, 1, 1);
        ItemGrid h = column(1, 1, 1, 1, 1, 1, 1, 1);
        Map<String, SgrResult> results = new LinkedHashMap<>();
        results.put("defined", bootstrap.supervisionGapRecovered(u, e, h));
        results.put("flat", bootstrap.supervisionGapRecovered(u, e, u));
        Table table = StatsTables.supervisionGapRecovered("sgr", results);
        assertEquals(0.5, table.doubleColumn("SGR").get(0), 0.0);
        assertTrue(table.doubleColumn("SGR").isMissing(1));
        assertEquals("GAP_NOT_POSITIVE", table.stringColumn("SGR status").get(1));
        assertEquals("undefined", table.stringColumn("SGR [CI]").get(1));
        assertTrue(table.stringColumn("why").get(1).contains("does not beat no supervision"));
        assertEquals(25.0, table.doubleColumn("easy - unsupervised (points)").get(1), 0.0);
    }

    @Test
    void sgrTableShowsThePapersUnguardedRatioAndFlagsItWhereTheGuardHidesOurs() {
        ItemGrid u = column(0, 0, 0, 0, 0, 0, 0, 1);
        ItemGrid e = column(1, 1, 0, 0, 0, 0, 0, 1);
        ItemGrid h = column(1, 0, 0, 0, 0, 0, 0, 1);
        Map<String, SgrResult> results = new LinkedHashMap<>();
        results.put("tiny gap", bootstrap.supervisionGapRecovered(u, e, h));
        results.put("defined", bootstrap.supervisionGapRecovered(column(0, 0, 0, 0, 1, 1, 1, 1),
                column(1, 1, 0, 0, 1, 1, 1, 1), column(1, 1, 1, 1, 1, 1, 1, 1)));
        Table table = StatsTables.supervisionGapRecovered("sgr", results);
        // (2/8) / (1/8): what the paper's table prints; ours is withheld, and the note says so
        assertTrue(table.doubleColumn("SGR").isMissing(0));
        assertEquals(2.0, table.doubleColumn("paper SGR (unguarded)").get(0), 0.0);
        assertTrue(table.stringColumn("paper SGR note").get(0).startsWith("hidden by the guard"));
        assertEquals(0.5, table.doubleColumn("paper SGR (unguarded)").get(1), 0.0);
        assertEquals("", table.stringColumn("paper SGR note").get(1));
    }

    @Test
    void itemResultTableHasOneColumnPerHardnessMeasure() {
        Condition condition = Condition.builder().setDataset("arc").setModel("m").setMethod("icl")
                .setTrainPool("easy").build();
        List<ItemResult> records = List.of(
                ItemResult.builder().setItemId("q1").setCondition(condition).setBootstrap(0).setCorrect(true)
                        .optPredictedOption(2).optHardness(Map.of("human_grade", 5.0)).build(),
                ItemResult.builder().setItemId("q2").setCondition(condition).setBootstrap(0).setCorrect(false)
                        .optHardness(Map.of("num_steps", 3.0)).build());
        Table table = StatsTables.itemResults("items", records);
        assertTrue(table.columnNames().containsAll(List.of("hardness: human_grade", "hardness: num_steps")));
        assertTrue(table.doubleColumn("hardness: human_grade").isMissing(1));
        assertEquals(2, table.intColumn("predicted option").get(0));
        assertTrue(table.intColumn("predicted option").isMissing(1));
    }
}
