package org.easy2hard.method;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic probe problems: Gaussian option vectors in which the gold option is shifted along a few
 * "signal" dimensions, so that a linear probe can learn to find it.
 *
 * @param items per item, one vector per option
 * @param gold  per item, the gold option
 */
record SyntheticProbeData(List<float[][]> items, int[] gold) {

    /**
     * @param n             number of items
     * @param optionCounts  option counts, used in turn (item i has {@code optionCounts[i % length]} options)
     * @param dimension     feature dimension
     * @param signalDims    how many leading dimensions carry the signal
     * @param shift         how far the gold option is shifted along each signal dimension (in noise stds)
     * @param offset        a constant added to every feature (z-scoring should remove it)
     * @param seed          the generator's seed
     */
    static SyntheticProbeData generate(int n, int[] optionCounts, int dimension, int signalDims, double shift,
            double offset, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[][]> items = new ArrayList<>();
        int[] gold = new int[n];
        for (int i = 0; i < n; i++) {
            int k = optionCounts[i % optionCounts.length];
            gold[i] = random.nextInt(k);
            float[][] options = new float[k][dimension];
            for (int o = 0; o < k; o++) {
                for (int j = 0; j < dimension; j++) {
                    double value = offset + random.nextGaussian();
                    if (o == gold[i] && j < signalDims) {
                        value += shift;
                    }
                    options[o][j] = (float) value;
                }
            }
            items.add(options);
        }
        return new SyntheticProbeData(items, gold);
    }
}
