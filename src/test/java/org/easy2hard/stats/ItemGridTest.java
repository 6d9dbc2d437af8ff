package org.easy2hard.stats;

import static org.easy2hard.stats.Grids.NA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Building grids from records and matrices. */
class ItemGridTest {

    private static final Condition EASY = Condition.builder().setDataset("arc").setModel("m").setMethod("icl")
            .setTrainPool("easy").optHardnessMeasure("human_grade").optNTrain(10).build();
    private static final Condition HARD = Condition.builder().setDataset("arc").setModel("m").setMethod("icl")
            .setTrainPool("hard").optHardnessMeasure("human_grade").optNTrain(10).build();

    @Test
    void recordsBecomeAGridWithMissingCellsWhereAnItemWasNotTested() {
        ItemGrid grid = ItemGrid.fromRecords(List.of(
                result("q2", EASY, 1, true), result("q1", EASY, 0, false), result("q1", EASY, 1, true)));
        assertEquals(List.of("q1", "q2"), grid.itemIds());
        assertEquals(List.of(0, 1), grid.columnLabels());
        assertEquals(0.0, grid.value(0, 0), 0.0);
        assertEquals(1.0, grid.value(0, 1), 0.0);
        assertTrue(Double.isNaN(grid.value(1, 0)));
        assertEquals(1.0, grid.value(1, 1), 0.0);
    }

    @Test
    void recordOrderDoesNotMatter() {
        List<ItemResult> records = new ArrayList<>(List.of(result("b", EASY, 0, true), result("a", EASY, 2, false),
                result("c", EASY, 1, true), result("a", EASY, 0, true)));
        ItemGrid forward = ItemGrid.fromRecords(records);
        Collections.reverse(records);
        assertEquals(forward, ItemGrid.fromRecords(records));
    }

    @Test
    void missingValuesFromTheValueFunctionDropEmptyRows() {
        ItemResult withProbability = ItemResult.builder().setItemId("q1").setCondition(EASY).setBootstrap(0)
                .setCorrect(true).optGoldProbability(0.8).build();
        ItemResult without = result("q2", EASY, 0, false);
        ItemGrid grid = ItemGrid.fromRecords(List.of(withProbability, without), ItemResult::goldProbability);
        assertEquals(List.of("q1"), grid.itemIds());
        assertEquals(0.8, grid.value(0, 0), 0.0);
    }

    @Test
    void twoResultsForOneCellAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ItemGrid.fromRecords(List.of(result("q1", EASY, 0, true), result("q1", EASY, 0, false))));
        assertTrue(error.getMessage().startsWith("two results for item 'q1' in bootstrap 0"), error.getMessage());
    }

    @Test
    void mixedConditionsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ItemGrid.fromRecords(List.of(result("q1", EASY, 0, true), result("q1", HARD, 0, true))));
        assertTrue(error.getMessage().contains("mix 2 conditions"), error.getMessage());
    }

    @Test
    void byConditionSplitsMixedRecords() {
        Map<Condition, ItemGrid> grids = ItemGrid.byCondition(List.of(result("q1", EASY, 0, true),
                result("q1", HARD, 0, false), result("q2", HARD, 3, true)));
        assertEquals(List.of(EASY, HARD), List.copyOf(grids.keySet()));
        assertEquals(List.of(0, 3), grids.get(HARD).columnLabels());
        assertEquals(2, grids.get(HARD).rowCount());
    }

    @Test
    void matrixRowsAreSortedByItemId() {
        ItemGrid grid = ItemGrid.of(List.of("b", "a"), List.of(0), new double[][] {{1}, {0}});
        assertEquals(List.of("a", "b"), grid.itemIds());
        assertEquals(0.0, grid.value(0, 0), 0.0);
    }

    @Test
    void matrixWithRepeatedIdIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ItemGrid.of(List.of("a", "a"), List.of(0), new double[][] {{1}, {0}}));
    }

    @Test
    void matrixWithRaggedRowIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ItemGrid.of(List.of("a", "b"), List.of(0, 1), new double[][] {{1, 0}, {0}}));
    }

    @Test
    void infiniteValueIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ItemGrid.of(List.of("a"), List.of(0), new double[][] {{Double.POSITIVE_INFINITY}}));
    }

    @Test
    void restrictionKeepsColumnsAndCountsThoseLeftEmpty() {
        ItemGrid grid = Grids.grid(new double[][] {{1, NA, 0}, {NA, 1, 1}, {0, NA, NA}});
        ItemGrid restricted = grid.restrictTo(List.of("item000", "item002", "not-there"));
        assertEquals(List.of("item000", "item002"), restricted.itemIds());
        assertEquals(3, restricted.columnCount());
        assertEquals(1, restricted.emptyColumnCount());
        assertEquals(1.0 / 3, restricted.mean(), 1e-15);
    }

    @Test
    void tableHasAnItemColumnAndOneColumnPerDraw() {
        Table table = Grids.grid(new double[][] {{1, NA}, {0, 1}}).toTable("grid");
        assertEquals(List.of("item id", "bootstrap 0", "bootstrap 1"), table.columnNames());
        assertTrue(table.doubleColumn("bootstrap 1").isMissing(0));
    }

    private static ItemResult result(String id, Condition condition, int bootstrap, boolean correct) {
        return ItemResult.builder().setItemId(id).setCondition(condition).setBootstrap(bootstrap).setCorrect(correct)
                .build();
    }
}
