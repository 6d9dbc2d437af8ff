package org.easy2hard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetFiles;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code easy2hard data ...}: list, download and describe the datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List, download and describe the datasets.",
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Describe.class})
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

    /** {@code data list}: which datasets the data directory holds. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show which datasets are present.")
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
            for (DatasetId id : DatasetId.values()) {
                List<String> missing = new ArrayList<>();
                for (String file : DatasetFiles.required(id)) {
                    if (!Files.isRegularFile(store.root().resolve(file))) {
                        missing.add(file);
                    }
                }
                String status = missing.isEmpty() ? "present"
                        : "missing " + missing.size() + " of " + DatasetFiles.required(id).size() + " files";
                out.printf("  %-11s %-9s %s%n", id.shortName(), status.startsWith("present") ? "present" : "MISSING",
                        id.description() + (missing.isEmpty() ? "" : " (" + status + ", e.g. " + missing.get(0) + ")"));
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
                return List.of(DatasetId.values());
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
