package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    /** Gold options marked by +5 on dimension 0 (noise N(0, 1) everywhere): a linear probe can find them. */
    private static final SyntheticProbeData MARKED_TRAIN =
            SyntheticProbeData.generate(160, new int[] {4}, 32, 1, 5.0, 0.0, 31);
    private static final SyntheticProbeData MARKED_TEST =
            SyntheticProbeData.generate(400, new int[] {4}, 32, 1, 5.0, 0.0, 32);

    @Test
    void sameSeedGivesBitIdenticalWeightsAndLosses() {
        LinearProbe probe = LinearProbe.builder().build();
        TrainedProbe first = probe.fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 3);
        TrainedProbe second = probe.fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 3);
        assertArrayEquals(first.weights(), second.weights());
        assertArrayEquals(first.epochLosses(), second.epochLosses());
        assertEquals(first, second);
    }

    @Test
    void differentSeedsStartFromDifferentWeights() {
        float[] a = LinearProbe.initialWeights(32, 1, 0);
        float[] b = LinearProbe.initialWeights(32, 2, 0);
        assertFalse(Arrays.equals(a, b));
        LinearProbe probe = LinearProbe.builder().build();
        assertFalse(Arrays.equals(probe.fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 1).weights(),
                probe.fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 2).weights()));
    }

    @Test
    void initialisationIsPyTorchsLinearDefault() {
        // U(-1/sqrt(d), 1/sqrt(d)): all within the bound, spread over it (mean ~ 0, variance ~ bound^2 / 3).
        int d = 10_000;
        float[] w = LinearProbe.initialWeights(d, 9, 0);
        double bound = 1 / Math.sqrt(d);
        double sum = 0;
        double squares = 0;
        for (float value : w) {
            assertTrue(Math.abs(value) <= bound);
            sum += value;
            squares += value * value;
        }
        assertEquals(0, sum / d, 0.03 * bound);
        assertEquals(bound * bound / 3, squares / d, 0.05 * bound * bound);
    }

    @Test
    void refitsDrawFromANewStream() {
        assertFalse(Arrays.equals(LinearProbe.initialWeights(8, 4, 0), LinearProbe.initialWeights(8, 4, 1)));
        assertArrayEquals(LinearProbe.initialWeights(8, 4, 1), LinearProbe.initialWeights(8, 4, 1));
    }

    @Test
    void learnsAMarkedGoldOptionWithAReducedPenalty() {
        TrainedProbe trained = LinearProbe.builder().optPenalty(0.01).build()
                .fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0);
        assertTrue(accuracy(trained, MARKED_TEST) >= 0.97, "accuracy " + accuracy(trained, MARKED_TEST));
    }

    @Test
    void paperPenaltyAlsoFindsAStrongMarkerWithASmallerWeight() {
        // The data gradient at w = 0 (about 0.75 * 5 / 2.2 ~ 1.7 on the marker dimension after z-scoring) exceeds
        // the penalty's pull of 1.0, so w grows along the marker; it stops where the two balance.
        TrainedProbe paper = LinearProbe.builder().build().fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0);
        TrainedProbe reduced = LinearProbe.builder().optPenalty(0.01).build()
                .fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0);
        assertTrue(accuracy(paper, MARKED_TEST) >= 0.97, "accuracy " + accuracy(paper, MARKED_TEST));
        assertTrue(paper.weightNorm() < reduced.weightNorm() / 2,
                paper.weightNorm() + " vs " + reduced.weightNorm());
    }

    @Test
    void paperPenaltyHoldsWeightsNearZeroOnAWeakSignal() {
        // feasibility.md: when the data gradient at w = 0 is below the penalty's 1.0 (here a shift of 0.15 on 8 of
        // 64 dims), the non-squared norm pulls w to zero and SGD leaves it oscillating at the scale of lr * 0.1.
        SyntheticProbeData weak = SyntheticProbeData.generate(160, new int[] {4}, 64, 8, 0.15, 0.0, 33);
        TrainedProbe paper = LinearProbe.builder().build().fit(weak.items(), weak.gold(), 0);
        TrainedProbe reduced = LinearProbe.builder().optPenalty(0.01).build().fit(weak.items(), weak.gold(), 0);
        assertTrue(paper.weightNorm() < 0.01, "paper penalty: ||w|| = " + paper.weightNorm());
        assertTrue(reduced.weightNorm() > 0.3, "penalty 0.01: ||w|| = " + reduced.weightNorm());
    }

    @Test
    void itemsWithTwoOptionsGetTwoProbabilities() {
        SyntheticProbeData mixed = SyntheticProbeData.generate(40, new int[] {2, 4}, 16, 2, 2.0, 0.0, 34);
        TrainedProbe trained = LinearProbe.builder().build().fit(mixed.items(), mixed.gold(), 0);
        double[] two = trained.probabilities(mixed.items().get(0));
        double[] four = trained.probabilities(mixed.items().get(1));
        assertEquals(2, two.length);
        assertEquals(4, four.length);
        assertEquals(1.0, two[0] + two[1], 1e-12);
        assertEquals(1.0, Arrays.stream(four).sum(), 1e-12);
    }

    @Test
    void eachNaNRefitQuadruplesThePenaltyAndQuartersTheClipAsProbesPy() {
        LinearProbe probe = LinearProbe.builder().optPenalty(0.5).build();
        assertEquals(0.5, probe.refitPenalty(0), 0.0);
        assertEquals(8.0, probe.refitPenalty(2), 0.0);
        assertEquals(1.0, probe.refitMaxGradientNorm(0), 0.0);
        assertEquals(1.0 / 64, probe.refitMaxGradientNorm(3), 0.0);
    }

    @Test
    void weightsThatStayNaNRaiseAfterEveryRefit() {
        // A learning rate beyond float range is infinite on the device: w becomes infinite after one update, its
        // norm's gradient w / ||w|| = inf / inf is NaN after the next, in every fit.
        LinearProbe probe = LinearProbe.builder().optLearningRate(Double.MAX_VALUE).optEpochs(3).build();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> probe.fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0));
        assertTrue(error.getMessage().contains(Integer.toString(LinearProbe.MAX_FITS)));
    }

    @Test
    void trainsOnTheEnginesDefaultDeviceUnlessTold() {
        Device expected = Engine.getEngine("PyTorch").defaultDevice();
        TrainedProbe trained = LinearProbe.builder().optEpochs(2).build()
                .fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0);
        assertEquals(expected.toString(), trained.device());
        assertEquals(expected.isGpu() ? 1.0 : 0.0, trained.diagnostics().get("gpu"));
    }

    @Test
    void diagnosticsReportTheFinalLossAndItsParts() {
        TrainedProbe trained = LinearProbe.builder().build().fit(MARKED_TRAIN.items(), MARKED_TRAIN.gold(), 0);
        var diagnostics = trained.diagnostics();
        assertEquals(100.0, diagnostics.get("epochs"));
        assertEquals(0.0, diagnostics.get("refits"));
        assertEquals(32.0, diagnostics.get("dimension"));
        double norm = 0;
        for (float w : trained.weights()) {
            norm += (double) w * w;
        }
        assertEquals(Math.sqrt(norm), diagnostics.get("weight_norm"), 1e-6);
        assertEquals(diagnostics.get("final_nll") + 1.0 * diagnostics.get("weight_norm"),
                diagnostics.get("final_loss"), 1e-6);
    }

    @Test
    void refusesTrainingWithoutItemsOrWithABadGoldIndex() {
        LinearProbe probe = LinearProbe.builder().build();
        assertThrows(IllegalArgumentException.class, () -> probe.fit(List.of(), new int[0], 0));
        assertThrows(IllegalArgumentException.class,
                () -> probe.fit(List.<float[][]>of(new float[][] {{1}, {2}}), new int[] {2}, 0));
    }

    private static double accuracy(TrainedProbe trained, SyntheticProbeData data) {
        int correct = 0;
        for (int i = 0; i < data.gold().length; i++) {
            if (Prediction.argmax("x", trained.probabilities(data.items().get(i))).predicted() == data.gold()[i]) {
                correct++;
            }
        }
        return correct / (double) data.gold().length;
    }
}
