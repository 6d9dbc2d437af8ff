package org.easy2hard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.UserDataset;
import org.easy2hard.data.UserDatasetLoader;
import org.easy2hard.experiment.EncoderStudy;
import org.easy2hard.experiment.FineTuningStudy;
import org.easy2hard.experiment.LanguageModelStudy;
import org.easy2hard.experiment.RunDefaults;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.UserMeasures;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.ModelEnvironment;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.open.ModelOpener;
import org.easy2hard.stats.GridBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code easy2hard run}: one easy-to-hard experiment with an encoder — the similarity baseline (unsupervised) and
 * the paper's linear probe trained on easy and on hard items — printed as the Unsupervised / Easy / Hard table on
 * hard test items with 95% intervals and the SGR. The run directory keeps everything and resumes when run again.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an easy-to-hard experiment (linear probe on an encoder) and print accuracy on hard test "
                + "items with 95%% intervals and the Supervision Gap Recovered. Rerunning resumes.")
final class RunCommand implements Callable<Integer> {

    private static final String DEFAULT_MODEL = "bge-small-en-v1.5";

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--measure", description = "Hardness measure (default: the dataset's main one: human_grade, "
            + "human_hardness, num_steps; with --data-file the file's first hardness column).")
    String measure;

    @Option(names = "--data-file", paramLabel = "FILE",
            description = "Run on your own dataset instead: a .csv or .jsonl file with question, options, answer and "
                    + "hardness_* columns (see UserDatasetLoader); --dataset is then ignored.")
    Path dataFile;

    @Option(names = "--cutoffs", paramLabel = "EASY_MAX,HARD_MIN", split = ",",
            description = "With --data-file: fixed inclusive cutoffs of the measure (default: its 30th / 70th "
                    + "percentiles).")
    List<Double> cutoffs;

    @Option(names = "--pools", split = ",", defaultValue = "none,easy,hard",
            description = "Train pools, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> pools;

    @Option(names = "--model",
            description = "Bundled encoder (bge-small-en-v1.5, all-MiniLM-L6-v2-q), a directory with model.onnx and "
                    + "tokenizer.json, a causal LM run inside the JVM: hf:owner/name[@revision] (downloaded into "
                    + "the cache) or a Hugging Face directory with config.json (the probe then reads its hidden "
                    + "states against zero-shot prompting), or an OpenAI-compatible server URL[,URL...]#NAME "
                    + "(prompting; default method icl). Default: $EASY2HARD_MODEL, else " + DEFAULT_MODEL + ".")
    String model;

    @Option(names = "--template", defaultValue = "zero-shot-prompt",
            description = "Probe feature texts: zero-shot-prompt (the paper's) or question-answer (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--train-size", defaultValue = "" + RunDefaults.TRAIN_SIZE, description = "Training items per draw (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--bootstraps", defaultValue = "" + RunDefaults.BOOTSTRAPS, description = "Training draws per pool (default: ${DEFAULT-VALUE}).")
    int bootstraps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of draws and fits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--penalty", defaultValue = "1.0",
            description = "The probe's L2-norm penalty (the paper's: ${DEFAULT-VALUE}).")
    double penalty;

    @Option(names = "--resamples", defaultValue = "" + RunDefaults.RESAMPLES, description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--out", description = "Run directory (default: runs/<dataset>-<measure>-<model>[-every<n>]-s<seed>).")
    Path out;

    @Option(names = "--method", description = "probe (the paper's linear probe on hidden states; the default), icl "
            + "(in-context learning with k demonstrations against zero-shot prompting; the default with --lm-url) "
            + "icl-cot (ICL with chain of thought; StrategyQA and GSM8k use it whenever prompting) or finetune (LoRA on "
            + "an in-JVM causal LM, --model hf:owner/name or DIR; chain of thought for StrategyQA and GSM8k).")
    String method;

    @Option(names = "--lm-url", paramLabel = "URL[,URL...]",
            description = "Base URL(s) of OpenAI-compatible servers (vLLM, ...), with /v1, one per replica, with "
                    + "--lm-model: the same as --model URL[,URL...]#NAME. Prompting then runs on that server.")
    String lmUrl;

    @Option(names = "--lm-model", paramLabel = "NAME",
            description = "The served model name (GET URL/models lists it), with --lm-url. The API key, "
                    + "if the server needs one, is read from $OPENAI_API_KEY and never written anywhere.")
    String lmModel;

    @Option(names = "--lm-api-key-env", paramLabel = "VARIABLE", defaultValue = "OPENAI_API_KEY",
            description = "The environment variable holding the server's API key (default: ${DEFAULT-VALUE}).")
    String lmApiKeyVariable;

    /** The model, parsed once from --model (or --lm-url with --lm-model, or the environment) when the run starts. */
    private ModelReference reference;

    @Option(names = "--k", description = "Demonstrations per prompt (default: 10 for ARC and MMLU, 8 otherwise).")
    Integer k;

    @Option(names = "--test-size", paramLabel = "N", description = "Test items per draw for icl and finetune, a third "
            + "per hardness level; 0 tests every non-training item (default: the paper's, 500 for GSM8k, else 0).")
    Integer testSize;

    @Option(names = "--every", defaultValue = "1",
            description = "Keep every n-th probing item, for a quick look (default: ${DEFAULT-VALUE}, all items).")
    int everyNth;

    @Override
    public Integer call() {
        // Everything that can be checked without data or a model is checked before either is touched.
        if (resamples < 1) {
            throw new IllegalArgumentException("--resamples must be at least 1, was " + resamples);
        }
        if (everyNth < 1) {
            throw new IllegalArgumentException("--every must be at least 1, was " + everyNth);
        }
        if (trainSize < 1 || bootstraps < 1) {
            throw new IllegalArgumentException("--train-size and --bootstraps must be at least 1, were " + trainSize
                    + " and " + bootstraps);
        }
        pools.forEach(TrainPool::parse);
        if (dataFile == null && "user".equalsIgnoreCase(dataset)) {
            throw new IllegalArgumentException("--dataset user needs your file: --data-file FILE (a .csv or .jsonl "
                    + "with question, options, answer and hardness_* columns)");
        }
        reference = lmUrl != null && !lmUrl.isBlank() ? ModelReference.Server.of(lmUrl, lmModel)
                : ModelReference.parse(model != null ? model
                        : ModelEnvironment.reference(System.getenv(), System.err::println).orElse(DEFAULT_MODEL));
        String chosen = method != null ? method : reference instanceof ModelReference.Server ? "icl" : "probe";
        switch (chosen) {
            case "probe" -> {
                return runProbe();
            }
            case "icl", "icl-cot" -> {
                return runPrompting(chosen.equals("icl-cot"));
            }
            case "finetune" -> {
                return runFineTuning();
            }
            default -> throw new IllegalArgumentException("--method must be probe, icl, icl-cot or finetune, was "
                    + chosen);
        }
    }

    /** In-context learning against zero-shot prompting, on a server (--lm-url) or an in-JVM causal LM (--model). */
    private int runPrompting(boolean chainOfThought) {
        if (dataFile != null) {
            throw new IllegalArgumentException("--data-file runs with --method probe; prompt a user dataset from Java "
                    + "(PromptingMethod with ExperimentRunner)");
        }
        if (!reference.isCausal()) {
            throw new IllegalArgumentException("prompting needs a causal language model: --model URL#NAME (a server), "
                    + "hf:owner/name or a model directory with config.json");
        }
        DatasetId id = DatasetId.parse(dataset);
        if (reference instanceof ModelReference.Server server) {
            // Seconds, before any data, model or run directory: a dead or misconfigured server is named at once.
            ModelOpener.checkServer(server, lmApiKeyVariable);
        }
        PrintWriter output = spec.commandLine().getOut();
        try (ConsoleProgress progress = new ConsoleProgress(System.err);
                LanguageModel languageModel = ModelOpener.openLanguageModel(reference, lmApiKeyVariable)) {
            LanguageModelStudy.Builder builder = LanguageModelStudy.builder(main.store(), languageModel)
                    .setDataset(id)
                    .setMeasure(measure)
                    .optPools(pools.stream().map(TrainPool::parse).toList())
                    .optBootstraps(bootstraps)
                    .optSeed(seed)
                    .optEveryNth(everyNth)
                    .optRunDirectory(out)
                    .optProgress(progress)
                    .optRunListener(RunCommand::logUnit);
            if (chainOfThought) {
                builder.optChainOfThought(true);
            }
            if (k != null) {
                builder.optK(k);
            }
            if (testSize != null) {
                builder.optTestSize(testSize);
            }
            LanguageModelStudy study = builder.build();
            RunResult result = study.run();
            printSummary(output, result, id.shortName() + " by " + study.measure() + ", "
                    + languageModel.identity().name() + ", " + study.supervisedMethod().settings().get("k")
                    + "-shot " + (chainOfThought || study.supervisedMethod().settings().get("use_cot").equals("true")
                            ? "ICL+CoT" : "ICL") + " vs zero-shot");
        }
        return 0;
    }

    /**
     * LoRA fine-tuning (the paper's r16 / alpha 32 / q,v recipe) of an in-JVM causal LM against zero-shot prompting
     * of the same model; adapters and loss curves are saved in the run directory and reloaded on resume.
     */
    private int runFineTuning() {
        if (dataFile != null || !reference.isInJvmCausal()) {
            throw new IllegalArgumentException("fine-tuning needs an in-JVM causal LM on a paper dataset: "
                    + "--model hf:owner/name or a model directory with config.json");
        }
        DatasetId id = DatasetId.parse(dataset);
        PrintWriter output = spec.commandLine().getOut();
        try (ConsoleProgress progress = new ConsoleProgress(System.err);
                LlamaModel llama = ModelOpener.openInJvm(reference)) {
            FineTuningStudy.Builder builder = FineTuningStudy.builder(main.store(), llama)
                    .setDataset(id)
                    .setMeasure(measure)
                    .optPools(pools.stream().map(TrainPool::parse).toList())
                    .optTraining(trainSize, bootstraps)
                    .optSeed(seed)
                    .optEveryNth(everyNth)
                    .optRunDirectory(out)
                    .optProgress(progress)
                    .optRunListener(RunCommand::logUnit);
            if (testSize != null) {
                builder.optTestSize(testSize);
            }
            FineTuningStudy study = builder.build();
            RunResult result = study.run();
            printSummary(output, result, id.shortName() + " by " + study.measure() + ", " + llama.identity().name()
                    + ", LoRA fine-tuned on " + trainSize + " items x " + bootstraps + " draws"
                    + (study.chainOfThought() ? " (chain of thought)" : "") + " vs zero-shot");
        }
        return 0;
    }

    private static void logUnit(String unit, int index, int total, boolean finished) {
        System.err.printf("[%d/%d] %s%s%n", index, total, unit, finished ? " (finished earlier, read from disk)" : "");
    }

    private void printSummary(PrintWriter output, RunResult result, String label) {
        RunSummary summary = new RunSummary(result, GridBootstrap.builder().optResamples(resamples).build());
        String text = summary.format();
        output.println(label + (everyNth > 1 ? ", every " + everyNth + "th probing item" : "") + "; run directory "
                + result.directory());
        output.println(text);
        writeSummary(result.directory().resolve("summary.txt"), text);
    }

    private int runProbe() {
        PrintWriter output = spec.commandLine().getOut();
        try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
            EncoderStudy.Builder builder;
            String dataLabel;
            if (dataFile != null) {
                UserDataset data = UserDatasetLoader.builder().build().load(dataFile);
                String name = measure != null ? measure : data.hardnessColumns().stream().findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dataFile + " has no hardness_* column; "
                                + "name a measure with --measure (e.g. question_num_words)"));
                Map<String, BinningRule> rules = Map.of();
                if (cutoffs != null) {
                    if (cutoffs.size() != 2) {
                        throw new IllegalArgumentException("--cutoffs needs two numbers, EASY_MAX,HARD_MIN");
                    }
                    rules = Map.of(name, new BinningRule.Fixed(cutoffs.get(0), cutoffs.get(1)));
                }
                builder = EncoderStudy.builder(data.dataset(), data.checksums())
                        .optMeasure(UserMeasures.find(UserMeasures.of(data, rules), name));
                dataLabel = data.name();
            } else {
                if (cutoffs != null) {
                    throw new IllegalArgumentException("--cutoffs applies to --data-file; the paper's datasets use "
                            + "the paper's cutoffs");
                }
                DatasetId id = DatasetId.parse(dataset);
                builder = EncoderStudy.builder(main.store()).setDataset(id).setMeasure(measure);
                dataLabel = id.shortName();
            }
            EncoderStudy study = builder
                    .optPools(pools.stream().map(TrainPool::parse).toList())
                    .optModel(reference.text())
                    .optTemplate(FeatureTemplate.parse(template))
                    .optProbe(LinearProbe.builder().optPenalty(penalty).build())
                    .optTraining(trainSize, bootstraps)
                    .optSeed(seed)
                    .optEveryNth(everyNth)
                    .optRunDirectory(out)
                    .optProgress(progress)
                    .optRunListener(RunCommand::logUnit)
                    .build();
            RunResult result = study.run();
            printSummary(output, result, dataLabel + " by " + study.measure() + ", " + reference.text() + ", probe trained on "
                    + trainSize + " items x " + bootstraps + " draws");
        }
        return 0;
    }

    private static void writeSummary(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
