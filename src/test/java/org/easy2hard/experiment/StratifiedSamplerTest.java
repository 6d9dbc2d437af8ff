package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
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
}
