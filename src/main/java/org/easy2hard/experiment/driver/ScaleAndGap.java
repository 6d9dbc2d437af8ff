package org.easy2hard.experiment.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.Dataset;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import tech.tablesaw.api.Table;

/**
 * RQ4 (paper-spec §7 E4): the same easy-to-hard condition across models of different sizes, and hard-test accuracy
 * after training on easy, medium or hard items — the train–test hardness gap. It is a {@link Population} run with one
 * measure and every pool, read two ways: {@link #scale} (Unsupervised / Easy / Hard per model) and {@link #gap}
 * (Easy / Medium / Hard per model).
 */
public final class ScaleAndGap {

    /** The driver's name in manifests. */
    public static final String NAME = "scale_and_gap";

    private final Population population;
    private final HardnessMeasure measure;
    private final List<ModelArms> models;

    private ScaleAndGap(Population population, HardnessMeasure measure, List<ModelArms> models) {
        this.population = population;
        this.measure = measure;
        this.models = models;
    }

    /** A builder; add the models smallest first (each one's first supervised method is compared). */
    public static Builder builder(Dataset probing, HardnessMeasure measure) {
        return new Builder(Objects.requireNonNull(probing, "probing set"), Objects.requireNonNull(measure, "measure"));
    }

    /** The underlying population run. */
    public Population population() {
        return population;
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        return population.run();
    }

    /** Per model: hard-test accuracy of Unsupervised, Easy and Hard (the scale bars). */
    public Map<String, Map<String, AccuracyResult>> scale(DriverResult run, GridBootstrap bootstrap) {
        return select(run, bootstrap, List.of("Unsupervised", "Easy", "Hard"));
    }

    /** Per model: hard-test accuracy after training on Easy, Medium and Hard items (the gap bars). */
    public Map<String, Map<String, AccuracyResult>> gap(DriverResult run, GridBootstrap bootstrap) {
        return select(run, bootstrap, List.of("Easy", "Medium", "Hard"));
    }

    private Map<String, Map<String, AccuracyResult>> select(DriverResult run, GridBootstrap bootstrap,
            List<String> wanted) {
        Map<String, Map<String, AccuracyResult>> byModel = new LinkedHashMap<>();
        for (ModelArms arms : models) {
            String method = arms.supervised().isEmpty() ? "" : arms.supervised().get(0).name();
            Map<String, AccuracyResult> all = population.hardTestAccuracy(run, arms.model(), method, measure.name(),
                    bootstrap);
            Map<String, AccuracyResult> kept = new LinkedHashMap<>();
            wanted.forEach(name -> {
                if (all.containsKey(name)) {
                    kept.put(name, all.get(name));
                }
            });
            byModel.put(arms.model(), kept);
        }
        return byModel;
    }

    /** Builds a {@link ScaleAndGap}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private final HardnessMeasure measure;

        private Builder(Dataset probing, HardnessMeasure measure) {
            this.probing = probing;
            this.measure = measure;
        }

        /** The driver. */
        public ScaleAndGap build() {
            checkCommon();
            Population.Builder builder = Population.builder(probing).optMeasures(List.of(measure))
                    .optTraining(trainSize(), bootstraps()).optSeed(seed()).setRunDirectory(runDirectory())
                    .optDataChecksums(checksums()).optProgress(progress()).optRunListener(listener());
            models().forEach(builder::addModel);
            return new ScaleAndGap(builder.build(), measure, models());
        }
    }

    /** A table of {@link #scale} or {@link #gap}: one row per model and train pool. */
    public static Table table(String name, Map<String, Map<String, AccuracyResult>> byModel) {
        Map<List<String>, AccuracyResult> rows = new LinkedHashMap<>();
        byModel.forEach((model, results) -> results.forEach((pool, result) -> rows.put(List.of(model, pool), result)));
        return DriverTables.table(name, List.of("model", "train_on"), rows);
    }
}
