package org.easy2hard.experiment.legacy;

import java.nio.file.Path;
import org.easy2hard.experiment.ExperimentRunner;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.LegacyRuns;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the legacy-run fixture (run only on request: {@code -Deasy2hard.legacyRuns.out=DIR}); see the README next
 * to the fixture for how it was made.
 */
@EnabledIfSystemProperty(named = "easy2hard.legacyRuns.out", matches = ".+")
class LegacyRunsWriter {

    @Test
    void write() {
        Path out = Path.of(System.getProperty("easy2hard.legacyRuns.out"));
        Path study = out.resolve("study");
        ExperimentRunner.builder().setSpec(LegacyRuns.studySpec())
                .setData(LegacyRuns.dataset(), LegacyRuns.checksums()).setModelName("fixture")
                .setUnsupervisedMethod(Fixtures.firstOption()).setSupervisedMethod(Fixtures.majority())
                .setRunDirectory(study).build().run();
        Path driver = out.resolve("population");
        LegacyRuns.population(driver).build().run();
        for (Path run : new Path[] {study, driver}) {
            ResultSheets sheets = LegacyRuns.sheets();
            String name = run.getFileName().toString();
            sheets.writeSheet(ResultSheets.readRuns(run), out.resolve(name + "-sheet.csv"));
            sheets.writeAllBootstraps(ResultSheets.readRuns(run), out.resolve(name + "-all-bootstraps.csv"));
            sheets.writeItemLevel(ResultSheets.readRuns(run), out.resolve(name + "-item-level.csv"));
        }
    }
}
