package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.driver.Population;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.stats.GridBootstrap;

/**
 * The two small runs committed under {@code src/test/resources/legacy-runs/} (a study run and a driver run, written
 * by the code before the one-engine change): their data, configuration and sheet exporter, shared by the writer that
 * made them and the test that resumes them.
 */
public final class LegacyRuns {

    /** The folder under the test resources. */
    public static final String RESOURCE = "legacy-runs";

    private LegacyRuns() {
    }

    /** The first 150 synthetic items of {@link Fixtures#dataset()} (60 easy, 30 medium, 60 hard by num_steps). */
    public static Dataset dataset() {
        return new Dataset(DatasetId.STRATEGYQA, "legacy", Fixtures.dataset().items().subList(0, 150));
    }

    /** The study run: unsupervised, easy and hard pools, 6 training items, 2 bootstraps, seed 7 (5 units). */
    public static ExperimentSpec studySpec() {
        return new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 6, 2, 7);
    }

    /** The data files' checksums both runs record. */
    public static Map<String, String> checksums() {
        return Map.of("legacy.json", "0".repeat(64));
    }

    /** The driver run: population by num_steps, easy and hard pools, 6 training items, 2 bootstraps (5 units). */
    public static Population.Builder population(Path directory) {
        return Population.builder(dataset()).addModel(DriverData.fakeModel("fake"))
                .optMeasures(List.of(HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps")))
                .optPools(List.of(TrainPool.EASY, TrainPool.HARD)).optTraining(6, 2).optSeed(7)
                .optDataChecksums(checksums()).setRunDirectory(directory);
    }

    /** The exporter of the committed sheets (200 resamples keep it fast). */
    public static ResultSheets sheets() {
        return ResultSheets.builder().optBootstrap(GridBootstrap.builder().optResamples(200).build())
                .optData(List.of(dataset())).build();
    }
}
