package org.easy2hard.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.Cutoffs;

/**
 * The options every driver shares beyond a run's ({@link RunBuilder}): the models (with their methods) and the data
 * files' checksums; and the one way a driver runs its planned units ({@link #execute}).
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
public abstract class DriverBuilder<B extends DriverBuilder<B>> extends RunBuilder<B> {

    private final List<ModelArms> models = new ArrayList<>();
    private Map<String, String> checksums = Map.of();

    /** For the drivers' builders. */
    protected DriverBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Adds a model with its methods (at least one model is required). */
    public B addModel(ModelArms model) {
        models.add(Objects.requireNonNull(model, "model"));
        return self();
    }

    /** SHA-256 of the data files, for the manifest (e.g. {@code DataChecksums.of(store, id)}). */
    public B optDataChecksums(Map<String, String> checksums) {
        this.checksums = Map.copyOf(checksums);
        return self();
    }

    /** The models added, in order. */
    public List<ModelArms> models() {
        return List.copyOf(models);
    }

    /** The data files' checksums. */
    public Map<String, String> checksums() {
        return checksums;
    }

    /**
     * Checks what every driver needs: a model, distinct model names, a run directory.
     *
     * @throws IllegalArgumentException when no model was added or two share a name
     */
    public void checkCommon() {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no model was added");
        }
        Objects.requireNonNull(runDirectory(), "run directory");
        if (models.stream().map(ModelArms::model).distinct().count() != models.size()) {
            throw new IllegalArgumentException("models need distinct names");
        }
    }

    /**
     * Runs (or resumes) a driver's planned units through the one engine ({@link RunEngine}) in this builder's run
     * directory, with its progress and listener.
     *
     * @param driver   the driver's name, e.g. {@code learning_curves}
     * @param settings the driver's parameters, compared on resume
     * @param data     the datasets used and their files' SHA-256
     * @param units    the planned units, in run order, with unique names
     * @param measures the hardness values each record keeps
     * @param cutoffs  per data name (a record condition's dataset), the measures the driver stratifies by and their
     *                 resolved cutoffs, so that result sheets can give each record its level without the data
     */
    public DriverResult execute(String driver, Map<String, Object> settings, Map<Dataset, Map<String, String>> data,
            List<PlannedUnit> units, List<String> measures, Map<String, Map<String, Cutoffs>> cutoffs) {
        Map<String, RunManifest.DataSource> sources = new LinkedHashMap<>();
        data.forEach((dataset, sha256) -> sources.put(dataset.name(),
                new RunManifest.DataSource(dataset.id(), dataset.size(), sha256)));
        RunManifest manifest = new RunManifest(new RunManifest.Configuration(driver, settings, sources,
                models.stream().map(RunManifest.ModelEntry::of).toList()), cutoffs, List.of(), Provenance.collect());
        return new DriverResult(RunEngine.builder(manifest, units).optRunOptions(this).optMeasures(measures).build()
                .run());
    }
}
