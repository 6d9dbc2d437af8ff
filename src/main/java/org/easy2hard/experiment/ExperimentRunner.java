package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.MeasureNames;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.model.Progress;
import org.easy2hard.stats.Condition;

/**
 * The study planner: turns one easy-to-hard study (paper-spec §4.1: an {@link ExperimentSpec}, the probing set and
 * a supervised and an unsupervised method) into its {@link PlannedUnit}s and its manifest ({@link RunManifest#STUDY}),
 * and hands both to the one engine, {@link RunEngine}, which runs, saves and resumes them in a {@link RunDirectory}.
 * It runs nothing itself: {@link #run} is {@code RunEngine.builder(manifest, plan())...run()}. The plan: the
 * unsupervised baseline once on every probing item, then for each train pool and bootstrap a fresh training draw, a
 * fit, and item-level records on every probing item not used for training. The three studies
 * ({@link EncoderStudy}, {@link LanguageModelStudy}, {@link FineTuningStudy}) choose the methods and data and call
 * this planner; drivers plan their own units for the same engine ({@link DriverBuilder#execute}). Run directory,
 * progress and listener are the engine's options ({@link RunOptions}), passed through.
 *
 * <p>Each (pool, bootstrap) unit is saved as soon as it finishes. Run again on the same directory, the engine checks
 * the configuration is unchanged, skips the finished units and runs the rest: the training draws and fit seeds depend
 * only on (seed, measure, pool, bootstrap), so a resumed run produces the same numbers as an uninterrupted one.
 *
 * <pre>{@code
 * RunResult result = ExperimentRunner.builder()
 *         .setSpec(ExperimentSpec.paperProbe(DatasetId.ARC, "human_grade"))
 *         .setData(Datasets.arc(store), DataChecksums.of(store, DatasetId.ARC))
 *         .setModelName("bge-small-en-v1.5")
 *         .setSupervisedMethod(probe)
 *         .setUnsupervisedMethod(similarity)
 *         .setRunDirectory(Path.of("runs/arc-grade"))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class ExperimentRunner {

    private final ExperimentSpec spec;
    private final Dataset probing;
    private final Map<String, String> dataChecksums;
    private final String modelName;
    private final Map<String, String> modelIdentity;
    private final MultipleChoiceMethod supervised;
    private final MultipleChoiceMethod unsupervised;
    private final Path directoryPath;
    private final Progress progress;
    private final RunListener listener;
    private final Stratifier stratifier;

    private ExperimentRunner(Builder builder) {
        this.spec = Objects.requireNonNull(builder.spec, "spec");
        this.probing = Objects.requireNonNull(builder.probing, "data");
        this.dataChecksums = Map.copyOf(builder.dataChecksums);
        this.modelName = Objects.requireNonNull(builder.modelName, "model name");
        this.modelIdentity = new LinkedHashMap<>(builder.modelIdentity);
        this.supervised = builder.supervised;
        this.unsupervised = builder.unsupervised;
        this.directoryPath = Objects.requireNonNull(builder.runDirectory(), "run directory");
        this.progress = builder.progress();
        this.listener = builder.listener();
        if (probing.id() != spec.dataset()) {
            throw new IllegalArgumentException("the spec is for " + spec.dataset() + " but the data is " + probing);
        }
        if (spec.pools().contains(TrainPool.NONE) && unsupervised == null) {
            throw new IllegalArgumentException("the spec has an unsupervised pool but no unsupervised method was set");
        }
        if (spec.pools().stream().anyMatch(pool -> pool != TrainPool.NONE) && supervised == null) {
            throw new IllegalArgumentException("the spec has training pools but no supervised method was set");
        }
        if (builder.measure != null && !builder.measure.name().equals(spec.measure())) {
            throw new IllegalArgumentException("the measure given (" + builder.measure.name() + ") is not the spec's ("
                    + spec.measure() + ")");
        }
        HardnessMeasure measure = builder.measure != null ? builder.measure
                : HardnessCatalog.measures(spec.dataset()).stream()
                .filter(m -> m.name().equals(spec.measure()))
                .findFirst()
                .orElseGet(() -> uncataloguedMeasure(spec.measure()));
        this.stratifier = Stratifier.fit(measure, probing);
        checkDraws();
    }

    /**
     * A measure the catalog does not define but the items carry (model-based hardness, a user column), binned by
     * the rule its name implies; an unknown name is refused with the nearest valid one.
     */
    private HardnessMeasure uncataloguedMeasure(String name) {
        if (probing.items().stream().noneMatch(item -> item.hardness(name).isPresent())) {
            Set<String> valid = new LinkedHashSet<>();
            HardnessCatalog.measures(spec.dataset()).forEach(m -> valid.add(m.name()));
            throw new IllegalArgumentException(MeasureNames.unknown(name, valid, probing.name()));
        }
        return HardnessMeasure.of(name, name, null);
    }

    /**
     * Draws every pool's training sample once, before any unit runs or the run directory is touched: a pool too
     * small for the train size (after --every, say) is refused up front instead of after hours of work, and the
     * directory is not left holding a manifest for a configuration that cannot run.
     */
    private void checkDraws() {
        StratifiedSampler sampler = new StratifiedSampler(probing, stratifier, spec.seed());
        for (TrainPool pool : spec.pools()) {
            sampler.draw(pool, spec.trainSize(), 0);
        }
    }

    /** A builder; spec, data, model name, methods and run directory ({@link RunOptions}) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The stratifier the run uses (the measure with its cutoffs resolved on the probing set). */
    public Stratifier stratifier() {
        return stratifier;
    }

    /**
     * Runs every unit that is not finished yet and returns all of the run's results.
     *
     * @throws IllegalStateException when the run directory holds a run with another configuration, or units without
     *                               a manifest, or another process is writing it
     */
    public RunResult run() {
        return RunEngine.builder(manifest(), plan()).setRunDirectory(directoryPath)
                .optMeasures(List.of(spec.measure())).optProgress(progress).optRunListener(listener).build().run();
    }

    /**
     * Every unit of the run, in run order: per pool and bootstrap a training draw (none for the unsupervised pool)
     * and the probing items not drawn (or the spec's test sample of them).
     */
    public List<PlannedUnit> plan() {
        StratifiedSampler sampler = new StratifiedSampler(probing, stratifier, spec.seed());
        List<PlannedUnit> units = new ArrayList<>();
        for (TrainPool pool : spec.pools()) {
            MultipleChoiceMethod method = pool == TrainPool.NONE ? unsupervised : supervised;
            for (int bootstrap = 0; bootstrap < spec.draws(pool); bootstrap++) {
                TrainTestSplit split = sampler.draw(pool, spec.trainSize(), bootstrap, spec.testSize());
                Condition condition = new Condition(probing.name(), modelName, method.name(), pool.label(),
                        spec.measure(), split.train().size());
                units.add(new PlannedUnit(UnitResult.name(pool, bootstrap), pool, bootstrap, split.train(),
                        split.test(), method, condition, sampler.fitSeed(pool, bootstrap), Map.of()));
            }
        }
        return units;
    }

    /** The manifest: the study's settings, data and model (compared on resume) and provenance (informative). */
    private RunManifest manifest() {
        Map<String, Object> provenance = new LinkedHashMap<>(Provenance.collect());
        if (supervised != null && !supervised.runtime().isEmpty()) {
            provenance.put("supervised_runtime", new java.util.TreeMap<>(supervised.runtime()));
        }
        RunManifest.ModelEntry model = new RunManifest.ModelEntry(modelName, modelIdentity,
                unsupervised == null ? null : RunManifest.MethodEntry.of(unsupervised),
                supervised == null ? List.of() : List.of(RunManifest.MethodEntry.of(supervised)));
        return StudyManifest.of(spec, probing, dataChecksums, stratifier, model, StudyManifest.plan(spec),
                provenance);
    }

    /** Builds an {@link ExperimentRunner}: the study's parts here, the run's options from {@link RunOptions}. */
    public static final class Builder extends RunOptions<Builder> {
        private ExperimentSpec spec;
        private Dataset probing;
        private Map<String, String> dataChecksums = Map.of();
        private String modelName;
        private Map<String, String> modelIdentity = Map.of();
        private MultipleChoiceMethod supervised;
        private MultipleChoiceMethod unsupervised;
        private HardnessMeasure measure;

        private Builder() {
        }

        /**
         * The spec's measure with its binning rule, for measures the catalog does not know (a user dataset's columns,
         * see {@code UserMeasures}); default: the catalog's measure of that name.
         */
        public Builder optMeasure(HardnessMeasure measure) {
            this.measure = Objects.requireNonNull(measure, "measure");
            return this;
        }

        /** What to run. */
        public Builder setSpec(ExperimentSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * The probing set and the SHA-256 of the files it was read from (for the manifest).
         *
         * @param checksums file → SHA-256, e.g. from {@code DataChecksums.of(store, id)}
         */
        public Builder setData(Dataset probing, Map<String, String> checksums) {
            this.probing = probing;
            this.dataChecksums = checksums;
            return this;
        }

        /** The model's name as records and tables show it. */
        public Builder setModelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** The model's full identity (weights hash, settings) for the manifest. */
        public Builder optModelIdentity(Map<String, String> identity) {
            this.modelIdentity = identity;
            return this;
        }

        /** The method trained on the easy / medium / hard pools. */
        public Builder setSupervisedMethod(MultipleChoiceMethod method) {
            this.supervised = method;
            return this;
        }

        /** The baseline evaluated with no training (the "unsupervised" condition). */
        public Builder setUnsupervisedMethod(MultipleChoiceMethod method) {
            this.unsupervised = method;
            return this;
        }

        /** The runner. */
        public ExperimentRunner build() {
            return new ExperimentRunner(this);
        }
    }
}
