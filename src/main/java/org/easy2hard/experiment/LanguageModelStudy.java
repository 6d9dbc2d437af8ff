package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.method.prompt.PromptingMethod;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;

/**
 * One easy-to-hard study with a causal language model, the counterpart of {@link EncoderStudy} for the paper's
 * prompting arms (paper-spec §5.4, §6): the zero-shot prompt is the Unsupervised arm, in-context learning with k
 * demonstrations drawn from the easy or hard pool the supervised ones, so the same RQ2 table and SGR come out of
 * {@link RunSummary}.
 *
 * <ul>
 *   <li>ARC, MMLU: ICL with k = 10 (format 0040) against zero-shot 0040;</li>
 *   <li>StrategyQA: ICL + chain of thought with k = 8 (0305, 100 new tokens) against the <em>non</em>-CoT zero-shot
 *       0306, as the paper's SGR rows; {@code optChainOfThought(false)} gives ICL 0306 instead;</li>
 *   <li>GSM8k: ICL + chain of thought with k = 8 (0305, 300 new tokens) against zero-shot 5305.</li>
 * </ul>
 *
 * Each bootstrap draws k training items from the pool (the paper's {@code n_train = k}); they are the
 * demonstrations, in a random order, and every other probing item is a test item, except on GSM8k, where each
 * bootstrap tests 500 of them, 167/167/166 by level, and the 5305 zero-shot arm runs five such bootstraps (the
 * authors' {@code --n_test 500}; {@link Builder#optTestSize} changes it). The language model is borrowed:
 * close it yourself.
 *
 * <pre>{@code
 * try (LanguageModel lm = ...) {
 *     RunResult run = LanguageModelStudy.builder(DataStore.fromSettings(), lm)
 *             .setDataset(DatasetId.ARC)
 *             .build()
 *             .run();
 *     System.out.println(RunSummary.of(run).format());
 * }
 * }</pre>
 */
public final class LanguageModelStudy {

    private final StudyData source;
    private final LanguageModel model;
    private final DatasetId dataset;
    private final String measure;
    private final List<TrainPool> pools;
    private final boolean chainOfThought;
    private final int k;
    private final int bootstraps;
    private final int testSize;
    private final long seed;
    private final int everyNth;
    private final Path runDirectory;
    private final Progress progress;
    private final RunListener listener;

    private LanguageModelStudy(Builder builder) {
        this.source = builder.data();
        this.model = builder.model;
        this.dataset = source.id();
        this.measure = source.measureName(builder.measure);
        this.pools = builder.pools;
        this.chainOfThought = builder.chainOfThought != null ? builder.chainOfThought
                : dataset == DatasetId.STRATEGYQA || dataset == DatasetId.GSM8K;
        this.k = builder.k != null ? builder.k
                : builder.trainSizeGiven() ? builder.trainSize() : PromptingMethod.defaultK(dataset);
        this.bootstraps = builder.bootstraps();
        this.testSize = builder.testSize != null ? builder.testSize : ExperimentSpec.paperTestSize(dataset);
        this.seed = builder.seed();
        this.everyNth = builder.everyNth;
        this.progress = builder.progress();
        this.listener = builder.listener();
        this.runDirectory = builder.runDirectory() != null ? builder.runDirectory()
                : RunDefaults.runDirectory(dataset.shortName() + "-" + measure + "-"
                        + RunDefaults.safeName(model.identity().name()) + (chainOfThought ? "-icl-cot" : "-icl") + "-k"
                        + k + (testSize > 0 ? "-test" + testSize : ""), everyNth, seed);
    }

    /** A builder reading data from the given store and prompting the given model. */
    public static Builder builder(DataStore store, LanguageModel model) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(model, "model"));
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
        return EncoderStudy.everyNth(source.load(), everyNth);
    }

    /** The supervised arm: ICL, with chain of thought where the study uses it. */
    public PromptingMethod supervisedMethod() {
        return chainOfThought ? PromptingMethod.inContextChainOfThought(model, dataset, k)
                : PromptingMethod.inContext(model, dataset, k);
    }

    /** The unsupervised arm: the paper's zero-shot prompt (non-CoT, or 5305 for GSM8k). */
    public PromptingMethod unsupervisedMethod() {
        return PromptingMethod.zeroShot(model, dataset);
    }

    /** The model's identity as the manifest records it. */
    public Map<String, String> identity() {
        ModelIdentity identity = model.identity();
        Map<String, String> map = new LinkedHashMap<>();
        map.put("name", identity.name());
        map.put("source", identity.source());
        map.put("weights_sha256", identity.weightsSha256());
        map.put("cache_key", identity.cacheKey());
        map.put("context_length", Integer.toString(model.contextLength()));
        return map;
    }

    /** Runs (or resumes) the study and returns all of its results. */
    public RunResult run() {
        return ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(dataset, measure, pools, k, bootstraps, seed, testSize))
                .setData(data(), source.checksums())
                .setModelName(model.identity().name())
                .optModelIdentity(identity())
                .setSupervisedMethod(supervisedMethod())
                .setUnsupervisedMethod(unsupervisedMethod())
                .setRunDirectory(runDirectory)
                .optProgress(progress)
                .optRunListener(listener)
                .build()
                .run();
    }

    /** Builds a {@link LanguageModelStudy}; only the dataset is required. */
    public static final class Builder extends StudyBuilder<Builder> {
        private final LanguageModel model;
        private Boolean chainOfThought;
        private Integer k;
        private Integer testSize;

        private Builder(DataStore store, LanguageModel model) {
            super(store);
            this.model = model;
        }

        /** Whether the supervised arm reasons first (default: StrategyQA and GSM8k yes, as the paper's SGR). */
        public Builder optChainOfThought(boolean chainOfThought) {
            this.chainOfThought = chainOfThought;
            return this;
        }

        /**
         * Demonstrations per prompt, the study's training size (default 10 for ARC and MMLU, 8 otherwise; a size
         * given with {@code optTraining} counts as k too).
         */
        public Builder optK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1 for the supervised arm, was " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * Test items per bootstrap, a third per hardness level (default: the paper's, 500 for GSM8k and every
         * non-training item elsewhere, {@link ExperimentSpec#paperTestSize}); 0 tests every non-training item.
         */
        public Builder optTestSize(int testSize) {
            if (testSize < 0) {
                throw new IllegalArgumentException("test size must be 0 (all) or positive, was " + testSize);
            }
            this.testSize = testSize;
            return this;
        }

        /** The study. */
        public LanguageModelStudy build() {
            return new LanguageModelStudy(this);
        }
    }
}
