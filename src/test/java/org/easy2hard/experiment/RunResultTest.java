package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.driver.Population;
import org.easy2hard.hardness.HardnessCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units found by name, not by position. */
class RunResultTest {

    @TempDir
    Path root;

    private RunResult study() {
        return Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
    }

    @Test
    void theUnsupervisedUnitIsTheBaselinesOnlyOne() {
        RunResult run = study();
        assertEquals("unsupervised-b0", run.unsupervised().unit());
        assertEquals(300, run.unsupervised().records().size());
    }

    @Test
    void aPoolsUnitsAreFoundByPoolAndBootstrap() {
        RunResult run = study();
        assertEquals("easy-b1", run.unit(TrainPool.EASY, 1).unit());
        assertEquals(List.of("hard-b0", "hard-b1", "hard-b2"),
                run.units(TrainPool.HARD).stream().map(UnitResult::unit).toList());
        assertEquals(run.unit(TrainPool.HARD, 2), run.unit("hard-b2"));
        assertEquals(3 * 280, run.records(TrainPool.EASY).size());
        assertEquals(List.of("easy-b0"), run.units(unit -> unit.pool() == TrainPool.EASY && unit.bootstrap() == 0)
                .stream().map(UnitResult::unit).toList());
    }

    @Test
    void anAbsentUnitIsNamedWithTheUnitsThereAre() {
        RunResult run = study();
        NoSuchElementException error = assertThrows(NoSuchElementException.class, () -> run.unit("medium-b0"));
        assertEquals(true, error.getMessage().contains("easy-b0"), error.getMessage());
        assertThrows(NoSuchElementException.class, () -> run.unit(TrainPool.NONE, 1));
    }

    @Test
    void aDriverRunWithTwoModelsAsksForAFilterAndHasNoSpec() {
        RunResult run = Population.builder(LegacyRuns.dataset()).addModel(DriverData.fakeModel("a"))
                .addModel(DriverData.fakeModel("b"))
                .optMeasures(List.of(HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps")))
                .optPools(List.of(TrainPool.EASY, TrainPool.HARD)).optTraining(6, 1)
                .setRunDirectory(root.resolve("population")).build().run().run();
        assertEquals("population", run.driver());
        assertThrows(IllegalStateException.class, () -> run.unit(TrainPool.EASY, 0));
        assertEquals(2, run.units(TrainPool.EASY).size());
        assertThrows(IllegalStateException.class, run::spec);
    }
}
