package org.easy2hard.experiment.sheet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.easy2hard.data.CsvRows;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;

/**
 * The paper's item-level file ({@code result_sheets/item_level_accs_*.csv}, paper-spec §7), ours
 * ({@link ResultSheets#writeItemLevel}) or the authors': per condition, one row per item with its correctness in
 * each bootstrap ({@code accuracy}, {@code accuracy1}, ...), its hardness value and level. Unlike a result sheet it
 * holds the items × bootstraps grids, so the real grid bootstrap (intervals, paired differences, SGR) can be
 * recomputed from it: {@link #records()} rebuilds {@link ItemResult}s, {@link #grid} one condition's grid.
 *
 * <p>The first column is the item id whatever its header (the authors' file has {@code Unnamed: 0}, the pandas
 * index). Required: {@code accuracy}, {@code hardness_level_value}, {@code model}, {@code probing_method},
 * {@code n_train}, {@code train_on}, {@code hardness_var_name}. The authors' file has no {@code dataname} column; the
 * dataset name is then the one given to {@link #read(Path, String)}. Correctness cells are 0, 1 (also 0.0 / 1.0,
 * True / False) or empty; anything else is an error naming file, line and column. Conditions: {@code n_train = 0}
 * rows are the unsupervised pool ({@code unsupervised}), others the pool named by {@code train_on}.
 */
public final class ItemLevelSheet {

    /** The columns an item-level file must have besides the id. */
    public static final List<String> REQUIRED = List.of("accuracy", "hardness_level_value", "model", "probing_method",
            "n_train", "train_on", "hardness_var_name");

    private final Path source;
    private final List<Row> rows;

    private ItemLevelSheet(Path source, List<Row> rows) {
        this.source = source;
        this.rows = List.copyOf(rows);
    }

    /**
     * One item of one condition.
     *
     * @param line        the 1-based line
     * @param itemId      the item's id
     * @param correct     correctness per bootstrap column (1, 0, or NaN when not tested)
     * @param hardness    the item's value of the measure (NaN when absent)
     * @param level       {@code easy}, {@code medium}, {@code hard} or "" when unknown
     * @param condition   the condition (pool {@code unsupervised} when {@code n_train = 0})
     */
    public record Row(long line, String itemId, double[] correct, double hardness, String level,
            Condition condition) {
    }

    /**
     * Reads an item-level file.
     *
     * @param dataset the dataset name for rows without a {@code dataname} column (the authors' files)
     * @throws DataFormatException naming file, line and column
     */
    public static ItemLevelSheet read(Path file, String dataset) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader, dataset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads an item-level file from a reader; {@code source} names it in errors. */
    public static ItemLevelSheet parse(Path source, Reader reader, String dataset) {
        CsvRows.Table table = CsvRows.readWithHeader(source, reader, "id, " + String.join(", ", REQUIRED) + ", ...");
        List<String> header = header(table.header(), source);
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvRows.Located record : table.rows()) {
            Row row = row(header, record, source, record.line(), dataset);
            Long earlier = seen.putIfAbsent(row.condition().label() + "\u0000" + row.itemId(), record.line());
            if (earlier != null) {
                throw new DataFormatException(source, record.line(), "item '" + row.itemId() + "' of "
                        + row.condition().label() + " already appears on line " + earlier);
            }
            rows.add(row);
        }
        return new ItemLevelSheet(source, rows);
    }

    private static List<String> header(List<String> names, Path source) {
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw new DataFormatException(source, 1, "missing column '" + required + "' (an item-level file needs "
                        + "the item id first, then " + String.join(", ", REQUIRED) + ")");
            }
        }
        if (names.get(0).startsWith("accuracy")) {
            throw new DataFormatException(source, 1, "the first column must be the item id, not " + names.get(0));
        }
        return names;
    }

    private static Row row(List<String> header, CsvRows.Located record, Path source, long line, String dataset) {
        Map<String, String> cells = new HashMap<>();
        List<Double> correct = new ArrayList<>();
        for (int i = 1; i < header.size(); i++) {
            String column = header.get(i);
            String value = record.get(i).strip();
            cells.put(column, value);
            if (column.equals("accuracy") || column.matches("accuracy\\d+")) {
                correct.add(correctness(value, column, source, line));
            }
        }
        String itemId = record.get(0).strip();
        if (itemId.isEmpty()) {
            throw new DataFormatException(source, line, "column " + header.get(0) + ": missing item id");
        }
        String nTrainText = cells.get("n_train");
        int nTrain;
        try {
            double value = Double.parseDouble(nTrainText);
            if (value != Math.rint(value) || value < 0) {
                throw new NumberFormatException();
            }
            nTrain = (int) value;
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, line, "column n_train: '" + nTrainText
                    + "' is not a whole number of training items");
        }
        double hardness = Double.NaN;
        String hardnessText = cells.getOrDefault("hardness_value", "");
        if (!missing(hardnessText)) {
            try {
                hardness = Double.parseDouble(hardnessText);
            } catch (NumberFormatException e) {
                throw new DataFormatException(source, line, "column hardness_value: '" + hardnessText
                        + "' is not a number");
            }
        }
        String dataname = cells.getOrDefault("dataname", "");
        String measure = cells.get("hardness_var_name");
        Condition condition = new Condition(missing(dataname) ? dataset : dataname, required(cells, "model", source,
                line), required(cells, "probing_method", source, line),
                nTrain == 0 ? TrainPool.NONE.label() : required(cells, "train_on", source, line),
                missing(measure) ? Condition.NONE : measure, nTrain);
        String level = cells.getOrDefault("hardness_level_value", "").toLowerCase(Locale.ROOT);
        if (!level.isEmpty() && !List.of("easy", "medium", "hard").contains(level) && !missing(level)) {
            throw new DataFormatException(source, line, "column hardness_level_value: '" + level
                    + "' is not easy, medium or hard");
        }
        return new Row(line, itemId, correct.stream().mapToDouble(Double::doubleValue).toArray(), hardness,
                missing(level) ? "" : level, condition);
    }

    private static String required(Map<String, String> cells, String column, Path source, long line) {
        String value = cells.get(column);
        if (missing(value)) {
            throw new DataFormatException(source, line, "column " + column + ": missing value");
        }
        return value;
    }

    private static boolean missing(String value) {
        return value == null || value.isEmpty() || value.equals("NA") || value.equalsIgnoreCase("nan");
    }

    private static double correctness(String value, String column, Path source, long line) {
        if (missing(value)) {
            return Double.NaN;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "true" -> 1.0;
            case "0", "0.0", "false" -> 0.0;
            default -> throw new DataFormatException(source, line, "column " + column + ": '" + value
                    + "' is not a correctness (0 or 1)");
        };
    }

    /** Where it was read from. */
    public Path source() {
        return source;
    }

    /** The rows in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** Every tested (item, bootstrap) as an {@link ItemResult}, hardness value under the condition's measure. */
    public List<ItemResult> records() {
        return records(row -> true);
    }

    private List<ItemResult> records(Predicate<Row> keep) {
        List<ItemResult> records = new ArrayList<>();
        for (Row row : rows) {
            if (!keep.test(row)) {
                continue;
            }
            Map<String, Double> hardness = Double.isNaN(row.hardness()) ? Map.of()
                    : Map.of(row.condition().hardnessMeasure(), row.hardness());
            for (int b = 0; b < row.correct().length; b++) {
                if (!Double.isNaN(row.correct()[b])) {
                    records.add(new ItemResult(row.itemId(), row.condition(), b, row.correct()[b] == 1.0, Double.NaN,
                            ItemResult.NO_PREDICTION, hardness));
                }
            }
        }
        return records;
    }

    /** The conditions in the file, in order of first appearance. */
    public List<Condition> conditions() {
        return rows.stream().map(Row::condition).distinct().toList();
    }

    /**
     * One condition's grid of items × bootstraps, restricted to items of a level (null: all items).
     *
     * @return empty when the condition has no tested item of that level
     */
    public Optional<ItemGrid> grid(Condition condition, Level level) {
        List<ItemResult> records = records(row -> row.condition().equals(condition)
                && (level == null || row.level().equals(level.label())));
        return records.isEmpty() ? Optional.empty() : Optional.of(ItemGrid.fromRecords(records));
    }

    @Override
    public String toString() {
        return source + " (" + rows.size() + " item rows, " + conditions().size() + " conditions)";
    }
}
