package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The items &times; bootstrap-draws matrix of one condition that the paper's grid bootstrap resamples: one row per
 * test item, one column per bootstrap draw of the training sample, and NaN where an item was not in that draw's test
 * set.
 *
 * <p>Invariants, so that results never depend on the order records arrive in:
 * <ul>
 *   <li>rows are sorted by item id (natural {@link String} order) and ids are unique;</li>
 *   <li>rows with no observed value are dropped at construction (the paper's "drop all-NaN rows"), so every row
 *       holds at least one finite value;</li>
 *   <li>columns keep their labels (bootstrap indices) in the order given, or ascending when built from records;
 *       a column may be entirely missing (e.g. a draw that tested none of the hard items) and is kept, so the grid
 *       still says which draws existed; the bootstrap ignores such columns and reports how many it ignored.</li>
 * </ul>
 * Instances are immutable.
 */
public final class ItemGrid {

    private final List<String> itemIds;
    private final List<Integer> columnLabels;
    /** Row-major cells, {@code rows * columns} long, NaN where missing. */
    private final double[] cells;
    private final Map<String, Integer> rowOfItem;

    private ItemGrid(List<String> itemIds, List<Integer> columnLabels, double[] cells) {
        this.itemIds = Collections.unmodifiableList(itemIds);
        this.columnLabels = List.copyOf(columnLabels);
        this.cells = cells;
        Map<String, Integer> index = new HashMap<>();
        for (int row = 0; row < itemIds.size(); row++) {
            index.put(itemIds.get(row), row);
        }
        this.rowOfItem = index;
    }

    /**
     * Builds the correctness grid (1 correct, 0 wrong) of one condition from its item-level records.
     *
     * @throws IllegalArgumentException when the records mix conditions or hold two results for the same item and
     *     bootstrap index
     */
    public static ItemGrid fromRecords(Collection<ItemResult> records) {
        return fromRecords(records, ItemResult::correctness);
    }

    /**
     * Builds a grid of any per-item value of one condition, e.g. {@link ItemResult#goldProbability()}. A value of NaN
     * counts as missing.
     *
     * @throws IllegalArgumentException when the records mix conditions, hold two results for the same item and
     *     bootstrap index, or a value is infinite
     */
    public static ItemGrid fromRecords(Collection<ItemResult> records, ToDoubleFunction<ItemResult> value) {
        Objects.requireNonNull(value, "value");
        Set<Condition> conditions = records.stream().map(ItemResult::condition)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (conditions.size() > 1) {
            throw new IllegalArgumentException("records mix " + conditions.size() + " conditions ("
                    + conditions.stream().map(Condition::label).collect(Collectors.joining("; "))
                    + "); build one grid per condition, e.g. with ItemGrid.byCondition");
        }
        TreeSet<Integer> bootstraps = records.stream().map(ItemResult::bootstrap)
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> ids = records.stream().map(ItemResult::itemId).collect(Collectors.toCollection(TreeSet::new));
        List<Integer> labels = new ArrayList<>(bootstraps);
        Map<Integer, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            columnOf.put(labels.get(c), c);
        }
        Map<String, Integer> rowOf = new HashMap<>();
        List<String> idList = new ArrayList<>(ids);
        for (int r = 0; r < idList.size(); r++) {
            rowOf.put(idList.get(r), r);
        }
        int columns = labels.size();
        double[] cells = new double[idList.size() * columns];
        Arrays.fill(cells, Double.NaN);
        boolean[] filled = new boolean[cells.length];
        for (ItemResult record : records) {
            int cell = rowOf.get(record.itemId()) * columns + columnOf.get(record.bootstrap());
            if (filled[cell]) {
                throw new IllegalArgumentException("two results for item '" + record.itemId() + "' in bootstrap "
                        + record.bootstrap() + " of " + record.condition().label());
            }
            filled[cell] = true;
            double v = value.applyAsDouble(record);
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("value for item '" + record.itemId() + "' is infinite");
            }
            cells[cell] = v;
        }
        return dropEmptyRows(idList, labels, cells);
    }

    /**
     * Splits mixed records into one correctness grid per condition, in order of first appearance.
     *
     * @throws IllegalArgumentException when a condition holds two results for the same item and bootstrap index
     */
    public static Map<Condition, ItemGrid> byCondition(Collection<ItemResult> records) {
        Map<Condition, List<ItemResult>> groups = new LinkedHashMap<>();
        for (ItemResult record : records) {
            groups.computeIfAbsent(record.condition(), c -> new ArrayList<>()).add(record);
        }
        Map<Condition, ItemGrid> grids = new LinkedHashMap<>();
        groups.forEach((condition, group) -> grids.put(condition, fromRecords(group)));
        return Collections.unmodifiableMap(grids);
    }

    /**
     * Builds a grid from a matrix given row by row; rows are re-sorted by item id and rows without any observed value
     * are dropped.
     *
     * @param itemIds one id per row, unique
     * @param columnLabels one label per column (bootstrap indices), unique
     * @param values {@code values[row][column]}, NaN where missing
     * @throws IllegalArgumentException when sizes disagree, ids or labels repeat, or a value is infinite
     */
    public static ItemGrid of(List<String> itemIds, List<Integer> columnLabels, double[][] values) {
        if (itemIds.size() != values.length) {
            throw new IllegalArgumentException(itemIds.size() + " item ids for " + values.length + " rows");
        }
        if (new TreeSet<>(columnLabels).size() != columnLabels.size()) {
            throw new IllegalArgumentException("column labels repeat: " + columnLabels);
        }
        int columns = columnLabels.size();
        TreeMap<String, double[]> sorted = new TreeMap<>();
        for (int row = 0; row < values.length; row++) {
            String id = Objects.requireNonNull(itemIds.get(row), "item id");
            if (values[row].length != columns) {
                throw new IllegalArgumentException("row of item '" + id + "' has " + values[row].length
                        + " values for " + columns + " columns");
            }
            for (double v : values[row]) {
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("value for item '" + id + "' is infinite");
                }
            }
            if (sorted.put(id, values[row]) != null) {
                throw new IllegalArgumentException("item id '" + id + "' repeats");
            }
        }
        double[] cells = new double[sorted.size() * columns];
        int row = 0;
        for (double[] rowValues : sorted.values()) {
            System.arraycopy(rowValues, 0, cells, row * columns, columns);
            row++;
        }
        return dropEmptyRows(new ArrayList<>(sorted.keySet()), columnLabels, cells);
    }

    /** A grid of one column (a single run, e.g. zero-shot prompting), labelled bootstrap 0. */
    public static ItemGrid ofSingleRun(List<String> itemIds, double[] values) {
        double[][] matrix = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            matrix[i] = new double[] {values[i]};
        }
        return of(itemIds, List.of(0), matrix);
    }

    private static ItemGrid dropEmptyRows(List<String> ids, List<Integer> labels, double[] cells) {
        int columns = labels.size();
        List<String> keptIds = new ArrayList<>(ids.size());
        double[] kept = new double[cells.length];
        int keptRows = 0;
        for (int row = 0; row < ids.size(); row++) {
            boolean observed = false;
            for (int c = 0; c < columns && !observed; c++) {
                observed = !Double.isNaN(cells[row * columns + c]);
            }
            if (observed) {
                System.arraycopy(cells, row * columns, kept, keptRows * columns, columns);
                keptIds.add(ids.get(row));
                keptRows++;
            }
        }
        return new ItemGrid(keptIds, labels, Arrays.copyOf(kept, keptRows * columns));
    }

    /** Number of items (rows), all with at least one observed value: the paper's {@code sample_size}. */
    public int rowCount() {
        return itemIds.size();
    }

    /** Number of bootstrap draws (columns), including any that are entirely missing. */
    public int columnCount() {
        return columnLabels.size();
    }

    /** The item ids in row order (sorted). */
    public List<String> itemIds() {
        return itemIds;
    }

    /** The column labels (bootstrap indices) in column order. */
    public List<Integer> columnLabels() {
        return columnLabels;
    }

    /** The value of one cell, NaN where the item was not tested in that draw. */
    public double value(int row, int column) {
        Objects.checkIndex(row, rowCount());
        Objects.checkIndex(column, columnCount());
        return cells[row * columnLabels.size() + column];
    }

    /** The row of an item, or -1 when the grid has no (observed) row for it. */
    public int rowOf(String itemId) {
        Integer row = rowOfItem.get(itemId);
        return row == null ? -1 : row;
    }

    /** True when the grid has a row for the item. */
    public boolean contains(String itemId) {
        return rowOfItem.containsKey(itemId);
    }

    /** Number of observed (non-NaN) cells. */
    public int observedCellCount() {
        int count = 0;
        for (double v : cells) {
            if (!Double.isNaN(v)) {
                count++;
            }
        }
        return count;
    }

    /** Number of columns without any observed value; the bootstrap ignores them. */
    public int emptyColumnCount() {
        int empty = 0;
        for (int c = 0; c < columnCount(); c++) {
            if (!columnObserved(c)) {
                empty++;
            }
        }
        return empty;
    }

    /** True when the column has at least one observed value. */
    boolean columnObserved(int column) {
        int columns = columnCount();
        for (int row = 0; row < rowCount(); row++) {
            if (!Double.isNaN(cells[row * columns + column])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The plug-in estimate the bootstrap is centred on: the NaN-aware mean of all observed cells (for correctness,
     * the accuracy pooled over items and draws). NaN for a grid without rows.
     */
    public double mean() {
        double sum = 0;
        int count = 0;
        for (double v : cells) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * The grid restricted to the given items (ids it lacks are ignored), e.g. the hard test items of a measure or the
     * items shared with another condition. Columns are kept even if the restriction leaves them empty.
     */
    public ItemGrid restrictTo(Collection<String> wanted) {
        Set<String> keep = Set.copyOf(wanted);
        int columns = columnCount();
        List<String> ids = new ArrayList<>();
        double[] kept = new double[cells.length];
        int rows = 0;
        for (int row = 0; row < rowCount(); row++) {
            if (keep.contains(itemIds.get(row))) {
                System.arraycopy(cells, row * columns, kept, rows * columns, columns);
                ids.add(itemIds.get(row));
                rows++;
            }
        }
        return new ItemGrid(ids, columnLabels, Arrays.copyOf(kept, rows * columns));
    }

    /**
     * The grid as a table: an {@code item id} column and one {@code bootstrap <label>} column per draw, missing cells
     * shown as missing values.
     */
    public Table toTable(String name) {
        Table table = Table.create(name, StringColumn.create("item id", itemIds));
        int columns = columnCount();
        for (int c = 0; c < columns; c++) {
            double[] column = new double[rowCount()];
            for (int row = 0; row < rowCount(); row++) {
                column[row] = cells[row * columns + c];
            }
            table.addColumns(DoubleColumn.create("bootstrap " + columnLabels.get(c), column));
        }
        return table;
    }

    /** Content equality: same ids, labels and cells (NaN equal to NaN). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ItemGrid grid
                && itemIds.equals(grid.itemIds)
                && columnLabels.equals(grid.columnLabels)
                && Arrays.equals(cells, grid.cells);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemIds, columnLabels, Arrays.hashCode(cells));
    }

    /** A short summary, e.g. {@code ItemGrid[412 items x 5 draws, 1647 observed]}. */
    @Override
    public String toString() {
        return "ItemGrid[" + rowCount() + " items x " + columnCount() + " draws, " + observedCellCount() + " observed]";
    }
}
