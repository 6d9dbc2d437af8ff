package org.easy2hard.method.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.method.Softmax;
import org.easy2hard.method.prompt.AnswerExtraction.AnswerType;
import org.easy2hard.method.prompt.PromptAssembler.BuiltPrompt;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;

/**
 * Prompting a causal language model, the paper's {@code decoding} method (paper-spec §5.3, §5.4): zero-shot
 * (k = 0, the "Unsupervised" arm), in-context learning with k demonstrations, and chain of thought.
 *
 * <ul>
 *   <li>{@link #fit} draws the bootstrap's demonstrations once: k of the training items in a random order (seeded by
 *       the fit seed), used for every test item of that bootstrap; k = 0 ignores the training items.</li>
 *   <li>Without chain of thought each option's text is scored as a continuation of the prompt (summed log-probs, no
 *       length normalisation), p = softmax over the item's options, prediction = argmax.</li>
 *   <li>With chain of thought the model generates greedily (at most {@code maxNewTokens}; the paper generated
 *       without stop strings and cut the answer at {@code "\n"} afterwards) and the answer is extracted
 *       ({@link AnswerCheck}): the paper's verdict counts; the completion and all three answers are kept in the
 *       prediction's outputs. A yes/no item's predicted option is the one the paper's answer names, or -1.</li>
 * </ul>
 *
 * The language model is borrowed, never closed.
 */
public final class PromptingMethod implements MultipleChoiceMethod {

    /** The paper's name of the prompting method. */
    public static final String NAME = "decoding";
    private static final List<String> YES_NO = List.of("yes", "no");

    private final LanguageModel model;
    private final PromptFormat format;
    private final int k;
    private final int maxNewTokens;
    private final List<String> stop;
    private final String promptModelName;
    private final boolean optionLeadingSpace;

    private PromptingMethod(Builder builder) {
        this.model = builder.model;
        this.format = Objects.requireNonNull(builder.format, "format");
        this.k = builder.k;
        this.maxNewTokens = builder.maxNewTokens;
        this.stop = List.copyOf(builder.stop);
        this.promptModelName = builder.promptModelName != null ? builder.promptModelName
                : model.identity().name();
        this.optionLeadingSpace = builder.optionLeadingSpace;
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        if (format.chainOfThought() && maxNewTokens < 1) {
            throw new IllegalArgumentException("chain of thought needs maxNewTokens >= 1, was " + maxNewTokens);
        }
    }

    /** A builder; the format is required, k defaults to 0 (zero-shot). */
    public static Builder builder(LanguageModel model) {
        return new Builder(model);
    }

    /** The paper's zero-shot ("Unsupervised") arm of a dataset: 0040 / 0306 scoring, or 5305 for GSM8k. */
    public static PromptingMethod zeroShot(LanguageModel model, DatasetId dataset) {
        return dataset == DatasetId.GSM8K
                ? builder(model).setFormat(PromptFormat.GSM8K_ZERO_SHOT_COT).optMaxNewTokens(maxNewTokens(dataset))
                        .build()
                : builder(model).setFormat(PromptFormat.forDataset(dataset, false)).build();
    }

    /** The paper's ICL arm: k = 10 (ARC, MMLU) or 8 (StrategyQA) demonstrations with option scoring. */
    public static PromptingMethod inContext(LanguageModel model, DatasetId dataset) {
        return inContext(model, dataset, defaultK(dataset));
    }

    /** ICL with option scoring and k demonstrations. */
    public static PromptingMethod inContext(LanguageModel model, DatasetId dataset, int k) {
        return builder(model).setFormat(PromptFormat.forDataset(dataset, false)).optK(k).build();
    }

    /** The paper's ICL + CoT arm (StrategyQA, GSM8k): k = 8 demonstrations with reasoning, 0305, 100 / 300 tokens. */
    public static PromptingMethod inContextChainOfThought(LanguageModel model, DatasetId dataset) {
        return inContextChainOfThought(model, dataset, defaultK(dataset));
    }

    /** ICL + CoT with k demonstrations (the paper's model-robustness runs use k = 4 on StrategyQA). */
    public static PromptingMethod inContextChainOfThought(LanguageModel model, DatasetId dataset, int k) {
        return builder(model).setFormat(PromptFormat.forDataset(dataset, true)).optK(k)
                .optMaxNewTokens(maxNewTokens(dataset)).build();
    }

    /** The paper's number of demonstrations: 10 for ARC and MMLU, 8 for StrategyQA and GSM8k. */
    public static int defaultK(DatasetId dataset) {
        return dataset == DatasetId.ARC || dataset == DatasetId.MMLU ? 10 : 8;
    }

    /** The paper's chain-of-thought token limit: 100 for StrategyQA, 300 for GSM8k (and others). */
    public static int maxNewTokens(DatasetId dataset) {
        return dataset == DatasetId.STRATEGYQA ? 100 : 300;
    }

    /** The prompt format. */
    public PromptFormat format() {
        return format;
    }

    /** The number of demonstrations. */
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Supervised when it shows demonstrations (k &gt; 0). */
    @Override
    public boolean supervised() {
        return k > 0;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("method", NAME);
        settings.put("k", Integer.toString(k));
        settings.put("prompt_format", format.id());
        settings.put("use_cot", Boolean.toString(format.chainOfThought()));
        settings.put("model", model.identity().cacheKey());
        settings.put("prompt_model_name", promptModelName);
        settings.put("strip_trailing_space", Boolean.toString(PromptFormat.stripsTrailingSpace(promptModelName)));
        settings.put("context_length", Integer.toString(model.contextLength()));
        if (format.chainOfThought()) {
            settings.put("max_new_tokens", Integer.toString(maxNewTokens));
            settings.put("stop", String.join("|", stop.stream().map(PromptingMethod::escape).toList()));
            settings.put("answer_extraction", "paper: first 'the answer is', cut at \\n, GSM8k numeric filter; "
                    + "strict/flexible: last match before the first blank line");
        } else {
            settings.put("scoring", "sum of option-token log-probs, softmax over options");
            settings.put("option_leading_space", Boolean.toString(optionLeadingSpace));
        }
        return settings;
    }

    @Override
    public Fitted fit(List<Item> train, long seed, Progress progress) {
        if (k == 0) {
            return new FittedPrompt(List.of());
        }
        if (train.size() < k) {
            throw new IllegalArgumentException("in-context learning with k = " + k + " needs at least " + k
                    + " training items, got " + train.size());
        }
        List<Item> shuffled = new ArrayList<>(train);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Item swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return new FittedPrompt(List.copyOf(shuffled.subList(0, k)));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** The method with one bootstrap's demonstrations. */
    final class FittedPrompt implements Fitted {

        private final List<Item> demos;
        private int items;
        private int truncated;
        private long demosShown;

        FittedPrompt(List<Item> demos) {
            this.demos = demos;
        }

        /** The demonstrations, in prompt order. */
        List<Item> demos() {
            return demos;
        }

        @Override
        public List<Prediction> predict(List<Item> testItems, Progress progress) {
            // Says which arm the backend's counting, scoring or generating belongs to.
            String arm = NAME + " " + format.id() + " k=" + demos.size() + ": ";
            Progress labelled = (task, done, total) -> progress.update(arm + task, done, total);
            List<BuiltPrompt> prompts = new PromptAssembler(format, promptModelName, model, optionLeadingSpace)
                    .build(demos, testItems, labelled);
            for (BuiltPrompt prompt : prompts) {
                items++;
                demosShown += prompt.demosUsed();
                truncated += prompt.demosUsed() < demos.size() ? 1 : 0;
            }
            return format.chainOfThought() ? generate(prompts, labelled) : score(prompts, labelled);
        }

        private List<Prediction> score(List<BuiltPrompt> prompts, Progress progress) {
            List<LogLikelihoodRequest> requests = new ArrayList<>();
            for (BuiltPrompt prompt : prompts) {
                if (!prompt.item().isMultipleChoice()) {
                    throw new IllegalArgumentException("item " + prompt.item().id() + " has no options to score; "
                            + "answer it with chain of thought");
                }
                for (String option : prompt.item().options()) {
                    String continuation = PromptFormat.continuation(option, optionLeadingSpace);
                    requests.add(new LogLikelihoodRequest(prompt.text(), continuation));
                }
            }
            List<LogLikelihood> results = model.logLikelihoods(requests, progress);
            List<Prediction> predictions = new ArrayList<>(prompts.size());
            int next = 0;
            for (BuiltPrompt prompt : prompts) {
                double[] scores = new double[prompt.item().options().size()];
                for (int o = 0; o < scores.length; o++) {
                    scores[o] = results.get(next++).logProbability();
                }
                predictions.add(Prediction.argmax(prompt.item().id(), Softmax.of(scores, 1.0)));
            }
            return predictions;
        }

        private List<Prediction> generate(List<BuiltPrompt> prompts, Progress progress) {
            for (BuiltPrompt prompt : prompts) {
                if (prompt.item().isMultipleChoice() && !prompt.item().options().equals(YES_NO)) {
                    throw new IllegalArgumentException("item " + prompt.item().id() + ": chain of thought answers "
                            + "numbers (GSM8k) or yes/no (StrategyQA), not options " + prompt.item().options());
                }
            }
            List<GenerationRequest> requests = prompts.stream()
                    .map(prompt -> new GenerationRequest(prompt.text(), maxNewTokens, stop)).toList();
            List<Generation> generations = model.generate(requests, progress);
            List<Prediction> predictions = new ArrayList<>(prompts.size());
            for (int i = 0; i < prompts.size(); i++) {
                predictions.add(judge(prompts.get(i).item(), generations.get(i).text(),
                        AnswerExtraction.PROMPTING_STOP));
            }
            return predictions;
        }

        /** Demonstrations asked for, the mean shown after truncation, and the items whose prompt lost some. */
        @Override
        public Map<String, Double> diagnostics() {
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("demos", (double) demos.size());
            diagnostics.put("demos_shown_mean", items == 0 ? demos.size() : (double) demosShown / items);
            diagnostics.put("items_with_demos_dropped", (double) truncated);
            return diagnostics;
        }
    }

    /**
     * Judges a generated completion as the paper does (§5.7) and keeps every extractor's answer: the verdict is the
     * paper's rule; the predicted option is the one the paper's answer names (yes/no items), else -1.
     *
     * @param item       the item answered
     * @param completion the generated text
     * @param stop       where the paper's answer ends ({@link AnswerExtraction#PROMPTING_STOP} when prompting with
     *                   demonstrations), or null (fine-tuned models, which stop at EOS)
     */
    public static Prediction judge(Item item, String completion, String stop) {
        AnswerType type = item.isMultipleChoice() ? AnswerType.YES_NO : AnswerType.NUMBER;
        AnswerCheck check = AnswerCheck.of(completion, item.answer(), type, stop);
        int predicted = -1;
        if (check.paperAnswer().isPresent()) {
            for (int o = 0; o < item.options().size(); o++) {
                if (AnswerExtraction.standardize(item.options().get(o)).equals(check.paperAnswer().get())) {
                    predicted = o;
                    break;
                }
            }
        }
        return Prediction.generated(item.id(), predicted, check.paperCorrect(), check.outputs());
    }

    /** Builds a {@link PromptingMethod}. */
    public static final class Builder {
        private final LanguageModel model;
        private PromptFormat format;
        private int k;
        private int maxNewTokens = 300;
        private List<String> stop = List.of();
        private String promptModelName;
        private boolean optionLeadingSpace = true;

        private Builder(LanguageModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The prompt format (required). */
        public Builder setFormat(PromptFormat format) {
            this.format = format;
            return this;
        }

        /** Number of demonstrations (default 0: zero-shot). */
        public Builder optK(int k) {
            this.k = k;
            return this;
        }

        /** Chain of thought's token limit (default 300; the paper: 100 StrategyQA, 300 GSM8k). */
        public Builder optMaxNewTokens(int maxNewTokens) {
            this.maxNewTokens = maxNewTokens;
            return this;
        }

        /**
         * Stop strings for generation (default none, as the paper). {@code "\n\n"} saves time with base models that
         * go on with new questions; the paper's answer is then the same unless its first trigger phrase came after
         * the first blank line.
         */
        public Builder optStop(List<String> stop) {
            this.stop = List.copyOf(stop);
            return this;
        }

        /**
         * The name the trailing-space rule reads (default: the model identity's name), e.g. the Hugging Face name
         * when the server serves the model under an alias.
         */
        public Builder optPromptModelName(String name) {
            this.promptModelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Whether option texts are passed with a leading space (default true: {@code " Paris"}, the separator after
         * {@code "Answer:"}). Backends following the paper's option-token rule ({@code OptionTokens.AUTHORS}, the
         * default of the in-JVM and OpenAI-compatible models) drop that one space and tokenize the option on its
         * own, so this matters only to backends that score the joined text.
         */
        public Builder optOptionLeadingSpace(boolean leadingSpace) {
            this.optionLeadingSpace = leadingSpace;
            return this;
        }

        /** The method. */
        public PromptingMethod build() {
            return new PromptingMethod(this);
        }
    }
}
