package org.easy2hard.stats.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.NaiveGridBootstrap;

/**
 * Times the grid bootstrap on the workload: 10,000 resamples of a 3,500 items &times; 5 draws grid with about
 * 20% missing cells, single-threaded. Prints the median and best time per 10,000 resamples, the cost per resampled
 * cell, the share of the one-second budget, the same for a three-condition SGR, and the ratio to the straightforward
 * implementation that materialises every resampled matrix (measured in the same JVM on the same grid, and checked to
 * produce bit-identical resampled means).
 *
 * <p>Run it with {@code bench/stats-bench.sh}. Optional arguments: rows, columns, repetitions.
 */
public final class GridBootstrapBench {

    private static final int RESAMPLES = 10_000;
    private static final int NAIVE_RESAMPLES = 1_000;
    private static final double BUDGET_MS = 1_000;

    private GridBootstrapBench() {
    }

    /** Runs the benchmark and prints the results. */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 3_500;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 9;

        ItemGrid grid = randomGrid(rows, columns, 0.6, 0.2, 1);
        ItemGrid unsupervised = randomGrid(rows, 1, 0.45, 0.0, 2);
        ItemGrid easy = randomGrid(rows, columns, 0.6, 0.2, 3);
        ItemGrid hard = randomGrid(rows, columns, 0.65, 0.2, 4);
        GridBootstrap bootstrap = GridBootstrap.builder().optResamples(RESAMPLES).optSeed(42).build();

        System.out.printf(Locale.ROOT, "grid: %d items x %d draws, %d observed cells; %d resamples; %s, %d CPUs "
                + "visible, bootstrap loop single-threaded%n", grid.rowCount(), grid.columnCount(),
                grid.observedCellCount(), RESAMPLES, System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        for (int i = 0; i < 3; i++) {
            bootstrap.accuracy(grid);
            bootstrap.supervisionGapRecovered(unsupervised, easy, hard);
        }
        double[] accuracyMs = time(repetitions, () -> bootstrap.accuracy(grid));
        double[] sgrMs = time(repetitions, () -> bootstrap.supervisionGapRecovered(unsupervised, easy, hard));

        GridBootstrap small = bootstrap.toBuilder().optResamples(NAIVE_RESAMPLES).build();
        NaiveGridBootstrap.accuracyResamples(grid, NAIVE_RESAMPLES / 10, 42);
        double[] naiveMs = time(3, () -> NaiveGridBootstrap.accuracyResamples(grid, NAIVE_RESAMPLES, 42));
        boolean identical = Arrays.equals(small.accuracyResamples(grid),
                NaiveGridBootstrap.accuracyResamples(grid, NAIVE_RESAMPLES, 42));

        double fast = median(accuracyMs);
        double naivePer10k = median(naiveMs) * RESAMPLES / NAIVE_RESAMPLES;
        double cellsPerRun = (double) RESAMPLES * rows * columns;
        System.out.printf(Locale.ROOT, "accuracy:  median %.1f ms, best %.1f ms per %d resamples "
                + "(%.2f ns per resampled cell; %.1f%% of the %.0f ms budget)%n", fast, min(accuracyMs), RESAMPLES,
                fast * 1e6 / cellsPerRun, 100 * fast / BUDGET_MS, BUDGET_MS);
        System.out.printf(Locale.ROOT, "SGR (U 1 draw, E and H %d draws): median %.1f ms, best %.1f ms per %d "
                + "resamples%n", columns, median(sgrMs), min(sgrMs), RESAMPLES);
        System.out.printf(Locale.ROOT, "naive materialising bootstrap: median %.1f ms per %d resamples = %.0f ms per "
                + "%d (scaled)%n", median(naiveMs), NAIVE_RESAMPLES, naivePer10k, RESAMPLES);
        System.out.printf(Locale.ROOT, "speed-up over naive: %.1fx; resampled means identical to naive: %s%n",
                naivePer10k / fast, identical);
    }

    private static ItemGrid randomGrid(int rows, int columns, double pCorrect, double pMissing, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>(rows);
        double[][] values = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            ids.add("item" + i);
            for (int c = 0; c < columns; c++) {
                values[i][c] = random.nextDouble() < pMissing ? Double.NaN : (random.nextDouble() < pCorrect ? 1 : 0);
            }
        }
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            labels.add(c);
        }
        return ItemGrid.of(ids, labels, values);
    }

    private static double[] time(int repetitions, Runnable work) {
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
