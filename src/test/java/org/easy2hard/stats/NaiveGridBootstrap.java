package org.easy2hard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deliberately straightforward grid bootstrap, written the way the paper's numpy/R code reads: materialise each
 * resampled matrix, then take its NaN-aware mean. It consumes the random stream in the same documented order as
 * {@link Resampler} (each arm's columns, then the rows), so on the same seed both must produce the same resampled
 * means; the tests use it as the reference and the benchmark as the baseline.
 */
public final class NaiveGridBootstrap {

    private NaiveGridBootstrap() {
    }

    /** Resampled NaN-aware means of one grid, NaN for empty resamples. */
    public static double[] accuracyResamples(ItemGrid grid, int resamples, long seed) {
        return means(List.of(grid), grid.itemIds(), resamples, seed)[0];
    }

    /**
     * Resampled means of several grids on shared rows, {@code means[grid][resample]}; grids are drawn in list order
     * and must not be content-identical (the fast path shares draws between identical arms, this one does not).
     */
    public static double[][] means(List<ItemGrid> grids, List<String> rowIds, int resamples, long seed) {
        List<double[][]> matrices = new ArrayList<>();
        for (ItemGrid grid : grids) {
            matrices.add(observedColumnsMatrix(grid, rowIds));
        }
        int rows = rowIds.size();
        SplittableRandom random = new SplittableRandom(seed);
        IndexSampler rowSampler = new IndexSampler(rows);
        double[][] means = new double[grids.size()][resamples];
        for (int b = 0; b < resamples; b++) {
            List<int[]> columnDraws = new ArrayList<>();
            for (double[][] matrix : matrices) {
                int columns = matrix[0].length;
                IndexSampler columnSampler = new IndexSampler(columns);
                int[] drawn = new int[columns];
                for (int j = 0; j < columns; j++) {
                    drawn[j] = columnSampler.next(random);
                }
                columnDraws.add(drawn);
            }
            int[] rowDraws = new int[rows];
            for (int i = 0; i < rows; i++) {
                rowDraws[i] = rowSampler.next(random);
            }
            for (int a = 0; a < matrices.size(); a++) {
                double[][] matrix = matrices.get(a);
                int[] drawn = columnDraws.get(a);
                double[][] resampled = new double[rows][drawn.length];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < drawn.length; j++) {
                        resampled[i][j] = matrix[rowDraws[i]][drawn[j]];
                    }
                }
                means[a][b] = nanMean(resampled);
            }
        }
        return means;
    }

    /** The given rows of a grid, row by row, without the columns that have no observed value among them. */
    static double[][] observedColumnsMatrix(ItemGrid grid, List<String> rowIds) {
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < grid.columnCount(); c++) {
            for (String id : rowIds) {
                if (!Double.isNaN(grid.value(grid.rowOf(id), c))) {
                    kept.add(c);
                    break;
                }
            }
        }
        double[][] matrix = new double[rowIds.size()][kept.size()];
        for (int i = 0; i < rowIds.size(); i++) {
            for (int j = 0; j < kept.size(); j++) {
                matrix[i][j] = grid.value(grid.rowOf(rowIds.get(i)), kept.get(j));
            }
        }
        return matrix;
    }

    private static double nanMean(double[][] matrix) {
        double sum = 0;
        int count = 0;
        for (double[] row : matrix) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
