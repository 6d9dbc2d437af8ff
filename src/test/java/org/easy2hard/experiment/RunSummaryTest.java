package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.SgrResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RunSummaryTest {

    @TempDir
    Path root;

    private RunSummary summary;

    @BeforeEach
    void run() {
        RunResult run = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        summary = new RunSummary(run, GridBootstrap.builder().optResamples(2000).build());
    }

    @Test
    void unsupervisedHardAccuracyIsTheShareOfHardItemsWhoseAnswerIsTheFirstOption() {
        long hard = Fixtures.dataset().items().stream().filter(item -> item.hardness("num_steps").orElseThrow() >= 4)
                .count();
        long hardYes = Fixtures.dataset().items().stream()
                .filter(item -> item.hardness("num_steps").orElseThrow() >= 4 && item.goldIndex() == 0).count();
        double accuracy = summary.grid(TrainPool.NONE, Level.HARD).orElseThrow().mean();
        assertEquals(120, hard);
        assertEquals((double) hardYes / hard, accuracy, 1e-12);
    }

    @Test
    void hardTestTableHasOneRowPerPool() {
        Table table = summary.hardTestAccuracy();
        assertEquals(3, table.rowCount());
        assertEquals("Unsupervised", table.stringColumn(0).get(0));
        assertEquals("Hard", table.stringColumn(0).get(2));
    }

    @Test
    void hardTrainedGridExcludesItsOwnTrainingItems() {
        // Each hard-trained draw tests the 120 hard items minus its 20 training items.
        var grid = summary.grid(TrainPool.HARD, Level.HARD).orElseThrow();
        for (int column = 0; column < grid.columnCount(); column++) {
            int observed = 0;
            for (int row = 0; row < grid.rowCount(); row++) {
                observed += Double.isNaN(grid.value(row, column)) ? 0 : 1;
            }
            assertEquals(100, observed);
        }
    }

    @Test
    void easyTrainingThatAnswersLikeTheBaselineRecoversNoneOfTheGap() {
        // On hard items one in four answers is "yes": the baseline and the easy-trained majority rule (which learns
        // "yes") are right on exactly the same items (about 25%), the hard-trained rule ("no") on the others, so
        // SGR = (E - U) / (H - U) = 0. (Accuracies are over the hard items all three conditions tested.)
        SgrResult sgr = summary.supervisionGapRecovered().orElseThrow();
        assertEquals(sgr.unsupervisedAccuracy(), sgr.easyAccuracy());
        assertEquals(0.25, sgr.unsupervisedAccuracy(), 0.01);
        assertEquals(0.75, sgr.hardAccuracy(), 0.01);
        assertEquals(0.0, sgr.sgr().orElseThrow().estimate());
        assertEquals(1, summary.supervisionGapRecoveredTable().rowCount());
    }

    @Test
    void byLevelTableShowsAllAndEachLevel() {
        Table table = summary.accuracyByTestLevel();
        assertEquals(java.util.List.of("train pool", "draws", "test all", "test easy", "test medium", "test hard"),
                table.columnNames());
        assertTrue(table.stringColumn("test hard").get(0).endsWith("(n=120)"), table.print());
    }
}
