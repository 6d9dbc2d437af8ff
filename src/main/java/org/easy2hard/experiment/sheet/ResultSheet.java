package org.easy2hard.experiment.sheet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.easy2hard.data.CsvRows;
import org.easy2hard.data.DataFormatException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A result sheet in the paper's format (paper-spec §7), read from a CSV file: ours ({@link ResultSheets}) or the
 * authors' {@code result_sheets/*.csv}, or any external run written in that schema (e.g. LoRA fine-tuning done
 * elsewhere). Rows are typed ({@link Row}); every column is also kept as text, and {@link #toTable()} gives the whole
 * sheet as a Tablesaw table (numeric columns as numbers).
 *
 * <p>Required columns: {@code model, dataname, probing_method, n_train, hardness_var_name, train_on, test_on,
 * test_acc}; the others of the schema are read when present. Empty cells, {@code NA} and {@code NaN} are missing
 * values; {@code test_acc} must be a number on every row. Errors name the file, the line and the column.
 */
public final class ResultSheet {

    /** The columns a sheet must have to be compared with runs. */
    public static final List<String> REQUIRED = List.of("model", "dataname", "probing_method", "n_train",
            "hardness_var_name", "train_on", "test_on", "test_acc");
    private static final Set<String> NUMERIC = Set.of("noise_labels_p", "n_train", "n_dev", "n_test", "sample_size",
            "boot_idx", "train_acc", "test_acc", "error_bar", "test_acc_train_distr");

    private final Path source;
    private final List<String> columns;
    private final List<Row> rows;

    private ResultSheet(Path source, List<String> columns, List<Row> rows) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /**
     * One row of a sheet, typed. Missing numbers are NaN; {@code bootIdx} is empty on bootstrap-averaged rows.
     *
     * @param line             the 1-based line the row starts on
     * @param model            the model
     * @param dataname         the training data's name ({@code ai2_arc}, ...)
     * @param testDataname     the test data's name (the dataname when the column is absent or empty)
     * @param probingMethod    {@code decoding}, {@code learned}, {@code finetuned} or another method name
     * @param probeLoss        {@code supervised}, {@code unsupervised}, ... ("" when absent)
     * @param useCot           chain of thought
     * @param noiseLabelsP     label noise rate (0 when absent)
     * @param nTrain           training items or demonstrations; 0 means unsupervised
     * @param nTest            test items (averaged over bootstraps)
     * @param sampleSize       items observed in at least one bootstrap (NaN when absent)
     * @param bootIdx          the bootstrap of an all-bootstraps row
     * @param hardnessVarName  the hardness measure ("" for unstratified rows)
     * @param trainOn          all, easy, medium, hard, ...
     * @param testOn           all, easy, medium, hard
     * @param testAcc          accuracy as a fraction
     * @param errorBar         the grid-bootstrap error bar as a fraction (NaN when absent)
     * @param testAccStr       the display text, e.g. {@code "71.30 ±  2.10"} ("" when absent)
     * @param cells            every cell of the row by column name, as text
     */
    public record Row(long line, String model, String dataname, String testDataname, String probingMethod,
            String probeLoss, boolean useCot, double noiseLabelsP, int nTrain, double nTest, double sampleSize,
            OptionalInt bootIdx, String hardnessVarName, String trainOn, String testOn, double testAcc,
            double errorBar, String testAccStr, Map<String, String> cells) {

        /** Copies the cells. */
        public Row {
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        }

        /** Whether the row is the unsupervised (zero-shot) condition: no training items, as the authors' R code. */
        public boolean isUnsupervised() {
            return nTrain == 0;
        }

        /** The authors' supervision label: Unsupervised when {@code n_train = 0}, else Easy, Medium, Hard or All. */
        public String supervision() {
            if (isUnsupervised()) {
                return "Unsupervised";
            }
            return trainOn.isEmpty() ? trainOn : trainOn.substring(0, 1).toUpperCase(Locale.ROOT) + trainOn.substring(1);
        }
    }

    /**
     * Reads a sheet.
     *
     * @throws DataFormatException naming file, line and column for a missing column, a ragged row or a value that
     *     is not a number where one is needed
     */
    public static ResultSheet read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a sheet from a reader; {@code source} names it in errors. */
    public static ResultSheet parse(Path source, Reader reader) {
        CsvRows.Table table = CsvRows.readWithHeader(source, reader, String.join(", ", REQUIRED) + ", ...");
        List<String> header = header(table.header(), source);
        List<Row> rows = new ArrayList<>();
        for (CsvRows.Located record : table.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), record.get(i));
            }
            rows.add(row(cells, source, record.line()));
        }
        return new ResultSheet(source, header, rows);
    }

    private static List<String> header(List<String> names, Path source) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!name.isEmpty() && !seen.add(name)) {
                throw new DataFormatException(source, 1, "column '" + name + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!seen.contains(required)) {
                throw new DataFormatException(source, 1, "missing column '" + required + "' (a result sheet needs "
                        + String.join(", ", REQUIRED) + ")");
            }
        }
        return names;
    }

    private static Row row(Map<String, String> cells, Path source, long line) {
        double nTrain = number(cells, "n_train", source, line, true);
        if (nTrain != Math.rint(nTrain) || nTrain < 0) {
            throw new DataFormatException(source, line, "column n_train: '" + cells.get("n_train")
                    + "' is not a whole number of training items");
        }
        double boot = number(cells, "boot_idx", source, line, false);
        String dataname = text(cells, "dataname");
        String testDataname = text(cells, "test_dataname");
        return new Row(line, text(cells, "model"), dataname, testDataname.isEmpty() ? dataname : testDataname,
                text(cells, "probing_method"), text(cells, "probe_loss"), bool(cells, "use_cot", source, line),
                orZero(number(cells, "noise_labels_p", source, line, false)), (int) nTrain,
                number(cells, "n_test", source, line, false), number(cells, "sample_size", source, line, false),
                Double.isNaN(boot) ? OptionalInt.empty() : OptionalInt.of((int) boot), text(cells, "hardness_var_name"),
                text(cells, "train_on"), text(cells, "test_on"), number(cells, "test_acc", source, line, true),
                number(cells, "error_bar", source, line, false), text(cells, "test_acc_str"), cells);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** A cell's text, "" when the column is absent or the value missing. */
    private static String text(Map<String, String> cells, String column) {
        String value = cells.getOrDefault(column, "").strip();
        return isMissing(value) ? "" : value;
    }

    private static boolean isMissing(String value) {
        return value.isEmpty() || value.equals("NA") || value.equalsIgnoreCase("nan");
    }

    private static double number(Map<String, String> cells, String column, Path source, long line, boolean required) {
        String value = cells.getOrDefault(column, "").strip();
        if (isMissing(value)) {
            if (required) {
                throw new DataFormatException(source, line, "column " + column + ": missing value");
            }
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, line, "column " + column + ": '" + value + "' is not a number");
        }
    }

    private static boolean bool(Map<String, String> cells, String column, Path source, long line) {
        String value = text(cells, column).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false", "0", "0.0" -> false;
            case "true", "1", "1.0" -> true;
            default -> throw new DataFormatException(source, line, "column " + column + ": '" + cells.get(column)
                    + "' is not True or False");
        };
    }

    /** Where the sheet was read from. */
    public Path source() {
        return source;
    }

    /** The column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The rows, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /**
     * The sheet as a Tablesaw table: the schema's numeric columns and every {@code *_TRAIN} / {@code *_TEST} column
     * as numbers (missing: NaN), the others as text.
     *
     * @throws DataFormatException naming line and column when a numeric column holds text
     */
    public Table toTable() {
        Table table = Table.create(Objects.requireNonNull(source.getFileName()).toString());
        for (String column : columns) {
            if (column.isEmpty()) {
                continue;
            }
            boolean numeric = NUMERIC.contains(column) || column.endsWith("_TRAIN") || column.endsWith("_TEST");
            if (numeric) {
                double[] values = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    values[i] = number(rows.get(i).cells(), column, source, rows.get(i).line(), false);
                }
                table.addColumns(DoubleColumn.create(column, values));
            } else {
                table.addColumns(StringColumn.create(column, rows.stream().map(row -> row.cells().get(column))));
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return source + " (" + rows.size() + " rows)";
    }
}
