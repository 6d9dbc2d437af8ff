package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;
import org.easy2hard.stats.ItemResult;

/**
 * The one loop every run goes through, a study's ({@link ExperimentRunner}, {@link EncoderStudy},
 * {@link LanguageModelStudy}, {@link FineTuningStudy}) and every driver's: the manifest is written (or compared, on
 * resume) first, each planned unit is fitted and asked its test items and saved as soon as it finishes, and a rerun
 * reads finished units back instead of fitting again. Every record carries its test item's values of the measures
 * the run reads results by (and no others, which keeps large runs small).
 *
 * <pre>{@code
 * RunResult result = RunEngine.builder(manifest, plannedUnits).setRunDirectory(dir).build().run();
 * }</pre>
 */
public final class RunEngine {

    private final RunManifest manifest;
    private final List<PlannedUnit> units;
    private final List<String> measures;
    private final Path directory;
    private final Progress progress;
    private final RunListener listener;

    private RunEngine(Builder builder) {
        this.units = builder.units;
        this.measures = List.copyOf(builder.measures);
        this.directory = Objects.requireNonNull(builder.runDirectory(), "run directory");
        this.progress = builder.progress();
        this.listener = builder.listener();
        Set<String> names = new HashSet<>();
        for (PlannedUnit unit : units) {
            if (!names.add(unit.name())) {
                throw new IllegalStateException("two planned units are named " + unit.name());
            }
        }
        // The plan the manifest records is the units' names, whatever the caller put there.
        RunManifest given = builder.manifest;
        this.manifest = new RunManifest(given.configuration(), given.cutoffs(),
                units.stream().map(PlannedUnit::name).toList(), given.provenance());
    }

    /**
     * A builder for a run of planned units under a manifest (whose plan is replaced by the units' names).
     *
     * @param manifest the configuration, cutoffs and provenance to write or compare
     * @param units    the planned units, in run order, with unique names
     */
    public static Builder builder(RunManifest manifest, List<PlannedUnit> units) {
        return new Builder(Objects.requireNonNull(manifest, "manifest"), List.copyOf(units));
    }

    /**
     * Runs every unit that is not finished yet and returns all of the run's results.
     *
     * @throws IllegalStateException when the run directory holds a run with another configuration, or units without
     *                               a manifest, or another process is writing it
     */
    public RunResult run() {
        RunDirectory run = RunDirectory.open(directory);
        try (RunLock lock = run.lock()) {
            run.writeOrCheckManifest(manifest);
            List<UnitResult> results = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                PlannedUnit unit = units.get(i);
                Optional<UnitResult> finished = run.finishedUnit(unit.name());
                listener.unitStarted(unit.name(), i + 1, units.size(), finished.isPresent());
                UnitResult result = finished.orElseGet(() -> runUnit(unit));
                if (finished.isEmpty()) {
                    run.saveUnit(result);
                }
                results.add(result);
            }
            return manifest.isStudy()
                    ? new RunResult(run.root(), manifest, manifest.spec(), manifest.studyCutoffs(), results)
                    : new RunResult(run.root(), manifest, null, null, results);
        }
    }

    private UnitResult runUnit(PlannedUnit unit) {
        MultipleChoiceMethod method = unit.method();
        MultipleChoiceMethod.Fitted fitted = method.fit(unit.train(), unit.fitSeed(), progress);
        List<Prediction> predictions = fitted.predict(unit.test(), progress);
        if (predictions.size() != unit.test().size()) {
            throw new IllegalStateException(method.name() + " returned " + predictions.size() + " predictions for "
                    + unit.test().size() + " items");
        }
        List<ItemResult> records = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Item item = unit.test().get(i);
            Prediction prediction = predictions.get(i);
            if (!prediction.itemId().equals(item.id())) {
                throw new IllegalStateException(method.name() + " answered item " + prediction.itemId() + " where "
                        + item.id() + " was asked");
            }
            Map<String, Double> hardness = new LinkedHashMap<>();
            measures.forEach(measure -> item.hardness(measure).ifPresent(value -> hardness.put(measure, value)));
            records.add(new ItemResult(item.id(), unit.condition(), unit.bootstrap(), prediction.isCorrect(item),
                    prediction.goldProbability(item), prediction.predicted(), hardness, prediction.outputs()));
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>(fitted.diagnostics());
        diagnostics.putAll(unit.facts());
        return new UnitResult(unit.name(), unit.pool(), unit.bootstrap(), unit.trainIds(), diagnostics, records);
    }

    /** Builds a {@link RunEngine}; the run directory is required ({@link RunOptions}). */
    public static final class Builder extends RunOptions<Builder> {
        private final RunManifest manifest;
        private final List<PlannedUnit> units;
        private List<String> measures = List.of();

        private Builder(RunManifest manifest, List<PlannedUnit> units) {
            this.manifest = manifest;
            this.units = units;
        }

        /** The hardness measures each record keeps of its item (default: none). */
        public Builder optMeasures(List<String> measures) {
            this.measures = List.copyOf(measures);
            return this;
        }

        /** The engine. */
        public RunEngine build() {
            return new RunEngine(this);
        }
    }
}
