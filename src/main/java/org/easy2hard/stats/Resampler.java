package org.easy2hard.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The grid-bootstrap inner loop shared by accuracy, paired differences and SGR: the arms share rows (items) and are
 * resampled jointly over rows, while each arm's columns (training draws) are resampled independently.
 *
 * <p>Random stream, per resample and in this order: for each arm in list order, {@code columns} column indices;
 * then {@code rows} row indices; all from one {@link SplittableRandom} seeded once, through {@link IndexSampler}.
 * This is the paper's order (columns, then rows). Single-threaded on purpose: it is fast enough (see the benchmark)
 * and the numbers cannot depend on a thread count.
 *
 * <p>An arm whose content is identical to an earlier arm's does not draw its own columns but reuses that arm's
 * resampled means: a condition compared with an identical copy of itself differs by exactly zero in every resample.
 * That also makes a two-arm difference exactly antisymmetric (see {@link GridBootstrap#difference}).
 *
 * <p>Per resample the cost is one random draw per row and per column plus, for every distinct drawn column, two dot
 * products of length {@code rows} with the row multiplicities; nothing is allocated inside the loop.
 */
final class Resampler {

    private Resampler() {
    }

    /**
     * Resampled NaN-aware means, one row per arm: {@code means[arm][resample]}, NaN where the resample drew no observed
     * cell of that arm.
     *
     * @throws IllegalArgumentException when there are no arms, the arms differ in rows, or an arm has no rows or no
     *     observed column
     */
    static double[][] means(List<PreparedArm> arms, int resamples, long seed) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("no arms to resample");
        }
        int rows = arms.get(0).rows;
        for (PreparedArm arm : arms) {
            if (arm.rows != rows) {
                throw new IllegalArgumentException("arms differ in rows: " + arm.rows + " vs " + rows);
            }
            if (arm.columns() == 0) {
                throw new IllegalArgumentException("an arm has no observed cell");
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException("no rows to resample");
        }
        int armCount = arms.size();
        int[] twinOf = new int[armCount];
        for (int a = 0; a < armCount; a++) {
            twinOf[a] = -1;
            for (int earlier = 0; earlier < a && twinOf[a] < 0; earlier++) {
                if (twinOf[earlier] < 0 && arms.get(a).sameContent(arms.get(earlier))) {
                    twinOf[a] = earlier;
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        IndexSampler rowSampler = new IndexSampler(rows);
        IndexSampler[] columnSamplers = new IndexSampler[armCount];
        double[][] columnCounts = new double[armCount][];
        for (int a = 0; a < armCount; a++) {
            columnSamplers[a] = new IndexSampler(arms.get(a).columns());
            columnCounts[a] = new double[arms.get(a).columns()];
        }
        double[] rowCounts = new double[rows];
        double[][] means = new double[armCount][resamples];

        for (int b = 0; b < resamples; b++) {
            for (int a = 0; a < armCount; a++) {
                if (twinOf[a] >= 0) {
                    continue;
                }
                double[] counts = columnCounts[a];
                Arrays.fill(counts, 0.0);
                for (int j = 0; j < counts.length; j++) {
                    counts[columnSamplers[a].next(random)] += 1.0;
                }
            }
            Arrays.fill(rowCounts, 0.0);
            for (int i = 0; i < rows; i++) {
                rowCounts[rowSampler.next(random)] += 1.0;
            }
            for (int a = 0; a < armCount; a++) {
                if (twinOf[a] >= 0) {
                    means[a][b] = means[twinOf[a]][b];
                    continue;
                }
                PreparedArm arm = arms.get(a);
                double[] counts = columnCounts[a];
                double sum = 0;
                double observed = 0;
                for (int c = 0; c < counts.length; c++) {
                    double times = counts[c];
                    if (times == 0.0) {
                        continue;
                    }
                    sum += times * dot(rowCounts, arm.values[c]);
                    observed += times * (arm.complete[c] ? rows : dot(rowCounts, arm.observed[c]));
                }
                means[a][b] = observed > 0 ? sum / observed : Double.NaN;
            }
        }
        return means;
    }

    /**
     * Dot product with four independent accumulators in a fixed order: deterministic, and about four times faster
     * than one running sum because the additions no longer wait on each other.
     */
    static double dot(double[] x, double[] y) {
        int n = x.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
