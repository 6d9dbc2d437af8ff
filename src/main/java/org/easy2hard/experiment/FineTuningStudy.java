package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.method.FineTuningMethod;
import org.easy2hard.method.prompt.PromptedFineTuning;
import org.easy2hard.method.prompt.PromptingMethod;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.lora.LoraLlama;

/**
 * One easy-to-hard study with LoRA fine-tuning of an in-JVM causal LM, the counterpart of {@link EncoderStudy} (probe)
 * and {@link LanguageModelStudy} (prompting) for the paper's fine-tuning arm: the paper's r16 / alpha 32 / q,v recipe
 * ({@link PromptedFineTuning}) trained on each pool's draw against zero-shot prompting of the same model; StrategyQA
 * and GSM8k train the chain-of-thought objective. Adapters and loss curves are kept in the run directory
 * ({@code adapters/}) and reloaded on resume. The model is borrowed: close it yourself.
 *
 * <pre>{@code
 * try (LlamaModel llama = ModelOpener.openInJvm(ModelReference.parse("hf:owner/name"))) {
 *     RunResult run = FineTuningStudy.builder(DataStore.fromSettings(), llama)
 *             .setDataset(DatasetId.ARC)
 *             .build()
 *             .run();
 * }
 * }</pre>
 */
public final class FineTuningStudy {

    private final StudyData source;
    private final LlamaModel model;
    private final DatasetId dataset;
    private final String measure;
    private final boolean chainOfThought;
    private final ExperimentSpec spec;
    private final int everyNth;
    private final Path runDirectory;
    private final RunBuilder<?> settings;

    private FineTuningStudy(Builder builder) {
        this.source = builder.data();
        this.model = builder.model;
        this.dataset = source.id();
        this.measure = source.measureName(builder.measure);
        this.chainOfThought = dataset == DatasetId.STRATEGYQA || dataset == DatasetId.GSM8K;
        int testSize = builder.testSize != null ? builder.testSize : ExperimentSpec.paperTestSize(dataset);
        this.spec = new ExperimentSpec(dataset, measure, builder.pools, builder.trainSize(), builder.bootstraps(),
                builder.seed(), testSize);
        this.everyNth = builder.everyNth;
        this.settings = builder;
        this.runDirectory = builder.runDirectory() != null ? builder.runDirectory()
                : RunDefaults.runDirectory(dataset.shortName() + "-" + measure + "-"
                        + RunDefaults.safeName(model.identity().name()) + "-finetuned", everyNth, builder.seed());
    }

    /** A builder reading data from the given store and fine-tuning the given model. */
    public static Builder builder(DataStore store, LlamaModel model) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(model, "model"));
    }

    /** The measure this study stratifies by. */
    public String measure() {
        return measure;
    }

    /** Whether the study trains the chain-of-thought objective (StrategyQA, GSM8k). */
    public boolean chainOfThought() {
        return chainOfThought;
    }

    /** What the study runs: pools, training size, bootstraps, seed, test size. */
    public ExperimentSpec spec() {
        return spec;
    }

    /** Where the run is kept. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** The probing set this study uses (every n-th item when subsampled). */
    public Dataset data() {
        return EncoderStudy.everyNth(source.load(), everyNth);
    }

    /** The supervised arm: fresh LoRA adapters per unit, saved under the run directory. */
    public FineTuningMethod supervisedMethod() {
        String name = model.identity().name();
        return PromptedFineTuning.builder(new LoraLlama(model), dataset, chainOfThought, name)
                .optAdapterDirectory(runDirectory.resolve("adapters")).build();
    }

    /** Runs (or resumes) the study and returns all of its results. */
    public RunResult run() {
        String name = model.identity().name();
        return ExperimentRunner.builder()
                .setSpec(spec)
                .setData(data(), source.checksums())
                .setModelName(name)
                .optModelIdentity(Map.of("name", name, "cache_key", model.identity().cacheKey()))
                .setSupervisedMethod(supervisedMethod())
                .setUnsupervisedMethod(PromptingMethod.zeroShot(model, dataset))
                .optRunOptions(settings)
                .setRunDirectory(runDirectory)
                .build()
                .run();
    }

    /** Builds a {@link FineTuningStudy}; only the dataset is required. */
    public static final class Builder extends StudyBuilder<Builder> {
        private final LlamaModel model;
        private Integer testSize;

        private Builder(DataStore store, LlamaModel model) {
            super(store);
            this.model = model;
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
        public FineTuningStudy build() {
            return new FineTuningStudy(this);
        }
    }
}
