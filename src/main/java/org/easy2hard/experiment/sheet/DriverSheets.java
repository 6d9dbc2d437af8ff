package org.easy2hard.experiment.sheet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.ExperimentSpec;
import org.easy2hard.experiment.RunDirectory;
import org.easy2hard.experiment.RunEngine;
import org.easy2hard.experiment.RunManifest;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.experiment.driver.ThirdGradeToCollege;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.stats.Condition;

/**
 * Reads a driver's run directory (run by {@link RunEngine}: population, noisy labels, learning curves, third grade to
 * college, all-to-all, scale and gap) as the {@link RunResult}s result sheets are written from: one per data name and
 * measure the driver stratified by, holding that measure's units and the data name's unsupervised baselines (which
 * are stratified by nothing and so belong to every measure, as the authors' sheets repeat zero-shot rows per
 * {@code hardness_var_name}). A data name with no measure (all-to-all) gives one result with measure
 * {@link Condition#NONE} and no levels.
 *
 * <p>The levels come from the cutoffs the driver recorded in the manifest's {@code sheet} block; a run made before
 * drivers recorded them is refused with a message saying so.
 */
public final class DriverSheets {

    private DriverSheets() {
    }

    /** The results of a driver run, one per (data name, measure). */
    static List<RunResult> read(Path directory, RunManifest manifest, List<UnitResult> units) {
        Path file = directory.resolve(RunDirectory.MANIFEST);
        Map<String, Map<String, Cutoffs>> cutoffs = manifest.sheetCutoffs().orElseThrow(() -> new DataFormatException(
                file, 0, "sheet.cutoffs is missing: this " + manifest.driver() + " run was made before drivers "
                        + "recorded their cutoffs; run it again in a new directory"));
        Map<String, DatasetId> ids = new LinkedHashMap<>();
        manifest.configuration().data().forEach((name, source) -> ids.put(name, source.dataset()));
        Map<String, List<UnitResult>> byDataName = new LinkedHashMap<>();
        for (UnitResult unit : units) {
            if (!unit.records().isEmpty()) {
                byDataName.computeIfAbsent(unit.records().get(0).condition().dataset(), d -> new ArrayList<>())
                        .add(unit);
            }
        }
        long seed = manifest.configuration().settingsNode().path("seed").asLong(0);
        List<RunResult> results = new ArrayList<>();
        for (Map.Entry<String, List<UnitResult>> entry : byDataName.entrySet()) {
            String dataName = entry.getKey();
            DatasetId id = datasetOf(dataName, ids, file);
            Map<String, Cutoffs> measures = cutoffs.getOrDefault(dataName, Map.of());
            if (measures.isEmpty()) {
                results.add(result(directory, manifest, id, Condition.NONE, new Cutoffs(Double.NaN, Double.NaN),
                        entry.getValue(), seed));
                continue;
            }
            // A driver whose conditions are each stratified by one of the recorded measures (population) gives one
            // result per measure; one whose conditions name measures it did not record (third grade to college:
            // ARC sources by grade, all read by the MMLU test items' level) gives every unit to each result.
            Set<String> recorded = new LinkedHashSet<>(measures.keySet());
            boolean perMeasure = entry.getValue().stream().map(DriverSheets::measureOf)
                    .allMatch(m -> m.equals(Condition.NONE) || recorded.contains(m));
            for (Map.Entry<String, Cutoffs> measure : measures.entrySet()) {
                String name = measure.getKey();
                List<UnitResult> kept = entry.getValue().stream().filter(unit -> !perMeasure
                        || measureOf(unit).equals(name) || measureOf(unit).equals(Condition.NONE)).toList();
                results.add(result(directory, manifest, id, name, measure.getValue(), kept, seed));
            }
        }
        return results;
    }

    private static String measureOf(UnitResult unit) {
        return unit.records().get(0).condition().hardnessMeasure();
    }

    private static DatasetId datasetOf(String dataName, Map<String, DatasetId> ids, Path file) {
        if (dataName.equals(ThirdGradeToCollege.NAME)) {
            return DatasetId.MMLU;
        }
        DatasetId id = ids.get(dataName);
        if (id == null) {
            throw new DataFormatException(file, 0, "records name data " + dataName + " that configuration.data lacks");
        }
        return id;
    }

    private static RunResult result(Path directory, RunManifest manifest, DatasetId id, String measure,
            Cutoffs cutoffs, List<UnitResult> units, long seed) {
        Set<TrainPool> pools = new LinkedHashSet<>();
        units.forEach(unit -> pools.add(unit.pool()));
        int trainSize = Math.max(1, units.stream().mapToInt(unit -> unit.trainIds().size()).max().orElse(1));
        int bootstraps = units.stream().mapToInt(unit -> unit.bootstrap() + 1).max().orElse(1);
        ExperimentSpec spec = new ExperimentSpec(id, measure, List.copyOf(pools), trainSize, bootstraps, seed);
        return new RunResult(directory, manifest, spec, cutoffs, units);
    }
}
