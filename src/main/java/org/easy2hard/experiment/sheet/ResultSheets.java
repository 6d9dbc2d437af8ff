package org.easy2hard.experiment.sheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.ExperimentRunner;
import org.easy2hard.experiment.ExperimentSpec;
import org.easy2hard.experiment.RunDirectory;
import org.easy2hard.experiment.RunManifest;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.experiment.driver.ThirdGradeToCollege;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;

/**
 * Exports runs in the paper's result-sheet format (paper-spec §7; the authors' {@code run_jobs.py} writes them and
 * their {@code analysis.Rmd} reads them), so that the authors' analysis, or any tool written for their sheets, reads
 * our runs. Three files:
 * <ul>
 *   <li>{@link #writeSheet}: the bootstrap-averaged sheet ({@code <data>_get_population_table_....csv}): one row per
 *       condition and test subset ({@code test_on} = all, easy, medium, hard; a level only when test items of it
 *       exist), {@code test_acc} the mean over bootstraps of each bootstrap's accuracy on that subset,
 *       {@code error_bar}, {@code test_acc_str} and {@code sample_size} from the grid bootstrap of the subset's
 *       items × bootstraps as {@code metrics.grid_bootstrap} computes them ({@code test_acc_str} is
 *       {@code "%5.2f ± %5.2f"} of 100 × the bootstrap mean and 100 × the error bar), {@code boot_idx} empty;</li>
 *   <li>{@link #writeAllBootstraps}: the {@code _all-boots_} variant, one row per bootstrap with its
 *       {@code boot_idx}, accuracy and test count, and no interval columns;</li>
 *   <li>{@link #writeItemLevel}: the item-level file ({@code item_level_accs_...csv}): per condition one row per
 *       tested item with {@code accuracy}, {@code accuracy1} ... (bootstrap 0, 1, ...; empty where the item was in
 *       that draw's training sample), its hardness value and level, and the condition. The first column is the
 *       item id (the authors' file has the pandas index there and {@code analysis.Rmd} renames the first column to
 *       {@code id}, whatever its name). A last column {@code dataname}, which the authors' file lacks (their R code
 *       adds it), lets the file stand alone.</li>
 * </ul>
 *
 * <h2>Names</h2>
 * Values are written in the authors' vocabulary: datasets {@code ai2_arc} ({@code ai2_arc_all} for the un-held-out
 * ARC set), {@code mmlu_STEM-5}, {@code strategy-qa}, {@code gsm8k_main} (their code's name for GSM8k) and a user
 * dataset under its own name; methods {@code learned} (the linear probe), {@code decoding} (prompting, and our
 * unsupervised similarity baseline, which plays the zero-shot role), {@code finetuned} (QLoRA / LoRA); the
 * unsupervised condition as {@code train_on = all}, {@code n_train = 0}, {@code probe_loss = unsupervised}, the way
 * their population table records zero-shot prompting. Method names can be remapped with
 * {@link Builder#optMethodName}. {@code prompt_id} is the paper's prompt ({@code 0040} for ARC, MMLU and user data,
 * {@code 0306} for StrategyQA) when the run's probe used the zero-shot-prompt features, else the feature template.
 *
 * <h2>What is not known and left empty</h2>
 * {@code train_acc} (runs do not evaluate on their training items), {@code quantization} ({@code NA}). Hardness
 * summaries ({@code <col>_{mean,std}_{TRAIN,TEST}}: mean and sample standard deviation over the training and test
 * items of a bootstrap, averaged over bootstraps) and MMLU subject proportions need the items: give the datasets
 * with {@link Builder#optData}; without them only the run's own measure is summarised, over test items. Measures
 * outside the paper's column list get the same four columns after the paper's: a user dataset's columns, and a
 * paper dataset's run measure when it is not among them (ARC's depth of knowledge). Other columns of paper datasets
 * are left out, so that sheets of different datasets have the same columns ({@code analysis.Rmd} binds them
 * row-wise).
 *
 * <pre>{@code
 * ResultSheets sheets = ResultSheets.builder().optData(List.of(arc)).build();
 * sheets.writeSheet(List.of(run), Path.of("result_sheets/ai2_arc_get_population_table_models-1_LC-0_prompts-1_boots-5.csv"));
 * sheets.writeItemLevel(List.of(run), Path.of("result_sheets/item_level_accs_ai2_arc_....csv"));
 * }</pre>
 */
public final class ResultSheets {

    /** The configuration and result columns, in the authors' order. */
    public static final List<String> RESULT_COLUMNS = List.of("model", "dataname", "test_dataname",
            "probing_method", "probe_loss", "use_cot", "noise_labels_p", "n_train", "n_dev", "n_test", "sample_size",
            "prompt_id", "boot_idx", "hardness_var_name", "train_on", "test_on", "train_acc", "test_acc_str",
            "test_acc", "error_bar", "test_acc_train_distr", "force_test_dataname", "quantization");
    /** The hardness columns the authors summarise (their {@code get_hardness_col_names('self')}), in order. */
    public static final List<String> HARDNESS_COLUMNS = List.of("human_hardness", "human_grade", "human_difficulty",
            "human_bloom", "num_steps", "question_num_words", "answer_num_words", "reasoning_num_words",
            "answer_num_chars", "MDL_finetuned_self", "MDL_learned_self", "MDL_decoding_self", "question_prob_self",
            "answer_prob_self", "reasoning_prob_self", "MDL_finetuned_model-avg", "MDL_learned_model-avg",
            "MDL_decoding_model-avg", "question_prob_model-avg", "answer_prob_model-avg", "reasoning_prob_model-avg");
    /** The MMLU subject areas and their column prefixes. */
    static final Map<String, String> MMLU_AREAS = orderedMap("mathematics", "math", "physics", "physics",
            "chemistry", "chem", "biology", "bio", "computer_science", "cs");
    /** The MMLU subject-proportion columns ({@code globals.mmlu_subject_stat_cols}). */
    public static final List<String> MMLU_SUBJECT_COLUMNS = Stream.of("TRAIN", "TEST")
            .flatMap(split -> MMLU_AREAS.values().stream().map(area -> area + "_prop_" + split)).toList();
    /** The item-level file's columns after the accuracy columns. */
    public static final List<String> ITEM_LEVEL_COLUMNS = List.of("hardness_value", "hardness_level_value", "model",
            "probing_method", "n_train", "train_on", "test_on", "hardness_var_name", "dataname");

    static final List<String> TEST_ORDER = List.of("all", "easy", "medium", "hard");

    final GridBootstrap bootstrap;
    private final Map<String, String> methodNames;
    private final List<Dataset> data;

    private ResultSheets(Builder builder) {
        this.bootstrap = builder.bootstrap;
        this.methodNames = Map.copyOf(builder.methodNames);
        this.data = List.copyOf(builder.data);
    }

    /** A builder: 10,000-resample bootstrap with seed 0, the default method names, no item data. */
    public static Builder builder() {
        return new Builder();
    }

    /** The column names of a result sheet: the authors' columns plus the extra hardness columns these runs need. */
    public List<String> columns(List<RunResult> runs) {
        List<String> columns = new ArrayList<>(RESULT_COLUMNS);
        HARDNESS_COLUMNS.forEach(column -> columns.addAll(summaryColumns(column)));
        columns.addAll(MMLU_SUBJECT_COLUMNS);
        extraMeasures(runs).forEach(column -> columns.addAll(summaryColumns(column)));
        return columns;
    }

    /** Writes the bootstrap-averaged sheet, whole or not at all. */
    public void writeSheet(List<RunResult> runs, Path file) {
        write(file, csv(columns(runs), rows(runs, false)));
    }

    /** Writes the all-bootstraps sheet (one row per bootstrap), whole or not at all. */
    public void writeAllBootstraps(List<RunResult> runs, Path file) {
        write(file, csv(columns(runs), rows(runs, true)));
    }

    /** The bootstrap-averaged sheet, parsed as {@link ResultSheet#read} would read the written file. */
    public ResultSheet sheet(List<RunResult> runs) {
        return ResultSheet.parse(Path.of("result-sheet.csv"), new StringReader(csv(columns(runs), rows(runs, false))));
    }

    /**
     * Writes the item-level file, whole or not at all: per condition, one row for every probing item of its run, in
     * the run's item order, with empty accuracy cells where the condition did not test the item (see
     * {@link ItemLevelExport}).
     */
    public void writeItemLevel(List<RunResult> runs, Path file) {
        write(file, ItemLevelExport.csv(this, runs));
    }

    /**
     * Reads a study's run directory (manifest and finished units, {@link RunManifest#isStudy()}), without running
     * anything.
     *
     * @throws DataFormatException when the folder holds no manifest, the manifest lacks a setting, or the run is a
     *                             driver's
     */
    public static RunResult readRun(Path directory) {
        RunDirectory run = RunDirectory.openExisting(directory);
        RunManifest manifest = run.manifest().orElseThrow();
        if (!manifest.isStudy()) {
            throw new DataFormatException(run.root().resolve(RunDirectory.MANIFEST), 0, "a " + manifest.driver()
                    + " driver run holds several experiments; read it with readRuns");
        }
        return new RunResult(run.root(), manifest, manifest.spec(), manifest.studyCutoffs(), run.finishedUnits());
    }

    /**
     * Reads a run directory of either kind: a study's run gives one result, a driver's run (population, noisy labels,
     * learning curves, third grade to college, all-to-all, scale and gap) one per data name and measure
     * ({@link DriverSheets}).
     *
     * @throws DataFormatException when the folder holds no manifest or the manifest lacks what a sheet needs
     */
    public static List<RunResult> readRuns(Path directory) {
        RunDirectory run = RunDirectory.openExisting(directory);
        RunManifest manifest = run.manifest().orElseThrow();
        if (manifest.isStudy()) {
            return List.of(readRun(directory));
        }
        return DriverSheets.read(run.root(), manifest, run.finishedUnits());
    }

    // ------------------------------------------------------------------------------------------------- the rows

    private List<Map<String, String>> rows(List<RunResult> runs, boolean perBootstrap) {
        Set<String> extras = extraMeasures(runs);
        List<SortableRow> rows = new ArrayList<>();
        for (RunResult run : runs) {
            Map<String, Item> items = itemsOf(run);
            SheetFacts facts = SheetFacts.of(run);
            for (Map.Entry<Condition, List<UnitResult>> entry : conditions(run).entrySet()) {
                ConditionRows condition = new ConditionRows(this, run, entry.getKey(), entry.getValue(), items,
                        facts, extras);
                rows.addAll(perBootstrap ? condition.perBootstrap() : condition.averaged());
            }
        }
        rows.sort(Comparator.comparing(SortableRow::key));
        return rows.stream().map(SortableRow::cells).toList();
    }

    /** The run's units grouped by condition, in run order. */
    static Map<Condition, List<UnitResult>> conditions(RunResult run) {
        Map<Condition, List<UnitResult>> groups = new LinkedHashMap<>();
        for (UnitResult unit : run.units()) {
            if (!unit.records().isEmpty()) {
                groups.computeIfAbsent(unit.records().get(0).condition(), c -> new ArrayList<>()).add(unit);
            }
        }
        return groups;
    }

    static boolean isUnsupervised(List<UnitResult> units) {
        return units.get(0).pool() == TrainPool.NONE;
    }

    static List<String> summaryColumns(String column) {
        return List.of(column + "_mean_TRAIN", column + "_mean_TEST", column + "_std_TRAIN", column + "_std_TEST");
    }

    /** Measures the runs use or their items carry that the authors' column list lacks. */
    private Set<String> extraMeasures(List<RunResult> runs) {
        Set<String> extras = new LinkedHashSet<>();
        for (RunResult run : runs) {
            extras.add(run.spec().measure());
            Map<String, Item> items = itemsOf(run);
            // A paper dataset's sheet keeps the authors' columns exactly (plus its run's own measure when that is
            // not among them), so that sheets of different datasets have the same columns and analysis.Rmd can
            // rbind them; a user dataset's sheet carries every column of its items.
            if (!items.isEmpty() && run.spec().dataset() == DatasetId.USER) {
                for (UnitResult unit : run.units()) {
                    unit.records().forEach(record -> {
                        Item item = items.get(record.itemId());
                        if (item != null) {
                            extras.addAll(item.hardness().keySet());
                        }
                    });
                }
            }
        }
        extras.removeAll(HARDNESS_COLUMNS);
        extras.remove(Condition.NONE);
        return extras;
    }

    /**
     * The given items of the run's dataset by id; empty when no dataset holding its items was given. A dataset whose
     * name the run's data name starts with comes first (two user datasets may share ids).
     */
    Map<String, Item> itemsOf(RunResult run) {
        String runData = run.units().stream().flatMap(unit -> unit.records().stream()).findFirst()
                .map(record -> record.condition().dataset()).orElse("");
        List<Dataset> candidates = data.stream().filter(dataset -> dataset.id() == run.spec().dataset())
                .sorted(Comparator.comparing(dataset -> runData.startsWith(dataset.name()) ? 0 : 1)).toList();
        Map<String, Item> items = new LinkedHashMap<>();
        candidates.forEach(dataset -> dataset.forEach(item -> items.putIfAbsent(item.id(), item)));
        return items;
    }

    // ---------------------------------------------------------------------------------------------------- names

    /** The authors' name of a method (see the class comment), or the name itself when it has none. */
    public String paperMethod(String method) {
        method = SheetFacts.baseMethod(method);
        String mapped = methodNames.get(method);
        if (mapped != null) {
            return mapped;
        }
        String lower = method.toLowerCase(Locale.ROOT);
        if (lower.contains("qlora") || lower.contains("lora") || lower.contains("finetun")) {
            return "finetuned";
        }
        if (lower.contains("icl") || lower.contains("prompt") || lower.contains("zero-shot")
                || lower.contains("decoding")) {
            return "decoding";
        }
        return method;
    }

    /** The authors' dataset name: ai2_arc, ai2_arc_all, mmlu_STEM-5, strategy-qa, gsm8k_main, or the user's name. */
    public static String paperDataname(DatasetId dataset, String dataName) {
        return switch (dataset) {
            case ARC -> dataName.startsWith("arc_all") ? "ai2_arc_all" : "ai2_arc";
            case MMLU -> "mmlu_STEM-5";
            case STRATEGYQA -> "strategy-qa";
            case GSM8K -> "gsm8k_main";
            case USER -> dataName;
        };
    }

    /**
     * The authors' dataset name of a condition. Third grade to college rows are named by where the training items
     * came from ({@code ai2_arc} for the 3rd / 8th grade sources, as the Figure 1 chunk of {@code analysis.Rmd}
     * expects, {@code mmlu_STEM-5} for high school, college and the baseline); they all test on MMLU.
     */
    static String paperDataname(RunResult run, Condition condition) {
        if (condition.dataset().equals(ThirdGradeToCollege.NAME)) {
            return condition.hardnessMeasure().equals("human_grade") ? "ai2_arc" : "mmlu_STEM-5";
        }
        return paperDataname(run.spec().dataset(), condition.dataset());
    }

    /**
     * {@code hardness_var_name}: the run's measure; a condition's own where it trained by another (third grade to
     * college's ARC sources); {@code NA} for runs stratified by nothing (all-to-all).
     */
    static String hardnessVarName(RunResult run, Condition condition) {
        String measure = condition.dataset().equals(ThirdGradeToCollege.NAME)
                && !condition.hardnessMeasure().equals(Condition.NONE) ? condition.hardnessMeasure()
                : run.spec().measure();
        return measure.equals(Condition.NONE) ? "NA" : measure;
    }

    /** {@code train_on}: the pool the units drew from ({@code all} for the unsupervised baseline). */
    static String trainOn(List<UnitResult> units) {
        TrainPool pool = units.get(0).pool();
        return pool == TrainPool.NONE ? "all" : pool.label();
    }

    // ------------------------------------------------------------------------------------------------------ CSV

    /**
     * A number as pandas writes a float column: shortest round-trip digits, never an exponent, ".0" on whole
     * numbers; NaN as an empty cell.
     */
    static String decimal(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    static String csv(List<String> columns, List<Map<String, String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(columns);
            for (Map<String, String> row : rows) {
                List<String> cells = new ArrayList<>(columns.size());
                columns.forEach(column -> cells.add(row.getOrDefault(column, "")));
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the result sheet", e);
        }
        return out.toString();
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** One row and the key it is sorted by (the authors' sort: model, data, method, measure, train_on, test_on). */
    record SortableRow(String key, Map<String, String> cells) {
    }

    /** Builds {@link ResultSheets}; every setting has a default. */
    public static final class Builder {
        private GridBootstrap bootstrap = GridBootstrap.withDefaults();
        private final Map<String, String> methodNames = new LinkedHashMap<>(Map.of("learned", "learned",
                "similarity", "decoding"));
        private final List<Dataset> data = new ArrayList<>();

        private Builder() {
        }

        /** The bootstrap behind {@code error_bar} (default: 10,000 resamples, seed 0, 95%, as the paper). */
        public Builder optBootstrap(GridBootstrap bootstrap) {
            this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
            return this;
        }

        /** Writes our method {@code ours} as {@code theirs} in {@code probing_method}. */
        public Builder optMethodName(String ours, String theirs) {
            methodNames.put(ours, theirs);
            return this;
        }

        /** The datasets the runs' items come from, for hardness summaries and MMLU subject proportions. */
        public Builder optData(Collection<Dataset> datasets) {
            data.addAll(datasets);
            return this;
        }

        /** The exporter. */
        public ResultSheets build() {
            return new ResultSheets(this);
        }
    }
}
