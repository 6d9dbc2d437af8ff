package org.easy2hard.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.UserDatasetLoader;
import org.easy2hard.experiment.RunDefaults;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.sheet.ResultSheet;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.experiment.sheet.SheetNumbers;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.stats.GridBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code easy2hard sheet ...}: runs to and from the paper's result-sheet CSV format. */
@Command(name = "sheet", mixinStandardHelpOptions = true,
        description = "Export runs as the paper's result sheets (the authors' analysis reads them).",
        subcommands = {SheetCommand.Export.class})
final class SheetCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code sheet export RUN_DIR... --out FILE}: the bootstrap-averaged sheet, optionally the other two files. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write run directories as one result sheet (test_on all/easy/medium/hard, accuracy "
                    + "averaged over bootstraps, grid-bootstrap error bars), and optionally the all-bootstraps sheet "
                    + "and the item-level file.")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        SheetCommand sheet;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run directories (with manifest.json).")
        List<Path> runs;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The result sheet to write.")
        Path out;

        @Option(names = "--all-boots", paramLabel = "FILE", description = "Also write the one-row-per-bootstrap sheet.")
        Path allBoots;

        @Option(names = "--item-level", paramLabel = "FILE", description = "Also write the item-level file.")
        Path itemLevel;

        @Option(names = "--numbers", paramLabel = "FILE", description = "Also write the toolkit's own accuracies and "
                + "SGRs of the runs (from their records, not the sheet) in the sheets' vocabulary, to check an analysis "
                + "of the sheets against.")
        Path numbers;

        @Option(names = "--data-file", paramLabel = "FILE",
                description = "The user dataset file of user runs (for their hardness summaries).")
        Path dataFile;

        @Option(names = "--partial",
                description = "Export runs with units missing or damaged anyway; every row then says so in a last "
                        + "column, partial_export.")
        boolean partial;

        @Option(names = "--resamples", defaultValue = "" + RunDefaults.RESAMPLES,
                description = "Bootstrap resamples for error bars (default: ${DEFAULT-VALUE}, as the paper).")
        int resamples;

        @Override
        public Integer call() {
            PrintWriter output = spec.commandLine().getOut();
            String incomplete = PartialExport.check(runs, partial, spec.commandLine().getErr());
            List<RunResult> results = runs.stream().flatMap(run -> ResultSheets.readRuns(run).stream()).toList();
            ResultSheets sheets = ResultSheets.builder()
                    .optBootstrap(GridBootstrap.builder().optResamples(resamples).build())
                    .optData(data(results))
                    .build();
            sheets.writeSheet(results, out);
            output.println("wrote " + out + " (" + ResultSheet.read(out).rows().size() + " rows from " + results.size()
                    + " run(s))");
            if (allBoots != null) {
                sheets.writeAllBootstraps(results, allBoots);
                output.println("wrote " + allBoots);
            }
            if (itemLevel != null) {
                sheets.writeItemLevel(results, itemLevel);
                output.println("wrote " + itemLevel);
            }
            if (numbers != null) {
                writeNumbers(SheetNumbers.csv(results, sheets, GridBootstrap.builder().optResamples(resamples).build()));
                output.println("wrote " + numbers);
            }
            if (!incomplete.isEmpty()) {
                for (Path file : java.util.stream.Stream.of(out, allBoots, itemLevel).filter(f -> f != null).toList()) {
                    PartialExport.mark(file, incomplete);
                }
                output.println("marked every row partial_export: " + incomplete);
            }
            return 0;
        }

        private void writeNumbers(String csv) {
            try {
                AtomicFiles.write(numbers, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("cannot write " + numbers, e);
            }
        }

        /** The items behind the runs, where the data directory (or --data-file) has them. */
        private List<Dataset> data(List<RunResult> results) {
            List<Dataset> data = new ArrayList<>();
            Set<DatasetId> ids = new LinkedHashSet<>();
            results.forEach(result -> ids.add(result.spec().dataset()));
            for (DatasetId id : ids) {
                if (id == DatasetId.USER) {
                    if (dataFile != null) {
                        data.add(UserDatasetLoader.builder().build().load(dataFile).dataset());
                    }
                    continue;
                }
                try {
                    data.add(Datasets.loadAll(id, sheet.main.store()));
                } catch (DataFormatException | UncheckedIOException e) {
                    System.err.println("easy2hard: " + id + " is not readable from the data directory ("
                            + e.getMessage() + "); its hardness summaries cover only the run's measure");
                }
            }
            return data;
        }
    }
}
