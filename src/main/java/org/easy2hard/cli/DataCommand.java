package org.easy2hard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.download.DatasetDownloader;
import org.easy2hard.data.download.DownloadResult;
import org.easy2hard.data.download.VerificationReport;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/** {@code easy2hard data ...}: list, download and describe the datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List, download and describe the datasets.",
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Download.class, DataCommand.Describe.class})
final class DataCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code data list}: which datasets the data directory holds, each file checked against its pinned SHA-256. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show which datasets are present and verified (every file against its pinned SHA-256).")
    static final class ListDatasets implements Callable<Integer> {

        @ParentCommand
        DataCommand data;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DataStore store = data.main.store();
            PrintWriter out = spec.commandLine().getOut();
            out.println("data directory: " + store.root());
            DatasetDownloader downloader = DatasetDownloader.builder().setStore(store).build();
            for (DatasetId id : DatasetId.paperDatasets()) {
                VerificationReport report = downloader.verify(id);
                String status = report.complete() ? "verified" : report.absent() ? "absent" : "damaged";
                out.printf("  %-11s %-9s %s%n", id.shortName(), status, id.description());
                if (!report.complete() && !report.absent()) {
                    out.println("              " + report.summary());
                }
            }
            return 0;
        }
    }

    /** {@code data download}: fetch the canonical files, verified, all-or-nothing per dataset. */
    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download the canonical dataset files into the data directory; each file is checked "
                    + "against its pinned SHA-256 and a dataset appears only when all of its files are good.")
    static final class Download implements Callable<Integer> {

        @ParentCommand
        DataCommand data;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DATASET", arity = "0..*", description = "arc, mmlu, strategyqa, gsm8k (default: all).")
        List<String> datasets = List.of();

        @Override
        public Integer call() throws java.io.IOException {
            DataStore store = data.main.store();
            PrintWriter out = spec.commandLine().getOut();
            List<DatasetId> wanted = datasets.isEmpty() ? DatasetId.paperDatasets()
                    : datasets.stream().map(DatasetId::parse).toList();
            try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
                DatasetDownloader downloader = DatasetDownloader.builder().setStore(store)
                        .optProgressListener(progress).build();
                for (DatasetId id : wanted) {
                    DownloadResult result = downloader.download(id);
                    out.printf("%-11s %s (%d files) in %s%n", id.shortName(), result.outcome(), result.files(),
                            result.directory());
                }
            }
            return 0;
        }
    }

    /** {@code data describe}: sizes, hardness bins and correlations of one dataset or all. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Print a dataset's sizes, easy/medium/hard bins per hardness measure and the Spearman "
                    + "correlations between measures (on the probing set the experiments use).")
    static final class Describe implements Callable<Integer> {

        @ParentCommand
        DataCommand data;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DATASET", arity = "1..*",
                description = "arc, mmlu, strategyqa, gsm8k, or all.")
        List<String> datasets;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or csv.")
        String format;

        @Override
        public Integer call() {
            DataStore store = data.main.store();
            PrintWriter out = spec.commandLine().getOut();
            if (!format.equals("text") && !format.equals("csv")) {
                throw new IllegalArgumentException("--format must be text or csv, not " + format);
            }
            for (DatasetId id : selected()) {
                for (Table table : describe(id, store)) {
                    print(table, out);
                }
            }
            return 0;
        }

        private List<DatasetId> selected() {
            if (datasets.size() == 1 && datasets.get(0).equalsIgnoreCase("all")) {
                return DatasetId.paperDatasets();
            }
            return datasets.stream().map(DatasetId::parse).toList();
        }

        private void print(Table table, PrintWriter out) {
            if (format.equals("csv")) {
                out.println("# " + table.name());
                StringWriter csv = new StringWriter();
                table.write().csv(csv);
                out.print(csv);
            } else {
                out.println(table.printAll());
            }
            out.println();
        }
    }

    /**
     * The tables that describe a dataset: sizes of all items and of the probing set, bins per measure on the
     * probing set (and on all items where a hold-out makes them differ), and correlations on the probing set.
     */
    static List<Table> describe(DatasetId id, DataStore store) {
        Dataset all = Datasets.loadAll(id, store);
        Dataset probing = Datasets.load(id, store);
        List<HardnessMeasure> measures = HardnessCatalog.measures(id);
        List<Table> tables = new ArrayList<>();
        Table sizes = HardnessTables.sizes(all);
        sizes.setName(id.description() + ": " + all.size() + " items, probing set " + probing.size());
        tables.add(sizes);
        tables.add(HardnessTables.bins(probing, measures));
        if (probing.size() != all.size()) {
            tables.add(HardnessTables.bins(all, measures));
        }
        tables.add(HardnessTables.correlations(probing, measures));
        return tables;
    }
}
