package org.easy2hard.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataChecksums;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.experiment.EncoderMethods;
import org.easy2hard.experiment.ExperimentRunner;
import org.easy2hard.experiment.ExperimentSpec;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.FeatureCache;
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
                + "items with 95% intervals and the Supervision Gap Recovered. Rerunning resumes.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--measure", description = "Hardness measure (default: the dataset's main one: human_grade, "
            + "human_hardness, num_steps).")
    String measure;

    @Option(names = "--pools", split = ",", defaultValue = "none,easy,hard",
            description = "Train pools, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> pools;

    @Option(names = "--model", defaultValue = "bge-small-en-v1.5",
            description = "Bundled encoder (bge-small-en-v1.5, all-MiniLM-L6-v2-q) or a directory with model.onnx "
                    + "and tokenizer.json (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--template", defaultValue = "zero-shot-prompt",
            description = "Probe feature texts: zero-shot-prompt (the paper's) or question-answer (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--train-size", defaultValue = "160", description = "Training items per draw (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--bootstraps", defaultValue = "5", description = "Training draws per pool (default: ${DEFAULT-VALUE}).")
    int bootstraps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of draws and fits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--penalty", defaultValue = "1.0",
            description = "The probe's L2-norm penalty (the paper's: ${DEFAULT-VALUE}).")
    double penalty;

    @Option(names = "--resamples", defaultValue = "10000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--out", description = "Run directory (default: runs/<dataset>-<measure>-<model>-s<seed>).")
    Path out;

    @Override
    public Integer call() {
        DatasetId id = DatasetId.parse(dataset);
        String measureName = measure != null ? measure : switch (id) {
            case ARC -> "human_grade";
            case MMLU -> "human_hardness";
            case STRATEGYQA, GSM8K -> "num_steps";
        };
        if (id == DatasetId.GSM8K) {
            throw new IllegalArgumentException("GSM8k is generative (chain of thought); an encoder probe needs "
                    + "multiple-choice items: use arc, mmlu or strategyqa");
        }
        DataStore store = main.store();
        Dataset probing = Datasets.load(id, store);
        ExperimentSpec experiment = new ExperimentSpec(id, measureName, pools.stream().map(TrainPool::parse).toList(),
                trainSize, bootstraps, seed);
        Path directory = out != null ? out : Path.of("runs", id.shortName() + "-" + measureName + "-"
                + Path.of(model).getFileName() + "-s" + seed);
        PrintWriter output = spec.commandLine().getOut();
        LinearProbe probe = LinearProbe.builder().optPenalty(penalty).build();
        try (EncoderMethods methods = EncoderMethods.open(model, FeatureTemplate.parse(template), probe,
                FeatureCache.fromSettings());
             ConsoleProgress progress = new ConsoleProgress(System.err)) {
            RunResult result = ExperimentRunner.builder()
                    .setSpec(experiment)
                    .setData(probing, DataChecksums.of(store, id))
                    .setModelName(methods.modelName())
                    .optModelIdentity(methods.identity())
                    .setSupervisedMethod(methods.probe())
                    .setUnsupervisedMethod(methods.baseline())
                    .setRunDirectory(directory)
                    .optProgress(progress)
                    .optRunListener((unit, index, total, finished) -> System.err.printf("[%d/%d] %s%s%n", index,
                            total, unit, finished ? " (finished earlier, read from disk)" : ""))
                    .build()
                    .run();
            RunSummary summary = new RunSummary(result, GridBootstrap.builder().optResamples(resamples).build());
            String text = summary.format();
            output.println(probing.name() + " by " + measureName + ", " + methods.modelName() + ", probe trained on "
                    + trainSize + " items x " + bootstraps + " draws; run directory " + result.directory());
            output.println(text);
            writeSummary(result.directory().resolve("summary.txt"), text);
        }
        return 0;
    }

    private static void writeSummary(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
