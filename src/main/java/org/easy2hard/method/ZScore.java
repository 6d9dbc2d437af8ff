package org.easy2hard.method;

import java.util.Arrays;
import java.util.List;

/**
 * Per-dimension z-scoring of features, {@code (x - mean) / std}, with statistics taken from training data only
 * (paper-spec §5.5 and §9 item 8): the mean and standard deviation over all of the training items' option vectors,
 * pooled across options.
 *
 * <p>The standard deviation is the <em>sample</em> one (divisor n - 1), because the paper's code uses
 * {@code torch.std}, whose default is the unbiased estimate; with hundreds of pooled vectors the difference from
 * the population value is a factor of about 1 + 1/(2n) anyway. A dimension that is constant over the training
 * vectors (standard deviation zero, or within rounding of zero) gets divisor 1 instead of a division by zero, the
 * convention of scikit-learn's {@code StandardScaler}: such a dimension is 0 for every training vector, carries no
 * training signal, and stays finite on test vectors. With a single training vector every divisor is 1.
 *
 * @param mean per-dimension mean of the training vectors
 * @param std  per-dimension divisor: the sample standard deviation, or 1 where that is zero
 */
public record ZScore(double[] mean, double[] std) {

    /** Copies the arrays and checks that they match and that every divisor is positive and finite. */
    public ZScore {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " dimensions, std " + std.length);
        }
        for (double divisor : std) {
            if (!(divisor > 0) || Double.isInfinite(divisor)) {
                throw new IllegalArgumentException("standard deviations must be positive and finite: " + divisor);
            }
        }
    }

    /**
     * Statistics of the training items' option vectors, pooled across options (every option of every item counts
     * once; items may have different numbers of options).
     *
     * @param items per item, one feature vector per option, all of one length
     */
    public static ZScore fit(List<float[][]> items) {
        int dimension = dimensionOf(items);
        double[] sum = new double[dimension];
        long count = 0;
        for (float[][] options : items) {
            for (float[] vector : options) {
                requireDimension(vector, dimension);
                for (int j = 0; j < dimension; j++) {
                    sum[j] += vector[j];
                }
                count++;
            }
        }
        double[] mean = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            mean[j] = sum[j] / count;
        }
        // Two passes: the sum of squared deviations is accurate where E[x^2] - E[x]^2 would cancel.
        double[] squares = new double[dimension];
        for (float[][] options : items) {
            for (float[] vector : options) {
                for (int j = 0; j < dimension; j++) {
                    double deviation = vector[j] - mean[j];
                    squares[j] += deviation * deviation;
                }
            }
        }
        double[] std = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            double sample = count > 1 ? Math.sqrt(squares[j] / (count - 1)) : 0.0;
            // Float inputs vary by at least one float ulp (~6e-8 relative) when they vary at all, so anything far
            // below that is the rounding of a constant dimension.
            std[j] = sample > 1e-10 * Math.abs(mean[j]) && sample > 0 ? sample : 1.0;
        }
        return new ZScore(mean, std);
    }

    /** Number of feature dimensions. */
    public int dimension() {
        return mean.length;
    }

    /** The z-scored vector, in double precision. */
    public double[] apply(float[] vector) {
        requireDimension(vector, mean.length);
        double[] z = new double[mean.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (vector[j] - mean[j]) / std[j];
        }
        return z;
    }

    /** The means (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The divisors (a copy). */
    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZScore that && Arrays.equals(mean, that.mean) && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ZScore[dimension=" + mean.length + "]";
    }

    private static int dimensionOf(List<float[][]> items) {
        for (float[][] options : items) {
            if (options.length > 0) {
                return options[0].length;
            }
        }
        throw new IllegalArgumentException("z-scoring needs at least one training vector");
    }

    private static void requireDimension(float[] vector, int dimension) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("feature vector of length " + vector.length + ", expected "
                    + dimension);
        }
    }
}
