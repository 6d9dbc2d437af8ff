package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DJL-trained probe against {@link ReferenceProbe}, the same objective and optimiser in plain Java doubles.
 *
 * <p>Tolerance: DJL trains in float32 (unit roundoff 6e-8). Each step's scores are sums of 32 products and each
 * softmax runs over at most 5 options, so a step's relative error is of order 32 * 6e-8 = 2e-6 at worst; the
 * updates (lr <= 0.05, gradient norm <= 1 after clipping) add such errors over 100 steps rather than amplify them
 * (the loss is convex and the steps are small), giving at most about 100 * 0.05 * 2e-6 = 1e-5 on the weights,
 * which are of order 0.1-0.6. Observed on the three problems below: at most 7.1e-8 on the weights and 1.9e-7 on
 * the losses. Small changes to the objective move the reference's own weights far more than 1e-5: decaying the rate
 * to 0 instead of 10% by 6e-4 to 3e-2, a 1% larger penalty by 4e-4 to 3e-3; so the tolerance leaves a factor 50
 * over rounding and still catches a changed schedule or penalty.
 */
class LinearProbeReferenceTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void djlTrainingMatchesThePlainJavaReference() {
        // 40 items x 4 options x 32 dims; the gold option is shifted on 4 dims, all features offset by 3.
        SyntheticProbeData data = SyntheticProbeData.generate(40, new int[] {4}, 32, 4, 1.5, 3.0, 11);
        assertMatchesReference(data, 5, 1.0);
    }

    @Test
    void paddedOptionsMatchTheReferenceWhichNeverPads() {
        SyntheticProbeData data = SyntheticProbeData.generate(40, new int[] {2, 4, 3, 5}, 32, 4, 1.5, 0.0, 12);
        assertMatchesReference(data, 6, 1.0);
    }

    @Test
    void reducedPenaltyMatchesTheReferenceToo() {
        SyntheticProbeData data = SyntheticProbeData.generate(40, new int[] {4}, 32, 4, 0.5, 0.0, 13);
        assertMatchesReference(data, 7, 0.05);
    }

    @Test
    void lossAndGradientUseThePlainNotTheSquaredNorm() {
        // Two items, two options, two (already z-scored) dimensions, w = (0.9, 1.2) with ||w|| = 1.5.
        // Item 1: options (1, 0), (0, 1), gold 0: scores (0.9, 1.2), NLL = log(1 + e^0.3).
        // Item 2: options (0, 1), (-1, 0), gold 1: scores (1.2, -0.9), NLL = log(1 + e^2.1).
        // Loss = mean NLL + 1.0 * 1.5 (a squared norm would add 2.25).
        // dNLL_i/dw = sum_o p_o x_o - x_gold; item 1: (p0 - 1, p1) with p1 = 1 / (1 + e^-0.3);
        // item 2: (-p1' + 1, p0') with p0' = 1 / (1 + e^-2.1), p1' = 1 - p0'.
        // Penalty gradient w / ||w|| = (0.6, 0.8) (a squared norm would give 2w = (1.8, 2.4)).
        List<double[][]> items = List.of(new double[][] {{1, 0}, {0, 1}}, new double[][] {{0, 1}, {-1, 0}});
        double p1 = 1 / (1 + Math.exp(-0.3));
        double q0 = 1 / (1 + Math.exp(-2.1));
        double expectedLoss = (Math.log(1 + Math.exp(0.3)) + Math.log(1 + Math.exp(2.1))) / 2 + 1.5;
        double[] expectedGradient = {(-p1 + q0) / 2 + 0.6, (p1 + q0) / 2 + 0.8};
        try (ProbeObjective objective = new ProbeObjective(Engine.getEngine("PyTorch"), Device.cpu(), items,
                new int[] {0, 1}, new float[] {0.9f, 1.2f}, 1.0)) {
            ProbeObjective.LossParts parts = objective.forwardBackward();
            assertEquals(expectedLoss, parts.loss(), 1e-6);
            assertEquals(1.5, parts.weightNorm(), 1e-6);
            try (NDArray gradient = objective.weight().getGradient()) {
                float[] actual = gradient.toFloatArray();
                assertArrayEquals(expectedGradient, new double[] {actual[0], actual[1]}, 1e-6);
            }
        }
    }

    private static void assertMatchesReference(SyntheticProbeData data, long seed, double penalty) {
        int dimension = data.items().get(0)[0].length;
        LinearProbe probe = LinearProbe.builder().optPenalty(penalty).optDevice(Device.cpu()).build();
        TrainedProbe trained = probe.fit(data.items(), data.gold(), seed);
        ReferenceProbe.Result reference = ReferenceProbe.fit(data.items(), data.gold(),
                LinearProbe.initialWeights(dimension, seed, 0), penalty, 0.05, 100, 0.1, 1.0);
        // The problem must exercise the clipping, or the test would not check it.
        assertTrue(reference.clippedUpdates() > 0, "no update was clipped");
        float[] weights = trained.weights();
        for (int j = 0; j < dimension; j++) {
            assertEquals(reference.weights()[j], weights[j], TOLERANCE, "weight " + j);
        }
        assertArrayEquals(reference.epochLosses(), trained.epochLosses(), TOLERANCE);
    }
}
