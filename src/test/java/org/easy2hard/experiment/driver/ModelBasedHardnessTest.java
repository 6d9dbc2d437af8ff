package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.easy2hard.data.Dataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.Stratifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MDL on ARC's real hold-out: dev 100 / train 900 per bootstrap, nested sizes, 1 - mean gold probability. */
class ModelBasedHardnessTest {

    private static Dataset holdOut;
    private static Dataset probing;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        holdOut = ModelBasedHardness.arcHoldOut(DriverData.store());
        probing = DriverData.arc();
    }

    private ModelBasedHardness paper() {
        return ModelBasedHardness.builder(holdOut, probing).addModel(DriverData.fakeModel("fake"))
                .setRunDirectory(root).build();
    }

    @Test
    void eachBootstrapSplitsTheHoldOutIntoDev100AndTrain900() {
        ModelBasedHardness mdl = paper();
        for (int b = 0; b < 3; b++) {
            List<Item> dev = mdl.dev(b);
            List<Item> train = mdl.train(b);
            assertEquals(100, dev.size());
            assertEquals(900, train.size());
            Set<String> devIds = new HashSet<>(dev.stream().map(Item::id).toList());
            assertTrue(train.stream().map(Item::id).noneMatch(devIds::contains));
        }
        assertNotEquals(mdl.dev(0), mdl.dev(1));
    }

    @Test
    void trainingSubsetsAreNestedWithThePaperSizes() {
        List<List<Item>> subsets = paper().nestedTrain(2);
        assertEquals(List.of(5, 20, 80, 340, 900), subsets.stream().map(List::size).toList());
        for (int i = 1; i < subsets.size(); i++) {
            assertTrue(new HashSet<>(subsets.get(i)).containsAll(subsets.get(i - 1)));
        }
    }

    @Test
    void everyFitScoresEveryProbingItemAndNoHoldOutItem() {
        List<PlannedUnit> units = paper().plan();
        assertEquals(5 * 5, units.size());
        assertEquals(3521, units.get(0).test().size());
        assertEquals(1000, holdOut.size());
        Set<String> holdOut = new HashSet<>(org.easy2hard.data.HoldOut.arcIds());
        assertTrue(units.get(0).testIds().stream().noneMatch(holdOut::contains));
    }

    @Test
    void hardnessIsOneMinusMeanGoldProbabilityAveragedOverModels() {
        Dataset synthetic = Fixtures.dataset();
        // q0, q1, q10..q19, q100..q199: 112 items, so dev 100 and train 12
        Dataset hold = synthetic.filter("hold", item -> item.id().compareTo("q2") < 0);
        Dataset rest = synthetic.filter("rest", item -> !hold.contains(item.id()));
        ModelBasedScores scores = ModelBasedHardness.builder(hold, rest)
                .addModel(ModelArms.of("a", null, Fixtures.firstOption()))
                .addModel(ModelArms.of("b", null, Fixtures.firstOption()))
                .optSizes(5, 12).optBootstraps(2).setRunDirectory(root).build().run();
        // first option gets 0.6 of two options: gold 0 -> p = 0.6, gold 1 -> p = 0.4
        for (Item item : rest) {
            double expected = item.goldIndex() == 0 ? 0.4 : 0.6;
            assertEquals(expected, scores.average().get(item.id()), 1e-12, item.id());
        }
        assertEquals("model_based_first-option_avg", scores.measureName());
        assertEquals(new BinningRule.Quantile(0.3, 0.7), scores.measure().rule());
        Dataset scored = scores.apply(rest);
        Stratifier stratifier = Stratifier.fit(scores.measure(), scored);
        assertEquals(0.4, stratifier.cutoffs().easyMax(), 1e-12);
        assertTrue(scored.items().get(0).hardness(scores.modelColumn("a")).isPresent());
        // ... and a driver stratifies by it like by any other measure.
        Population population = Population.builder(scored).optMeasures(List.of(scores.measure()))
                .optPools(List.of(TrainPool.EASY, TrainPool.HARD))
                .addModel(DriverData.fakeModel("fake")).optTraining(10, 1).setRunDirectory(root.resolve("pop")).build();
        PlannedUnit hard = population.plan().stream().filter(u -> u.pool() == TrainPool.HARD).findFirst().orElseThrow();
        assertTrue(hard.train().stream().allMatch(item -> item.hardness(scores.measureName()).orElseThrow() == 0.6));
    }
}
