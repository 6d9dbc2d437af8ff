package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.Item;
import org.easy2hard.data.SharedData;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {

    private final Dataset data = Fixtures.dataset();
    private final Stratifier steps = Stratifier.fit(HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps"), data);
    private final StratifiedSampler sampler = new StratifiedSampler(data, steps, 0);

    @Test
    void trainingItemsComeFromThePoolAndTestIsEveryOtherItem() {
        TrainTestSplit split = sampler.draw(TrainPool.HARD, 40, 2);
        assertEquals(40, split.train().size());
        assertTrue(split.train().stream().allMatch(item -> steps.levelOf(item).orElseThrow() == Level.HARD));
        assertEquals(data.size() - 40, split.test().size());
        Set<String> trainIds = new HashSet<>(split.trainIds());
        assertTrue(split.test().stream().map(Item::id).noneMatch(trainIds::contains));
    }

    @Test
    void sameSeedAndBootstrapGiveTheSameDraw() {
        assertEquals(sampler.draw(TrainPool.EASY, 40, 1).trainIds(),
                new StratifiedSampler(data, steps, 0).draw(TrainPool.EASY, 40, 1).trainIds());
    }

    @Test
    void bootstrapsDrawDifferentSamples() {
        assertNotEquals(sampler.draw(TrainPool.EASY, 40, 0).trainIds(), sampler.draw(TrainPool.EASY, 40, 1).trainIds());
    }

    @Test
    void unsupervisedPoolTrainsOnNothingAndTestsOnEverything() {
        TrainTestSplit split = sampler.draw(TrainPool.NONE, 40, 0);
        assertEquals(0, split.train().size());
        assertEquals(data.size(), split.test().size());
    }

    @Test
    void poolTooSmallForTheTrainingSizeIsRefusedAsInThePaper() {
        // 60 medium items cannot give 20 training items plus 50 spare.
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> sampler.draw(TrainPool.MEDIUM, 20, 0));
        assertTrue(error.getMessage().contains("has 60 items; training on 20 needs at least 70"), error.getMessage());
    }

    @Test
    void gsm8kTestSampleIsTheAuthors167PerLevelCutTo500() {
        Dataset gsm8k = Datasets.load(DatasetId.GSM8K, SharedData.store());
        Stratifier gsmSteps = Stratifier.fit(HardnessCatalog.find(DatasetId.GSM8K, "num_steps"), gsm8k);
        StratifiedSampler gsmSampler = new StratifiedSampler(gsm8k, gsmSteps, 0);
        int testSize = ExperimentSpec.paperTestSize(DatasetId.GSM8K);
        for (TrainPool pool : List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD)) {
            for (int b = 0; b < 5; b++) {
                TrainTestSplit split = gsmSampler.draw(pool, 8, b, testSize);
                Map<Level, Long> counts = split.test().stream().collect(Collectors.groupingBy(
                        item -> gsmSteps.levelOf(item).orElseThrow(), () -> new EnumMap<>(Level.class),
                        Collectors.counting()));
                assertEquals(Map.of(Level.EASY, 167L, Level.MEDIUM, 167L, Level.HARD, 166L), counts, pool + "-b" + b);
            }
        }
    }

    @Test
    void testSamplesDifferAcrossBootstrapsButNotAcrossPoolsOfOneBootstrap() {
        Set<String> unsupervised = new HashSet<>(sampler.draw(TrainPool.NONE, 20, 1, 30).test().stream()
                .map(Item::id).toList());
        Set<String> easy = new HashSet<>(sampler.draw(TrainPool.EASY, 20, 1, 30).test().stream()
                .map(Item::id).toList());
        Set<String> otherBootstrap = new HashSet<>(sampler.draw(TrainPool.NONE, 20, 2, 30).test().stream()
                .map(Item::id).toList());
        assertEquals(30, unsupervised.size());
        assertNotEquals(unsupervised, otherBootstrap);
        // The easy draw excludes its own 20 training items from the easy level's candidates, so only the easy third
        // can differ; the medium and hard thirds are the same items.
        Set<String> shared = new HashSet<>(unsupervised);
        shared.retainAll(easy);
        assertTrue(shared.size() >= 20, "shared " + shared.size());
    }

    @Test
    void everyItemIsTestedWhenNoTestSizeIsSet() {
        assertEquals(sampler.draw(TrainPool.EASY, 20, 0).test(),
                sampler.draw(TrainPool.EASY, 20, 0, ExperimentSpec.ALL_TEST_ITEMS).test());
        assertEquals(ExperimentSpec.ALL_TEST_ITEMS, ExperimentSpec.paperTestSize(DatasetId.ARC));
    }
}
