package org.easy2hard.hardness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.junit.jupiter.api.Test;

class StratifierTest {

    private static Item item(int index, double steps) {
        Map<String, Double> hardness = Double.isNaN(steps) ? Map.of() : Map.of("num_steps", steps);
        return new Item("q" + index, DatasetId.STRATEGYQA, "train", "question " + index, List.of("yes", "no"), 0, "yes",
                "", List.of(), Map.of(), hardness);
    }

    private static Dataset dataset(double... steps) {
        return new Dataset(DatasetId.STRATEGYQA, "fixture",
                IntStream.range(0, steps.length).mapToObj(i -> item(i, steps[i])).toList());
    }

    @Test
    void fixedCutoffsAreInclusiveOnBothSides() {
        HardnessMeasure steps = HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps"); // easy <= 2, hard >= 4
        Map<Level, List<Item>> levels = Stratifier.fit(steps, dataset(1, 2, 3, 4, 5)).split(dataset(1, 2, 3, 4, 5));
        assertEquals(List.of("q0", "q1"), levels.get(Level.EASY).stream().map(Item::id).toList());
        assertEquals(List.of("q2"), levels.get(Level.MEDIUM).stream().map(Item::id).toList());
        assertEquals(List.of("q3", "q4"), levels.get(Level.HARD).stream().map(Item::id).toList());
    }

    @Test
    void quantileCutoffsInterpolateLinearlyLikeNumpy() {
        // np.quantile([1, 2, 3, 4], [0.3, 0.7]) == [1.9, 3.1]
        HardnessMeasure words = HardnessMeasure.of("steps_words", "Words", null);
        Dataset data = dataset(4, 1, 3, 2).withHardness("steps_words", item -> item.hardness("num_steps").orElseThrow());
        Cutoffs cutoffs = Stratifier.fit(words, data).cutoffs();
        assertEquals(1.9, cutoffs.easyMax(), 1e-12);
        assertEquals(3.1, cutoffs.hardMin(), 1e-12);
    }

    @Test
    void tiesAtTheQuantileMakeUnevenBins() {
        HardnessMeasure words = HardnessMeasure.of("num_words", "Words", null);
        Dataset data = dataset(1, 1, 1, 1, 1, 1, 2, 3, 3, 3)
                .withHardness("num_words", item -> item.hardness("num_steps").orElseThrow());
        Map<Level, List<Item>> levels = Stratifier.fit(words, data).split(data);
        // quantiles: 0.3 -> 1.0, 0.7 -> 2.3; so six easy items, one medium, three hard
        assertEquals(6, levels.get(Level.EASY).size());
        assertEquals(1, levels.get(Level.MEDIUM).size());
        assertEquals(3, levels.get(Level.HARD).size());
    }

    @Test
    void itemsWithoutAValueHaveNoLevel() {
        HardnessMeasure steps = HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps");
        Stratifier stratifier = Stratifier.fit(steps, dataset(1, Double.NaN, 5));
        assertEquals(Optional.empty(), stratifier.levelOf(item(1, Double.NaN)));
        assertEquals(2, stratifier.split(dataset(1, Double.NaN, 5)).values().stream().mapToInt(List::size).sum());
    }

    @Test
    void equalCutoffsCountTheTieAsEasy() {
        assertEquals(Optional.of(Level.EASY), new Cutoffs(3, 3).levelOf(3));
    }

    @Test
    void explicitCutoffsGiveTheFigureOneSplit() {
        HardnessMeasure steps = HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps");
        Stratifier stratifier = Stratifier.withCutoffs(steps, 1, 5);
        assertEquals(List.of("q0"), stratifier.pool(dataset(1, 2, 5), Level.EASY).items().stream().map(Item::id).toList());
    }

    @Test
    void fittingAMeasureNoItemHasIsAnError() {
        HardnessMeasure words = HardnessMeasure.of("answer_num_words", "Answer words", null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Stratifier.fit(words, dataset(1, 2)));
        assertTrue(error.getMessage().contains("no item of fixture has a value for 'answer_num_words'"));
    }

    @Test
    void measureNamesDecideQuantileBinningAsInThePapersCode() {
        assertEquals(BinningRule.Quantile.PAPER, HardnessMeasure.of("MDL_learned_model-avg", "MDL", null).rule());
        assertThrows(IllegalArgumentException.class, () -> HardnessMeasure.of("human_grade", "Grade", null));
    }
}
