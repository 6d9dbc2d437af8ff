package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One condition's grid laid out for fast resampling: restricted to a fixed list of rows (shared with the other arms of
 * a paired comparison), stored column by column as primitive arrays, missing cells as value 0 with observed flag 0,
 * and columns without any observed value among those rows dropped.
 *
 * <p>The column-major layout lets one resample compute, for every column, the sums over the drawn rows as dot
 * products with the row multiplicities, which touch memory sequentially.
 */
final class PreparedArm implements Comparable<PreparedArm> {

    final int rows;
    /** {@code values[column][row]}, 0 where missing. */
    final double[][] values;
    /** {@code observed[column][row]}, 1 where observed, 0 where missing. */
    final double[][] observed;
    /** Whether every row of the column is observed, so its observed-count dot product is the number of draws. */
    final boolean[] complete;
    /** Number of columns of the source grid dropped because none of the rows is observed in them. */
    final int ignoredColumns;
    /** NaN-aware mean over all cells of the rows: the plug-in estimate. */
    final double pointMean;

    private PreparedArm(int rows, double[][] values, double[][] observed, int ignoredColumns, double pointMean) {
        this.rows = rows;
        this.values = values;
        this.observed = observed;
        this.ignoredColumns = ignoredColumns;
        this.pointMean = pointMean;
        this.complete = new boolean[values.length];
        for (int c = 0; c < values.length; c++) {
            boolean all = true;
            for (double flag : observed[c]) {
                all &= flag == 1.0;
            }
            complete[c] = all;
        }
    }

    /**
     * Lays out the given rows of a grid.
     *
     * @param itemIds the rows to take, in order; every id must be a row of the grid
     */
    static PreparedArm of(ItemGrid grid, List<String> itemIds) {
        int rows = itemIds.size();
        int[] gridRow = new int[rows];
        for (int i = 0; i < rows; i++) {
            gridRow[i] = grid.rowOf(itemIds.get(i));
            if (gridRow[i] < 0) {
                throw new IllegalArgumentException("grid has no row for item '" + itemIds.get(i) + "'");
            }
        }
        List<double[]> values = new ArrayList<>();
        List<double[]> observed = new ArrayList<>();
        double sum = 0;
        long count = 0;
        for (int c = 0; c < grid.columnCount(); c++) {
            double[] columnValues = new double[rows];
            double[] columnObserved = new double[rows];
            boolean any = false;
            for (int i = 0; i < rows; i++) {
                double v = grid.value(gridRow[i], c);
                if (!Double.isNaN(v)) {
                    columnValues[i] = v;
                    columnObserved[i] = 1.0;
                    sum += v;
                    count++;
                    any = true;
                }
            }
            if (any) {
                values.add(columnValues);
                observed.add(columnObserved);
            }
        }
        return new PreparedArm(rows, values.toArray(double[][]::new), observed.toArray(double[][]::new),
                grid.columnCount() - values.size(), count == 0 ? Double.NaN : sum / count);
    }

    /** Number of columns that take part in resampling. */
    int columns() {
        return values.length;
    }

    /** Same rows, columns, observed pattern and values (bit for bit). */
    boolean sameContent(PreparedArm other) {
        return compareTo(other) == 0;
    }

    /**
     * A fixed total order on content (column count, then observed flags, then values, column by column), used only to
     * decide which arm of a two-arm comparison draws its columns first, so that swapping the arms swaps nothing else.
     */
    @Override
    public int compareTo(PreparedArm other) {
        int byShape = Integer.compare(rows, other.rows);
        if (byShape == 0) {
            byShape = Integer.compare(columns(), other.columns());
        }
        if (byShape != 0) {
            return byShape;
        }
        for (int c = 0; c < columns(); c++) {
            int byObserved = Arrays.compare(observed[c], other.observed[c]);
            if (byObserved != 0) {
                return byObserved;
            }
            int byValue = Arrays.compare(values[c], other.values[c]);
            if (byValue != 0) {
                return byValue;
            }
        }
        return 0;
    }
}
