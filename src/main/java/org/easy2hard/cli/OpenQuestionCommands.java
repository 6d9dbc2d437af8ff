package org.easy2hard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DataChecksums;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.UserDataset;
import org.easy2hard.data.UserDatasetLoader;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.driver.CrossDomain;
import org.easy2hard.experiment.driver.HardnessWindow;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.UserMeasures;
import org.easy2hard.report.Figure;
import org.easy2hard.report.OpenQuestionFigures;
import org.easy2hard.stats.GridBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * The review's open questions on the command line (issue 18): {@code easy2hard window} (how far can the train–test
 * gap be widened?) and {@code easy2hard transfer} (does it hold across domains?). Like the other driver commands,
 * each prints its table, writes {@code summary.txt} and its figures into the run directory and resumes when run
 * again; {@code easy2hard sheet export} reads the run directory.
 */
final class OpenQuestionCommands {

    private OpenQuestionCommands() {
    }

    /** A dataset named on the command line, with its measure and its files' checksums. */
    private record Named(Dataset data, HardnessMeasure measure, Map<String, String> checksums) {
    }

    /**
     * A paper dataset ({@code arc}, {@code mmlu}, {@code strategyqa}) or a user file ({@code FILE.csv} /
     * {@code FILE.jsonl}), with a measure (default: the paper dataset's main one, the user file's first hardness
     * column).
     */
    private static Named named(DataStore store, String spec, String measureName, DriverCommands.Common common) {
        Path file = Path.of(spec);
        if (spec.contains(".") && java.nio.file.Files.isRegularFile(file)) {
            UserDataset user = UserDatasetLoader.builder().build().load(file);
            String name = measureName != null ? measureName : user.hardnessColumns().stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + " has no hardness_* column; name a "
                            + "measure (e.g. FILE:question_num_words)"));
            return new Named(common.subsample(user.dataset()), UserMeasures.find(UserMeasures.of(user), name),
                    user.checksums());
        }
        DatasetId id = DatasetId.parse(spec);
        if (id == DatasetId.GSM8K) {
            throw new IllegalArgumentException("GSM8k is generative: the command's methods (the encoder probe and "
                    + "similarity baseline) need answer options. Run HardnessWindow from the library with a method "
                    + "that answers GSM8k (PromptingMethod or FineTuningMethod of a causal LM)");
        }
        return new Named(common.subsample(Datasets.load(id, store)), DriverCommands.measure(id, measureName),
                DataChecksums.of(store, id));
    }

    /** The common settings, as the other driver commands set them (checksums come per dataset). */
    private static <B extends DriverBuilder<B>> B configure(B builder, DriverCommands.Common common,
            DriverCommands.Models models, String driver, String what, ConsoleProgress progress) {
        models.arms.forEach(builder::addModel);
        return builder.optTraining(common.trainSize, common.bootstraps).optSeed(common.seed)
                .setRunDirectory(common.directory(driver, what)).optProgress(progress)
                .optRunListener((unit, index, total, finished) -> System.err.printf("[%d/%d] %s%s%n", index, total,
                        unit, finished ? " (finished earlier)" : ""));
    }

    private static void save(PrintWriter out, Path directory, Figure... figures) throws IOException {
        for (Figure figure : figures) {
            out.println("figure " + figure.savePng(directory));
        }
    }

    /** {@code easy2hard window}. */
    @Command(name = "window", mixinStandardHelpOptions = true,
            description = "The hardness window: train on a window of a numeric measure sliding up to the hardest bin, "
                    + "test on the hardest bin; hard-test accuracy and SGR against the train-test gap.")
    static final class WindowCommand extends DriverCommands.DriverCommand {
        @Option(names = "--dataset", defaultValue = "arc",
                description = "arc, mmlu, strategyqa or a user file (CSV / JSONL) (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--measure", description = "Numeric measure (default: the dataset's main one, e.g. "
                + "human_grade; a user file's first hardness column).")
        String measure;
        @Option(names = "--width", description = "Window width in the measure's units (default: 1 for an integer "
                + "measure, else a quarter of the range below the test bin).")
        Double width;
        @Option(names = "--step", description = "How far each window moves (default: the width).")
        Double step;
        @Option(names = "--test-min", description = "Lowest value of the test bin (default: the measure's hard "
                + "cutoff).")
        Double testMin;

        @Override
        void run(DataStore store, DriverCommands.Models models, ConsoleProgress progress, PrintWriter out)
                throws IOException {
            Named data = named(store, dataset, measure, common);
            HardnessWindow.Builder builder = HardnessWindow.builder(data.data(), data.measure());
            if (width != null || step != null) {
                double w = width != null ? width : step;
                builder.optWindow(w, step != null ? step : w);
            }
            if (testMin != null) {
                builder.optTestMin(testMin);
            }
            String what = data.data().name() + "-" + data.measure().name();
            configure(builder, common, models, "window", what, progress).optDataChecksums(data.checksums());
            HardnessWindow driver = builder.build();
            DriverResult run = driver.run();
            GridBootstrap bootstrap = common.bootstrap();
            List<Table> tables = new ArrayList<>();
            List<Figure> figures = new ArrayList<>();
            for (ModelArms arms : models.arms) {
                String method = arms.supervised().get(0).name();
                List<HardnessWindow.Point> points = driver.points(run, arms.model(), method, bootstrap);
                tables.add(HardnessWindow.table("hardness window: " + data.data().name() + " by "
                        + data.measure().name() + ", test bin >= " + driver.testMin() + " (" + arms.model() + ")",
                        points));
                String title = data.data().name() + " by " + data.measure().label() + " (" + arms.model() + ")";
                if (points.stream().anyMatch(p -> p.accuracy().isPresent())) {
                    figures.add(new Figure("window-accuracy-" + arms.model(),
                            OpenQuestionFigures.windowAccuracy(title, points)));
                }
                if (points.stream().anyMatch(p -> p.sgr().filter(s -> s.isDefined()).isPresent())) {
                    figures.add(new Figure("window-sgr-" + arms.model(), OpenQuestionFigures.windowSgr(title, points)));
                }
            }
            DriverCommands.print(out, run, tables.toArray(Table[]::new));
            save(out, run.directory(), figures.toArray(Figure[]::new));
        }
    }

    /** {@code easy2hard transfer}. */
    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = "Across domains: for every pair (A, B) of datasets, train on A's easy (or hard) pool and "
                    + "test on B's hard items; one table and an SGR heat map (the paper's Figure 1 generalised).")
    static final class TransferCommand extends DriverCommands.DriverCommand {
        @Option(names = "--datasets", split = ",", defaultValue = "arc,mmlu,strategyqa",
                description = "Datasets: arc, mmlu, strategyqa or user files, each optionally with :MEASURE "
                        + "(default: ${DEFAULT-VALUE}).")
        List<String> datasets;
        @Option(names = "--train-on", defaultValue = "easy", description = "easy or hard (default: ${DEFAULT-VALUE}).")
        String trainOn;
        @Option(names = "--same-format", description = "Run only pairs of one option format (default: every pair, "
                + "the table names both formats).")
        boolean sameFormat;

        @Override
        void run(DataStore store, DriverCommands.Models models, ConsoleProgress progress, PrintWriter out)
                throws IOException {
            CrossDomain.Builder builder = CrossDomain.builder().optTrainOn(TrainPool.parse(trainOn))
                    .optSameOptionFormat(sameFormat);
            Map<String, Map<String, String>> checksums = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (String spec : datasets) {
                int colon = spec.lastIndexOf(':');
                Named data = colon > 0 ? named(store, spec.substring(0, colon), spec.substring(colon + 1), common)
                        : named(store, spec, null, common);
                builder.addDomain(data.data(), data.measure());
                checksums.put(data.data().name(), data.checksums());
                names.add(data.data().name());
            }
            configure(builder, common, models, "transfer", String.join("-", names) + "-" + trainOn, progress)
                    .optDatasetChecksums(checksums);
            CrossDomain driver = builder.build();
            DriverResult run = driver.run();
            GridBootstrap bootstrap = common.bootstrap();
            List<Table> tables = new ArrayList<>();
            List<Figure> figures = new ArrayList<>();
            for (ModelArms arms : models.arms) {
                List<CrossDomain.CellResult> results = driver.results(run, arms.model(),
                        arms.supervised().get(0).name(), bootstrap);
                tables.add(CrossDomain.table("across domains: train on " + trainOn + ", test on hard ("
                        + arms.model() + ")", results));
                if (results.stream().anyMatch(r -> r.sgr().isPresent())) {
                    figures.add(new Figure("transfer-sgr-" + arms.model(), OpenQuestionFigures.transferHeatMap(
                            "SGR across domains, trained on " + trainOn + " (" + arms.model() + ")", results)));
                }
            }
            DriverCommands.print(out, run, tables.toArray(Table[]::new));
            save(out, run.directory(), figures.toArray(Figure[]::new));
        }
    }
}
