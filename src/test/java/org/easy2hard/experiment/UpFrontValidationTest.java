package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.DatasetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked before the first unit is checked there, and leaves the output directory untouched. */
class UpFrontValidationTest {

    @TempDir
    Path root;

    private static ExperimentSpec spec(String measure, int trainSize) {
        return new ExperimentSpec(DatasetId.STRATEGYQA, measure,
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), trainSize, 3, 7);
    }

    @Test
    void aTrainSizeLargerThanAPoolIsRefusedBeforeTheDirectoryIsTouched() {
        Path run = root.resolve("run");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.runner(run, Fixtures.majority()).setSpec(spec("num_steps", 200)).build().run());
        assertTrue(error.getMessage().contains("training on 200 needs at least 250"), error.getMessage());
        assertTrue(Files.notExists(run), "the refused run left " + run);
        // the corrected value runs in the same directory
        assertEquals(7, Fixtures.runner(run, Fixtures.majority()).setSpec(spec("num_steps", 20)).build().run()
                .units().size());
    }

    @Test
    void aMisspeltMeasureSuggestsTheNearestAndTouchesNothing() {
        Path run = root.resolve("run");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.runner(run, Fixtures.majority()).setSpec(spec("num_step", 20)).build().run());
        assertTrue(error.getMessage().contains("unknown hardness measure 'num_step'"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'num_steps'?"), error.getMessage());
        assertTrue(Files.notExists(run), "the refused run left " + run);
    }
}
