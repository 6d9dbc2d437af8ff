package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Small grid fixtures for tests. */
final class Grids {

    static final double NA = Double.NaN;

    private Grids() {
    }

    /** Ids item00, item01, ... in sorted order, so a matrix's rows keep their positions in the grid. */
    static List<String> ids(int rows) {
        return IntStream.range(0, rows).mapToObj(i -> String.format("item%03d", i)).toList();
    }

    /** Column labels 0..columns-1. */
    static List<Integer> labels(int columns) {
        return IntStream.range(0, columns).boxed().toList();
    }

    /** A grid from a matrix given row by row, ids item000... and labels 0... */
    static ItemGrid grid(double[][] values) {
        return ItemGrid.of(ids(values.length), labels(values.length == 0 ? 0 : values[0].length), values);
    }

    /** A one-column grid. */
    static ItemGrid column(double... values) {
        return ItemGrid.ofSingleRun(ids(values.length), values);
    }

    /** A random 0/1 matrix with the given probability of correct and of missing. */
    static double[][] randomCorrectness(int rows, int columns, double pCorrect, double pMissing, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextDouble() < pMissing ? NA : (random.nextDouble() < pCorrect ? 1 : 0);
            }
        }
        return values;
    }

    /** The first {@code rows} rows of a matrix (copies). */
    static double[][] firstRows(double[][] values, int rows) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            kept.add(values[i].clone());
        }
        return kept.toArray(double[][]::new);
    }
}
