package org.easy2hard.method;

// Why this file is just over 450 lines: it holds the method, its public nested FittedAdapters (an inner class bound
// to the method's model, prompt and judge; moving it out would change the public type name callers and notebooks
// use) and its builder, nested as every builder in the project is. The trainer, objectives and prompts are already
// in their own files.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.Sha256;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;
import org.easy2hard.model.lora.AdaptableLanguageModel;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraConfig;
import org.easy2hard.model.lora.LoraTarget;

/**
 * The paper's {@code finetuned} arm (paper-spec §5.6): LoRA adapters on a causal language model, trained fresh for
 * every fit (every bootstrap and condition) by a {@link LoraTrainer}, then used to answer through the adapted model's
 * {@link LanguageModel} view: the same {@code logLikelihoods} (and {@code generate}) path the prompting arms use.
 *
 * <p><b>Objectives</b> ({@link Objective}):
 * <ul>
 *   <li>{@code MULTIPLE_CHOICE}: train with cross-entropy over the option softmax ({@link MultipleChoiceObjective});
 *       predict with the softmax of the options' summed log-probabilities (§5.3). Context and continuations come
 *       from functions; the default is the paper's zero-shot prompt ({@link FeatureTemplate#zeroShotPrompt}:
 *       {@code 0040} for ARC and MMLU, {@code 0306} for StrategyQA) with each option's text after one space.</li>
 *   <li>{@code CHAIN_OF_THOUGHT}: train on {@code " {reasoning} So the answer is {answer}"} + EOS after
 *       {@code "Q: {q}\nA:"} ({@link ChainOfThoughtObjective}); predict by greedy generation (100 new tokens, 300
 *       for GSM8k, no stop string beyond EOS) judged by an {@link AnswerJudge}, which this objective requires
 *       ({@code method.prompt.PromptedFineTuning} sets the paper's rule of §5.7 and the prompting arms' formats).</li>
 * </ul>
 *
 * <p><b>Seeds</b>: a fit with seed s initialises A from s and shuffles and draws dropout masks from s (see
 * {@link LoraTrainer}); the runner passes a different seed per (train pool, bootstrap), so adapters are fresh per
 * bootstrap and condition and a rerun is reproducible.
 *
 * <p><b>Adapters saved with the run</b>: with {@link Builder#optAdapterDirectory}, every fit writes its adapters
 * ({@link LoraAdapters#save}, safetensors + {@code adapter_config.json} with base model, seed and a digest of the
 * settings and training item ids) and {@code training.json} (the loss curve) into
 * {@code DIR/seed-S-TRAINDIGEST/}; a later fit with the same seed, items and settings reloads them instead of
 * training again (how an interrupted run resumes without redoing finished fits).
 *
 * <p>The model is borrowed: whoever made it closes it. Fitted methods keep adapter values in the JVM and put them on
 * the device only while predicting.
 */
public final class FineTuningMethod implements MultipleChoiceMethod {

    /** The paper's name of the method. */
    public static final String NAME = "finetuned";

    /** Which loss the adapters are trained with, and how the fitted method answers. */
    public enum Objective {
        /** Cross-entropy over the option softmax; answers by option scoring. */
        MULTIPLE_CHOICE,
        /** LM loss on reasoning + answer; answers by greedy generation. */
        CHAIN_OF_THOUGHT
    }

    /** Judges a generated completion for an item (answer extraction + verdict). */
    @FunctionalInterface
    public interface AnswerJudge {
        /** The prediction for {@code item} given the model's completion. */
        Prediction judge(Item item, String completion);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdaptableLanguageModel model;
    private final LoraConfig lora;
    private final LoraTrainer trainer;
    private final Objective objective;
    private final Function<Item, String> prompt;
    private final String promptId;
    private final Function<Item, List<String>> continuations;
    private final Function<Item, String> cotTarget;
    private final AnswerJudge judge;
    private final Path adapterDirectory;

    private FineTuningMethod(Builder builder) {
        this.model = Objects.requireNonNull(builder.model, "model");
        this.lora = builder.lora;
        this.objective = builder.objective;
        this.trainer = builder.trainer != null ? builder.trainer : LoraTrainer.builder()
                .optMinUpdates(objective == Objective.CHAIN_OF_THOUGHT ? OptimizationPlan.PAPER_MIN_UPDATES_COT
                        : OptimizationPlan.PAPER_MIN_UPDATES)
                .build();
        if (builder.prompt != null) {
            this.prompt = builder.prompt;
            this.promptId = builder.promptId;
        } else if (objective == Objective.CHAIN_OF_THOUGHT) {
            this.prompt = item -> "Q: " + item.question() + "\nA:";
            this.promptId = "cot-zero-shot (Q: {q}\\nA:)";
        } else {
            this.prompt = FeatureTemplate::zeroShotPrompt;
            this.promptId = "zero-shot (0040 / 0306)";
        }
        this.continuations = builder.continuations;
        this.cotTarget = builder.cotTarget;
        this.judge = builder.judge;
        if (objective == Objective.CHAIN_OF_THOUGHT && judge == null) {
            throw new IllegalArgumentException("the chain-of-thought objective needs an answer judge "
                    + "(optAnswerJudge; PromptedFineTuning.builder sets the paper's answer extraction)");
        }
        this.adapterDirectory = builder.adapterDirectory;
    }

    /** A builder: paper values, multiple-choice objective, the zero-shot prompt. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supervised() {
        return true;
    }

    /** The trainer's settings (its plan and recipe). */
    public LoraTrainer trainer() {
        return trainer;
    }

    /** The base model's identity, the adapters' shape, the recipe, the objective and prompt. */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("method", NAME);
        settings.put("base_model", model.identity().cacheKey());
        settings.put("objective", objective.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("prompt", promptId);
        settings.putAll(lora.settings());
        settings.putAll(trainer.settings());
        settings.put("seed_policy", "adapters initialised, shuffled and dropped out from the fit seed; fresh per fit");
        return settings;
    }

    /** The device the model computes on. */
    @Override
    public Map<String, String> runtime() {
        return Map.of("engine", LinearProbe.ENGINE, "device", model.device().toString());
    }

    /**
     * Trains fresh adapters on the items (or reloads those a previous fit with the same seed, items and settings
     * saved).
     *
     * @throws IllegalArgumentException      for no training items, items the objective cannot use, or sequences
     *                                       longer than the model's context
     * @throws MemoryBudgetExceededException when one item alone does not fit the trainer's memory budget
     */
    @Override
    public FittedAdapters fit(List<Item> train, long seed, Progress progress) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("fine-tuning needs training items; use an unsupervised method for "
                    + "the no-training condition");
        }
        List<LoraTarget> targets = model.loraTargets(lora.targetModules());
        String digest = digest(train);
        Path saved = adapterDirectory == null ? null
                : adapterDirectory.resolve("seed-" + seed + "-" + digest.substring(0, 16));
        try {
            if (saved != null && LoraAdapters.exists(saved) && Files.isRegularFile(saved.resolve("training.json"))) {
                try (LoraAdapters adapters = LoraAdapters.load(saved, model.device())) {
                    if (digest.equals(adapters.metadata().get("fit_sha256"))) {
                        Map<String, Double> diagnostics = readDiagnostics(saved.resolve("training.json"));
                        return new FittedAdapters(adapters.values(), targets, diagnostics, null, saved);
                    }
                }
            }
            TrainingRecord record;
            Map<String, float[]> values;
            try (LoraAdapters adapters = LoraAdapters.initialize(lora, targets, seed, model.device())) {
                TrainingObjective loss = objective == Objective.CHAIN_OF_THOUGHT
                        ? new ChainOfThoughtObjective(model, adapters, train, prompt, cotTarget)
                        : new MultipleChoiceObjective(model, adapters, train, prompt, continuations);
                record = trainer.train(adapters, loss, seed, progress);
                values = adapters.values();
                if (saved != null) {
                    writeTraining(saved.resolve("training.json"), record);
                    adapters.save(saved, metadata(seed, digest, train.size()));
                }
            }
            return new FittedAdapters(values, targets, record.diagnostics(), record, saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write adapters in " + saved + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> metadata(long seed, String digest, int trainSize) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("base_model", model.identity().name());
        metadata.put("base_model_identity", model.identity().cacheKey());
        metadata.put("base_model_sha256", model.identity().weightsSha256());
        metadata.put("seed", Long.toString(seed));
        metadata.put("train_size", Integer.toString(trainSize));
        metadata.put("fit_sha256", digest);
        metadata.put("objective", objective.name());
        return metadata;
    }

    /** SHA-256 over the settings and the training item ids in order: what makes a fit's adapters. */
    private String digest(List<Item> train) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(settings()).forEach((key, value) -> text.append(key).append('=').append(value)
                .append('\n'));
        train.forEach(item -> text.append(item.id()).append('\n'));
        return Sha256.of(text.toString());
    }

    private static void writeTraining(Path file, TrainingRecord record) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode diagnostics = root.putObject("diagnostics");
        record.diagnostics().forEach(diagnostics::put);
        ArrayNode losses = root.putArray("losses");
        for (double loss : record.losses()) {
            losses.add(loss);
        }
        ArrayNode rates = root.putArray("learning_rates");
        for (double rate : record.learningRates()) {
            rates.add(rate);
        }
        ArrayNode norms = root.putArray("gradient_norms");
        for (double norm : record.gradientNorms()) {
            norms.add(norm);
        }
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static Map<String, Double> readDiagnostics(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        root.path("diagnostics").fields().forEachRemaining(field -> diagnostics.put(field.getKey(),
                field.getValue().asDouble()));
        diagnostics.put("reloaded", 1.0);
        return diagnostics;
    }

    /** Trained adapters bound to this method's model, prompt and judge. */
    public final class FittedAdapters implements Fitted {

        private final Map<String, float[]> values;
        private final List<LoraTarget> targets;
        private final Map<String, Double> diagnostics;
        private final TrainingRecord record;
        private final Path directory;

        private FittedAdapters(Map<String, float[]> values, List<LoraTarget> targets, Map<String, Double> diagnostics,
                TrainingRecord record, Path directory) {
            this.values = values;
            this.targets = targets;
            this.diagnostics = Map.copyOf(diagnostics);
            this.record = record;
            this.directory = directory;
        }

        /** The training record, or null when the adapters were reloaded from a previous fit. */
        public TrainingRecord record() {
            return record;
        }

        /** Where the adapters were saved, or null without an adapter directory. */
        public Path directory() {
            return directory;
        }

        /** The adapter values by PEFT tensor name (copies). */
        public Map<String, float[]> values() {
            Map<String, float[]> copy = new LinkedHashMap<>();
            values.forEach((name, array) -> copy.put(name, array.clone()));
            return copy;
        }

        /** Puts the adapters on the model's device, in evaluation mode; close them when done. */
        public LoraAdapters adapters() {
            return LoraAdapters.of(lora, targets, values, Map.of(), model.device());
        }

        /**
         * Answers through the adapted model's {@link LanguageModel} view: option scoring (softmax over summed
         * option log-probabilities) or greedy generation judged by the answer judge.
         */
        @Override
        public List<Prediction> predict(List<Item> items, Progress progress) {
            try (LoraAdapters adapters = adapters(); LanguageModel adapted = model.withAdapters(adapters)) {
                return objective == Objective.CHAIN_OF_THOUGHT ? generate(adapted, items, progress)
                        : score(adapted, items, progress);
            }
        }

        private List<Prediction> score(LanguageModel adapted, List<Item> items, Progress progress) {
            List<LogLikelihoodRequest> requests = new ArrayList<>();
            for (Item item : items) {
                String context = prompt.apply(item);
                List<String> texts = continuations.apply(item);
                if (texts.size() != item.options().size()) {
                    throw new IllegalArgumentException("item " + item.id() + ": " + texts.size()
                            + " continuations for " + item.options().size() + " options");
                }
                for (String continuation : texts) {
                    requests.add(new LogLikelihoodRequest(context, continuation));
                }
            }
            List<LogLikelihood> scores = adapted.logLikelihoods(requests, progress);
            List<Prediction> predictions = new ArrayList<>(items.size());
            int offset = 0;
            for (Item item : items) {
                double[] optionScores = new double[item.options().size()];
                for (int o = 0; o < optionScores.length; o++) {
                    optionScores[o] = scores.get(offset + o).logProbability();
                }
                offset += optionScores.length;
                predictions.add(Prediction.argmax(item.id(), Softmax.of(optionScores, 1.0)));
            }
            return predictions;
        }

        private List<Prediction> generate(LanguageModel adapted, List<Item> items, Progress progress) {
            List<GenerationRequest> requests = new ArrayList<>();
            for (Item item : items) {
                requests.add(new GenerationRequest(prompt.apply(item), item.dataset() == DatasetId.GSM8K ? 300 : 100,
                        List.of()));
            }
            List<org.easy2hard.model.Generation> generations = adapted.generate(requests, progress);
            List<Prediction> predictions = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                predictions.add(judge.judge(items.get(i), generations.get(i).text()));
            }
            return predictions;
        }

        /** The training record's diagnostics (loss curve as {@code loss.update.NNNN}), {@code reloaded} = 1 if read. */
        @Override
        public Map<String, Double> diagnostics() {
            return diagnostics;
        }
    }

    /** Builds a {@link FineTuningMethod}. */
    public static final class Builder {

        private AdaptableLanguageModel model;
        private LoraConfig lora = LoraConfig.paper();
        private LoraTrainer trainer;
        private Objective objective = Objective.MULTIPLE_CHOICE;
        private Function<Item, String> prompt;
        private String promptId;
        private Function<Item, List<String>> continuations = FineTuningMethod::optionContinuations;
        private Function<Item, String> cotTarget = FineTuningMethod::chainOfThoughtTarget;
        private AnswerJudge judge;
        private Path adapterDirectory;

        private Builder() {
        }

        /** The base model (borrowed). */
        public Builder setModel(AdaptableLanguageModel value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** The adapters' shape (default: the paper's r16 / alpha 32 / dropout 0.1 on q and v). */
        public Builder optLora(LoraConfig value) {
            this.lora = Objects.requireNonNull(value, "lora");
            return this;
        }

        /** The training recipe (default: the paper's, with 10 or 150 minimum updates by objective). */
        public Builder optTrainer(LoraTrainer value) {
            this.trainer = Objects.requireNonNull(value, "trainer");
            return this;
        }

        /** The objective (default: multiple choice). */
        public Builder optObjective(Objective value) {
            this.objective = Objects.requireNonNull(value, "objective");
            return this;
        }

        /**
         * The context of training and prediction, with an id for the settings (default: the paper's zero-shot
         * prompt for multiple choice, {@code "Q: {q}\nA:"} for chain of thought).
         */
        public Builder optPrompt(Function<Item, String> value, String id) {
            this.prompt = Objects.requireNonNull(value, "prompt");
            this.promptId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The scored continuation of each option (default: a space and the option text). */
        public Builder optContinuations(Function<Item, List<String>> value) {
            this.continuations = Objects.requireNonNull(value, "continuations");
            return this;
        }

        /** The chain-of-thought training target before EOS (default: {@code " {reasoning} So the answer is {a}"}). */
        public Builder optChainOfThoughtTarget(Function<Item, String> value) {
            this.cotTarget = Objects.requireNonNull(value, "target");
            return this;
        }

        /**
         * How generated answers are judged; required by the chain-of-thought objective ({@code
         * method.prompt.PromptedFineTuning} sets the paper's rule, §5.7, with the strict and flexible extractors).
         */
        public Builder optAnswerJudge(AnswerJudge value) {
            this.judge = Objects.requireNonNull(value, "judge");
            return this;
        }

        /** Where each fit saves its adapters (and where a rerun finds them). */
        public Builder optAdapterDirectory(Path value) {
            this.adapterDirectory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /** The method. */
        public FineTuningMethod build() {
            return new FineTuningMethod(this);
        }
    }

    /** Each option's text after one space: what follows the prompt's {@code "Answer:"}. */
    public static List<String> optionContinuations(Item item) {
        List<String> texts = new ArrayList<>(item.options().size());
        for (String option : item.options()) {
            texts.add(" " + option);
        }
        return texts;
    }

    /** {@code " {reasoning} So the answer is {answer}"}, the paper's chain-of-thought target before EOS. */
    public static String chainOfThoughtTarget(Item item) {
        return " " + item.reasoning() + " So the answer is " + item.answer();
    }
}
