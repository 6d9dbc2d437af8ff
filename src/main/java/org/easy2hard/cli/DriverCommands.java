package org.easy2hard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataChecksums;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.EncoderMethods;
import org.easy2hard.experiment.EncoderStudy;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.RunDefaults;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.driver.AllToAll;
import org.easy2hard.experiment.driver.LearningCurves;
import org.easy2hard.experiment.driver.ModelBasedHardness;
import org.easy2hard.experiment.driver.ModelBasedScores;
import org.easy2hard.experiment.driver.NoisyLabels;
import org.easy2hard.experiment.driver.Population;
import org.easy2hard.experiment.driver.ScaleAndGap;
import org.easy2hard.experiment.driver.ThirdGradeToCollege;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.stats.GridBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/**
 * The experiment drivers on the command line, one subcommand each, with the bundled encoders' probe and similarity
 * baseline as methods. Each prints its table, writes it to {@code summary.txt} in the run directory and resumes
 * when run again.
 */
final class DriverCommands {

    private DriverCommands() {
    }

    /** Options every driver command takes. */
    static final class Common {
        @Option(names = "--models", split = ",", defaultValue = "bge-small-en-v1.5",
                description = "Encoders (bundled names or model directories), comma-separated, smallest first "
                        + "(default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--train-size", defaultValue = "" + RunDefaults.TRAIN_SIZE, description = "Training items per draw (default: ${DEFAULT-VALUE}).")
        int trainSize;

        @Option(names = "--bootstraps", defaultValue = "" + RunDefaults.BOOTSTRAPS, description = "Training draws (default: ${DEFAULT-VALUE}).")
        int bootstraps;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of draws and fits (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--every", defaultValue = "1", description = "Keep every n-th item, for a quick look (default: ${DEFAULT-VALUE}).")
        int everyNth;

        @Option(names = "--resamples", defaultValue = "" + RunDefaults.RESAMPLES, description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
        int resamples;

        @Option(names = "--out", description = "Run directory (default: runs/<driver>-<dataset>-s<seed>).")
        Path out;

        GridBootstrap bootstrap() {
            return GridBootstrap.builder().optResamples(resamples).build();
        }

        Path directory(String driver, String what) {
            return out != null ? out : RunDefaults.runDirectory(driver + "-" + what, everyNth, seed);
        }

        Dataset subsample(Dataset data) {
            return EncoderStudy.everyNth(data, everyNth);
        }
    }

    /** The opened models; closing releases their ONNX sessions. */
    static final class Models implements AutoCloseable {
        final List<EncoderMethods> opened = new ArrayList<>();
        final List<ModelArms> arms = new ArrayList<>();

        Models(List<String> names) {
            FeatureCache cache = FeatureCache.fromSettings();
            for (String name : names) {
                EncoderMethods methods = EncoderMethods.open(name, FeatureTemplate.ZERO_SHOT_PROMPT,
                        LinearProbe.builder().build(), cache);
                opened.add(methods);
                arms.add(ModelArms.of(methods));
            }
        }

        @Override
        public void close() {
            opened.forEach(EncoderMethods::close);
        }
    }

    /**
     * A driver command: opens the models and the console progress, runs the driver, closes both. Subclasses say what
     * to run in {@link #run}.
     */
    abstract static class DriverCommand implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Mixin
        Common common;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            DataStore store = main.store();
            try (ConsoleProgress progress = new ConsoleProgress(System.err); Models models = new Models(common.models)) {
                run(store, models, progress, spec.commandLine().getOut());
            }
            return 0;
        }

        abstract void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException;
    }

    /** Adds the common settings to a driver's builder. */
    private static <B extends DriverBuilder<B>> B configure(B builder, Common common, Models models, String driver,
            String what, DataStore store, DatasetId id, ConsoleProgress progress) {
        models.arms.forEach(builder::addModel);
        return builder.optTraining(common.trainSize, common.bootstraps).optSeed(common.seed)
                .setRunDirectory(common.directory(driver, what)).optDataChecksums(DataChecksums.of(store, id))
                .optProgress(progress).optRunListener((unit, index, total, finished) -> System.err.printf(
                        "[%d/%d] %s%s%n", index, total, unit, finished ? " (finished earlier)" : ""));
    }

    static void print(PrintWriter out, DriverResult run, Table... tables) {
        StringBuilder text = new StringBuilder();
        for (Table table : tables) {
            text.append(table.printAll()).append("\n\n");
        }
        out.println("run directory " + run.directory());
        out.print(text);
        try {
            Files.writeString(run.directory().resolve("summary.txt"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary in " + run.directory(), e);
        }
    }

    static HardnessMeasure measure(DatasetId id, String name) {
        return HardnessCatalog.find(id, name != null ? name : EncoderStudy.defaultMeasure(id));
    }

    /** {@code easy2hard all-to-all}. */
    @Command(name = "all-to-all", mixinStandardHelpOptions = true,
            description = "All-to-all table: train on n random items of all levels, test on the rest (paper E0).")
    static final class AllToAllCommand extends DriverCommand {
        @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
        String dataset;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            DatasetId id = DatasetId.parse(dataset);
            DriverResult run = configure(AllToAll.builder(common.subsample(Datasets.load(id, store))), common,
                    models, "all-to-all", id.shortName(), store, id, progress).build().run();
            print(out, run, AllToAll.table(run, common.bootstrap()));
        }
    }

    /** {@code easy2hard population}. */
    @Command(name = "population", mixinStandardHelpOptions = true,
            description = "The main easy-to-hard table: every measure x train pool x model, tested on all / easy / "
                    + "medium / hard items (paper E2).")
    static final class PopulationCommand extends DriverCommand {
        @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--measures", split = ",", description = "Measures (default: the paper's main-table ones).")
        List<String> measures;
        @Option(names = "--pools", split = ",", defaultValue = "easy,medium,hard",
                description = "Train pools (default: ${DEFAULT-VALUE}; MMLU has no medium).")
        List<String> pools;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            DatasetId id = DatasetId.parse(dataset);
            Population.Builder builder = Population.builder(common.subsample(Datasets.load(id, store)))
                    .optPools(pools.stream().map(TrainPool::parse).toList());
            if (measures != null) {
                builder.optMeasures(measures.stream().map(m -> HardnessCatalog.find(id, m)).toList());
            }
            Population population = configure(builder, common, models, "population", id.shortName(), store, id,
                    progress).build();
            DriverResult run = population.run();
            print(out, run, population.table(run, common.bootstrap()));
        }
    }

    /** {@code easy2hard third-grade-to-college}. */
    @Command(name = "third-grade-to-college", mixinStandardHelpOptions = true,
            description = "Figure 1: train on ARC grade 3, ARC grade 8, MMLU high school, MMLU college or nothing; "
                    + "test on MMLU college items.")
    static final class ThirdGradeCommand extends DriverCommand {

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            ThirdGradeToCollege driver = configure(ThirdGradeToCollege.builder(
                    common.subsample(Datasets.loadAll(DatasetId.ARC, store)),
                    common.subsample(Datasets.mmlu(store))), common, models, "third-grade-to-college", "arc-mmlu",
                    store, DatasetId.MMLU, progress).build();
            DriverResult run = driver.run();
            print(out, run, ThirdGradeToCollege.table(run, common.bootstrap()));
        }
    }

    /** {@code easy2hard learning-curves}. */
    @Command(name = "learning-curves", mixinStandardHelpOptions = true,
            description = "Learning curves on hard test items for easy vs hard training, against labelling cost "
                    + "(hard items cost 2x; paper E3a). --train-size is ignored: see --sizes.")
    static final class LearningCurvesCommand extends DriverCommand {
        @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--measure", description = "Hardness measure (default: the dataset's main one).")
        String measure;
        @Option(names = "--sizes", split = ",", defaultValue = "10,20,40,80,160,320",
                description = "Training sizes (default: ${DEFAULT-VALUE}).")
        int[] sizes;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            DatasetId id = DatasetId.parse(dataset);
            LearningCurves curves = configure(LearningCurves.builder(common.subsample(Datasets.load(id, store)),
                    measure(id, measure)).optSizes(sizes), common, models, "learning-curves", id.shortName(),
                    store, id, progress).build();
            DriverResult run = curves.run();
            List<Table> tables = new ArrayList<>();
            for (ModelArms arms : models.arms) {
                String method = arms.supervised().get(0).name();
                tables.add(LearningCurves.table("hard-test accuracy by labelling cost (" + arms.model() + ")",
                        arms.model(), method, curves.curves(run, arms.model(), method, common.bootstrap())));
            }
            print(out, run, tables.toArray(Table[]::new));
        }
    }

    /** {@code easy2hard noisy-labels}. */
    @Command(name = "noisy-labels", mixinStandardHelpOptions = true,
            description = "Noisy labels: easy training with noise p, hard with 2p; accuracy on hard test items "
                    + "(paper E3b).")
    static final class NoisyLabelsCommand extends DriverCommand {
        @Option(names = "--dataset", defaultValue = "mmlu", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--measure", description = "Hardness measure (default: the dataset's main one).")
        String measure;
        @Option(names = "--rates", split = ",", defaultValue = "0,0.05,0.1,0.2,0.3",
                description = "Easy noise rates p; hard gets 2p (default: ${DEFAULT-VALUE}).")
        double[] rates;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            DatasetId id = DatasetId.parse(dataset);
            NoisyLabels noisy = configure(NoisyLabels.builder(common.subsample(Datasets.load(id, store)),
                    measure(id, measure)).optRates(rates), common, models, "noisy-labels", id.shortName(), store,
                    id, progress).build();
            DriverResult run = noisy.run();
            List<Table> tables = new ArrayList<>();
            for (ModelArms arms : models.arms) {
                tables.add(NoisyLabels.table("hard-test accuracy with noisy labels (" + arms.model() + ")",
                        arms.model(), noisy.curves(run, arms.model(), arms.supervised().get(0), common.bootstrap())));
            }
            print(out, run, tables.toArray(Table[]::new));
        }
    }

    /** {@code easy2hard scale-and-gap}. */
    @Command(name = "scale-and-gap", mixinStandardHelpOptions = true,
            description = "One condition across models (--models small,large) and hard-test accuracy after easy, "
                    + "medium or hard training (paper E4).")
    static final class ScaleAndGapCommand extends DriverCommand {
        @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--measure", description = "Hardness measure (default: the dataset's main one).")
        String measure;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            DatasetId id = DatasetId.parse(dataset);
            ScaleAndGap driver = configure(ScaleAndGap.builder(common.subsample(Datasets.load(id, store)),
                    measure(id, measure)), common, models, "scale-and-gap", id.shortName(), store, id, progress)
                    .build();
            DriverResult run = driver.run();
            GridBootstrap bootstrap = common.bootstrap();
            print(out, run,
                    ScaleAndGap.table("hard-test accuracy by model", driver.scale(run, bootstrap)),
                    ScaleAndGap.table("hard-test accuracy by training level", driver.gap(run, bootstrap)));
        }
    }

    /** {@code easy2hard mdl}. */
    @Command(name = "mdl", mixinStandardHelpOptions = true,
            description = "Model-based (MDL) hardness of ARC's probing set: the probe fitted on nested subsets of the "
                    + "1,000-item hold-out, 1 - mean gold probability, averaged over models; prints its Spearman "
                    + "correlation with the human and length measures. --train-size is ignored: see --sizes.")
    static final class MdlCommand extends DriverCommand {
        @Option(names = "--sizes", split = ",", defaultValue = "5,20,80,340,900",
                description = "Nested training sizes (default: ${DEFAULT-VALUE}).")
        int[] sizes;

        @Override
        void run(DataStore store, Models models, ConsoleProgress progress, PrintWriter out) throws IOException {
            Dataset probing = common.subsample(Datasets.arc(store));
            ModelBasedHardness mdl = configure(ModelBasedHardness.builder(ModelBasedHardness.arcHoldOut(store),
                    probing).optSizes(sizes), common, models, "mdl", "arc", store, DatasetId.ARC, progress)
                    .build();
            ModelBasedScores scores = mdl.run();
            Dataset scored = scores.apply(probing);
            List<HardnessMeasure> measures = new ArrayList<>();
            measures.add(scores.measure());
            for (ModelArms arms : models.arms) {
                if (models.arms.size() > 1) {
                    measures.add(HardnessMeasure.of(scores.modelColumn(arms.model()), "MDL " + arms.model(), null));
                }
            }
            measures.addAll(HardnessCatalog.measures(DatasetId.ARC));
            Table rho = HardnessTables.correlations(scored, measures);
            Table bins = HardnessTables.bins(scored, List.of(scores.measure()));
            out.println(bins.printAll());
            out.println(rho.printAll());
            Path csv = common.directory("mdl", "arc").resolve("scores.csv");
            Table table = scored.toTable().selectColumns("id", scores.measureName());
            org.easy2hard.io.AtomicFiles.write(csv, file -> table.write().csv(file.toFile()));
            out.println("scores: " + csv.toAbsolutePath());
        }
    }
}
