package org.easy2hard.model.llama.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.easy2hard.model.llama.ReferenceLlama;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LlamaNetworkTest {

    @TempDir
    Path dir;

    static Stream<TinyLlamaFixture.Spec> shapes() {
        return Stream.of(TinyLlamaFixture.Spec.llama(), TinyLlamaFixture.Spec.odd(), TinyLlamaFixture.Spec.qwen2(),
                TinyLlamaFixture.Spec.mistral());
    }

    private static LlamaNetwork open(Path modelDir, NDManager manager) {
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        return LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), manager, 64);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void logProbsAndHiddenStatesMatchTheDoublePrecisionReference(TinyLlamaFixture.Spec spec) {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(spec, 11);
        long[] tokens = {1, 5, 9, 3, 17, 4, 4, 30, 2, 8, 12};
        ReferenceLlama reference = new ReferenceLlama(tiny);
        double[][] expected = reference.logProbs(tokens);
        List<double[][]> expectedStates = reference.hiddenStates(tokens);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork network = open(tiny.write(dir), manager);
             NDManager scope = manager.newSubManager()) {
            int layers = spec.layers();
            LlamaNetwork.Output out = network.forward(scope, PaddedBatch.leftPadded(List.of(tokens), 0), null,
                    0, 1, layers);
            float[] actual = network.logits(out.last()).logSoftmax(-1).toFloatArray();
            double worst = 0;
            for (int t = 0; t < tokens.length; t++) {
                for (int v = 0; v < spec.vocab(); v++) {
                    worst = Math.max(worst, Math.abs(actual[t * spec.vocab() + v] - expected[t][v]));
                }
            }
            assertTrue(worst < 1e-4, "max |Δ log p| = " + worst);
            for (int index : new int[] {0, 1, layers}) {
                float[] state = out.hiddenStates().get(index).toFloatArray();
                double[][] want = expectedStates.get(index);
                for (int t = 0; t < tokens.length; t++) {
                    for (int i = 0; i < spec.hidden(); i++) {
                        assertEquals(want[t][i], state[t * spec.hidden() + i], 1e-4, "state " + index);
                    }
                }
            }
        }
    }

    @Test
    void leftPaddingDoesNotChangeContinuationScores() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3);
        List<long[]> rows = List.of(new long[] {1, 5, 6, 7, 8, 9}, new long[] {1, 20, 21}, new long[] {1, 4, 4, 4});
        int[] continuation = {2, 1, 3};
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork network = open(tiny.write(dir), manager);
             NDManager scope = manager.newSubManager()) {
            float[] batched = network.continuationLogProbs(scope, PaddedBatch.leftPadded(rows, 0), continuation)
                    .toFloatArray();
            int width = 3;
            for (int b = 0; b < rows.size(); b++) {
                float[] alone = network.continuationLogProbs(scope, PaddedBatch.leftPadded(List.of(rows.get(b)), 0),
                        new int[] {continuation[b]}).toFloatArray();
                for (int c = 0; c < continuation[b]; c++) {
                    assertEquals(alone[alone.length - 1 - c], batched[b * width + width - 1 - c], 1e-5);
                }
                for (int c = continuation[b]; c < width; c++) {
                    assertEquals(0f, batched[b * width + width - 1 - c], 0f);
                }
            }
        }
    }

    @Test
    void gradientsFlowToWhatTheHookAddsAndBaseWeightsStayFrozen() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork network = open(tiny.write(dir), manager);
             NDManager scope = manager.newSubManager()) {
            NDArray scale = manager.create(new float[] {0.5f}, new Shape(1));
            scale.setRequiresGradient(true);
            network.setLinearHook((layer, projection, x) -> projection == Projection.Q ? x.mul(scale) : null);
            PaddedBatch batch = PaddedBatch.leftPadded(List.of(new long[] {1, 5, 6, 7}, new long[] {1, 8}), 0);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logProbs = network.continuationLogProbs(scope, batch, new int[] {2, 1});
                collector.backward(logProbs.sum().neg());
            }
            NDArray gradient = scale.getGradient();
            assertNotNull(gradient);
            float analytic = gradient.getFloat(0);
            // central difference of the same loss, outside the gradient collector
            float h = 0.01f;
            double[] losses = new double[2];
            for (int side = 0; side < 2; side++) {
                float value = 0.5f + (side == 0 ? h : -h);
                NDArray shifted = manager.create(new float[] {value}, new Shape(1));
                network.setLinearHook((layer, projection, x) -> projection == Projection.Q ? x.mul(shifted) : null);
                losses[side] = -network.continuationLogProbs(scope, batch, new int[] {2, 1}).sum().getFloat();
            }
            double numeric = (losses[0] - losses[1]) / (2 * h);
            assertTrue(Math.abs(analytic) > 1e-3, "gradient " + analytic);
            assertEquals(numeric, analytic, 2e-2 * Math.abs(numeric) + 1e-3);
        }
    }
}
