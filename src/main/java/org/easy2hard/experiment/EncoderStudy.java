package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.Progress;

/**
 * One easy-to-hard study with an encoder in a few lines, for notebooks and the command line: load a dataset's
 * probing set (optionally every n-th item, for quick looks), open the model, run the similarity baseline and the
 * paper's probe per train pool, keep everything in a run directory (resumed when run again).
 *
 * <pre>{@code
 * RunResult run = EncoderStudy.builder(DataStore.fromSettings())
 *         .setDataset(DatasetId.ARC)
 *         .setMeasure("human_grade")
 *         .build()
 *         .run();
 * }</pre>
 */
public final class EncoderStudy {

    private final StudyData source;
    private final DatasetId dataset;
    private final String measure;
    private final List<TrainPool> pools;
    private final String model;
    private final FeatureTemplate template;
    private final LinearProbe probe;
    private final int trainSize;
    private final int bootstraps;
    private final long seed;
    private final int everyNth;
    private final Path runDirectory;
    private final FeatureCache cache;
    private final Progress progress;
    private final RunListener listener;

    private EncoderStudy(Builder builder) {
        this.source = builder.data();
        this.dataset = source.id();
        this.measure = source.measureName(builder.measure);
        this.pools = builder.pools;
        this.model = builder.model;
        this.template = builder.template;
        this.probe = builder.probe;
        this.trainSize = builder.trainSize();
        this.bootstraps = builder.bootstraps();
        this.seed = builder.seed();
        this.everyNth = builder.everyNth;
        this.cache = builder.cache != null ? builder.cache : FeatureCache.fromSettings();
        this.progress = builder.progress();
        this.listener = builder.listener();
        this.runDirectory = builder.runDirectory() != null ? builder.runDirectory()
                : RunDefaults.runDirectory(source.label() + "-" + measure + "-" + Path.of(model).getFileName(),
                        everyNth, seed);
        if (dataset == DatasetId.GSM8K) {
            throw new IllegalArgumentException("GSM8k is generative (chain of thought); an encoder probe needs "
                    + "multiple-choice items: use arc, mmlu or strategyqa");
        }
    }

    /** A builder reading data from the given store (a {@link StudyData.Paper}, named by {@code setDataset}). */
    public static Builder builder(DataStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /**
     * A builder for data already loaded ({@link StudyData.Given}), e.g. a user's own dataset
     * ({@code UserDatasetLoader}); give its measure with {@link Builder#optMeasure(HardnessMeasure)} when the
     * catalog does not know it.
     *
     * @param data      the probing set
     * @param checksums file → SHA-256 of what it was read from, for the run manifest
     */
    public static Builder builder(Dataset data, Map<String, String> checksums) {
        return new Builder(new StudyData.Given(data, checksums, null));
    }

    /** The paper's main measure of a dataset: ARC grade, MMLU high school vs college, reasoning steps otherwise. */
    public static String defaultMeasure(DatasetId dataset) {
        return switch (dataset) {
            case ARC -> "human_grade";
            case MMLU -> "human_hardness";
            case STRATEGYQA, GSM8K -> "num_steps";
            case USER -> throw new IllegalArgumentException("a user dataset has no default hardness measure; "
                    + "name one of its hardness columns");
        };
    }

    /** The measure this study stratifies by. */
    public String measure() {
        return measure;
    }

    /** Where the run is kept. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** The probing set this study uses (every n-th item when subsampled). */
    public Dataset data() {
        return everyNth(source.load(), everyNth);
    }

    /**
     * Every n-th item of a dataset (items 0, n, 2n, ...), named e.g. {@code ai2_arc-every3}: the quick looks of the
     * notebooks and the command line. n = 1 returns the dataset itself.
     */
    public static Dataset everyNth(Dataset data, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1, was " + n);
        }
        if (n == 1) {
            return data;
        }
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < data.size(); i += n) {
            kept.add(data.items().get(i).id());
        }
        return data.filter(data.name() + "-every" + n, item -> kept.contains(item.id()));
    }

    /** Runs (or resumes) the study and returns all of its results. */
    public RunResult run() {
        Dataset data = data();
        try (EncoderMethods methods = EncoderMethods.open(model, template, probe, cache)) {
            ExperimentRunner.Builder runner = ExperimentRunner.builder()
                    .setSpec(new ExperimentSpec(dataset, measure, pools, trainSize, bootstraps, seed))
                    .setData(data, source.checksums())
                    .setModelName(methods.modelName())
                    .optModelIdentity(methods.identity())
                    .setSupervisedMethod(methods.probe())
                    .setUnsupervisedMethod(methods.baseline())
                    .setRunDirectory(runDirectory)
                    .optProgress(progress)
                    .optRunListener(listener);
            source.measure().ifPresent(runner::optMeasure);
            return runner.build().run();
        }
    }

    /** Builds an {@link EncoderStudy}; only the dataset is required. */
    public static final class Builder extends StudyBuilder<Builder> {
        private String model = "bge-small-en-v1.5";
        private FeatureTemplate template = FeatureTemplate.ZERO_SHOT_PROMPT;
        private LinearProbe probe = LinearProbe.builder().build();
        private FeatureCache cache;

        private Builder(DataStore store) {
            super(store);
        }

        private Builder(StudyData data) {
            super(data);
        }

        /** The measure with its binning rule (e.g. a user dataset's column from {@code UserMeasures}). */
        public Builder optMeasure(HardnessMeasure measure) {
            measureWithRule(measure);
            return this;
        }

        /** A bundled encoder's name or a model directory (default: bge-small-en-v1.5). */
        public Builder optModel(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The probe's feature texts (default: the paper's zero-shot prompt + option). */
        public Builder optTemplate(FeatureTemplate template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** The probe's optimiser settings (default: the paper's). */
        public Builder optProbe(LinearProbe probe) {
            this.probe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        /** The feature cache (default: the settings' cache directory). */
        public Builder optFeatureCache(FeatureCache cache) {
            this.cache = cache;
            return this;
        }

        /** The study. */
        public EncoderStudy build() {
            return new EncoderStudy(this);
        }
    }
}
