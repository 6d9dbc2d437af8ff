package org.easy2hard.model.llama;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.HalfFloats;
import org.easy2hard.model.llama.internal.HostTensor;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.LlamaWeights;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.llama.internal.SafeTensorsWriter;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraConfig;
import org.easy2hard.model.lora.LoraLlama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Float16 against float32 on the CPU.
 *
 * <p><b>Tolerances</b>, derived from float16's unit roundoff u = 2⁻¹¹ ≈ 4.9e-4 (10 stored mantissa bits): a block
 * rounds its input, its weights and each product's output (q/k/v, scores, attention, o, gate/up, SwiGLU, down,
 * two residual sums): a dozen roundings, which we bound by 8u of relative (root-mean-square) error of the residual
 * stream per block, adding up linearly over blocks, plus u for the embedding: after k blocks ≤ (8k + 1)u, the final
 * normed states ≤ (8L + 2)u. A logit's error is at most that relative error times the largest logit, and a
 * log-softmax at most doubles it: |Δ log p| ≤ 2·(8L + 2)u·max|logit|. A backward pass goes through the same chain
 * twice, so gradients get twice the relative error of the forward pass. (bfloat16, with u = 2⁻⁸, would need 8× these
 * bounds; DJL cannot run it: {@link ComputeTypes}.)
 */
class HalfPrecisionTest {

    private static final double U = Math.scalb(1.0, -11);
    private static final long[] TOKENS = {1, 5, 9, 3, 17, 4, 4, 30, 2, 8, 12};

    @TempDir
    Path dir;

    private static LlamaNetwork open(Path modelDir, NDManager manager, DataType type) {
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        return LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), manager, 64, type, null);
    }

    @ParameterizedTest
    @EnumSource(SafeTensors.DType.class)
    void checkpointsOfEveryStoredTypeLoadIntoEveryComputeTypeWithTheirValuesRounded(SafeTensors.DType stored) {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3);
        Path modelDir = tiny.write(dir.resolve(stored.name()), stored);
        float[] storedEmbedding = tiny.roundedTo(stored).weight("model.embed_tokens.weight");
        int d = tiny.spec().hidden();
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT16)) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch");
                 LlamaNetwork network = open(modelDir, manager, type);
                 NDManager scope = manager.newSubManager()) {
                assertEquals(type, network.dataType());
                NDArray state = network.forward(scope, PaddedBatch.leftPadded(List.of(TOKENS), 0), null, 0)
                        .hiddenStates().get(0);
                assertEquals(type, state.getDataType());
                float[] values = LlamaNetwork.toFloat32(state).toFloatArray();
                for (int t = 0; t < TOKENS.length; t++) {
                    for (int j = 0; j < d; j++) {
                        float want = storedEmbedding[(int) TOKENS[t] * d + j];
                        if (type == DataType.FLOAT16) {
                            want = HalfFloats.toFloat(HalfFloats.fromFloat(want));
                        }
                        assertEquals(want, values[t * d + j], 0f, stored + " into " + type + " at " + t + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void theDifferentiableCastRoundsAsToTypeDoesAndCarriesGradients() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(4);
            float[] values = new float[4096];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 5)));
            }
            values[0] = 1 + 0x1p-11f; // a tie between two float16 neighbours: rounds to even (1.0)
            NDArray wide = manager.create(values);
            NDArray viaCast = ComputeTypes.cast(wide, DataType.FLOAT16);
            NDArray viaToType = wide.toType(DataType.FLOAT16, false);
            assertEquals(DataType.FLOAT16, viaCast.getDataType());
            assertTrue(viaCast.contentEquals(viaToType));
            assertEquals(1f, ComputeTypes.cast(viaCast, DataType.FLOAT32).getFloat(0));
            NDArray x = manager.create(new float[] {1.5f, -2f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = ComputeTypes.cast(ComputeTypes.cast(x, DataType.FLOAT16).mul(3), DataType.FLOAT32);
                collector.backward(y.sum());
            }
            assertTrue(x.getGradient().contentEquals(manager.create(new float[] {3f, 3f})));
        }
    }

    @Test
    void theLaunchersPickTheComputeTypeFromTheEnvironmentUnlessCodeSetsOne() {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3).write(dir);
        Map<String, String> environment = Map.of(LlamaModel.Builder.DTYPE_VARIABLE, "fp16");
        try (LlamaModel fromEnvironment = LlamaModel.builder().setModel(modelDir).optEnvironment(environment)
                .optLog(line -> { }).optCache(CacheDirectory.at(dir.resolve("cache"))).build();
             LlamaModel fromCode = LlamaModel.builder().setModel(modelDir).optEnvironment(environment)
                     .optDataType(DataType.FLOAT32).optLog(line -> { })
                     .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
            assertEquals(DataType.FLOAT16, fromEnvironment.network().dataType());
            assertEquals(DataType.FLOAT32, fromCode.network().dataType());
        }
    }

    @Test
    void bfloat16IsRefusedBeforeAnyNativeCall() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3);
        Path modelDir = tiny.write(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlamaModel.builder().setModel(modelDir).optDataType(DataType.BFLOAT16));
        assertTrue(e.getMessage().contains("bfloat16") && e.getMessage().contains("float16"), e.getMessage());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThrows(IllegalArgumentException.class, () -> open(modelDir, manager, DataType.BFLOAT16));
        }
        assertEquals(DataType.FLOAT16, ComputeTypes.parse("fp16"));
        assertThrows(LanguageModelException.class, () -> ComputeTypes.parse("bf16"));
    }

    @Test
    void aWeightBeyondFloat16sRangeIsRefusedByName() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3);
        Map<String, HostTensor> weights = new TreeMap<>(tiny.weights());
        float[] big = weights.get("model.layers.1.mlp.up_proj.weight").values().clone();
        big[7] = 1e6f;
        weights.put("model.layers.1.mlp.up_proj.weight", new HostTensor(new long[] {56, 32}, big));
        tiny.writeTextFiles(dir);
        SafeTensorsWriter.write(dir.resolve(SafeTensors.SINGLE_FILE), weights, SafeTensors.DType.F32, Map.of());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> open(dir, manager, DataType.FLOAT16));
            assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight"), e.getMessage());
            open(dir, manager, DataType.FLOAT32).close();
        }
    }

    @Test
    void float16LogProbsAndHiddenStatesStayWithinTheDerivedBoundsOfFloat32() {
        TinyLlamaFixture.Spec spec = TinyLlamaFixture.Spec.llama();
        Path modelDir = TinyLlamaFixture.random(spec, 11).write(dir);
        int layers = spec.layers();
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork wide = open(modelDir, manager, DataType.FLOAT32);
             LlamaNetwork half = open(modelDir, manager, DataType.FLOAT16);
             NDManager scope = manager.newSubManager()) {
            PaddedBatch batch = PaddedBatch.leftPadded(List.of(TOKENS, new long[] {1, 7, 8}), 0);
            LlamaNetwork.Output a = wide.forward(scope, batch, null, 0, 1, layers);
            LlamaNetwork.Output b = half.forward(scope, batch, null, 0, 1, layers);
            for (int k : new int[] {0, 1, layers}) {
                double bound = (k == layers ? 8 * layers + 2 : 8 * k + 1) * U;
                double error = relativeRms(a.hiddenStates().get(k).toFloatArray(),
                        LlamaNetwork.toFloat32(b.hiddenStates().get(k)).toFloatArray());
                assertTrue(error <= bound, "hidden state " + k + ": relative error " + error + " > " + bound);
            }
            NDArray logitsA = wide.logits(a.last());
            NDArray logitsB = half.logits(b.last());
            assertEquals(DataType.FLOAT32, logitsB.getDataType());
            double maxLogit = logitsA.abs().max().getFloat();
            float[] pa = logitsA.logSoftmax(-1).toFloatArray();
            float[] pb = logitsB.logSoftmax(-1).toFloatArray();
            double worst = 0;
            for (int i = 0; i < pa.length; i++) {
                worst = Math.max(worst, Math.abs(pa[i] - pb[i]));
            }
            double bound = 2 * (8 * layers + 2) * U * maxLogit;
            assertTrue(worst <= bound, "max |Δ log p| " + worst + " > " + bound);
            System.out.printf("float16 vs float32: max |Δ log p| %.2e (bound %.2e, max |logit| %.1f)%n", worst, bound,
                    maxLogit);
            assertTrue(worst > 0, "float16 must differ from float32 somewhere");
        }
    }

    @Test
    void loraTrainsFloat32AdaptersOnAFrozenFloat16BaseWithNearlyTheFloat32LossAndGradients() {
        TinyLlamaFixture.Spec spec = TinyLlamaFixture.Spec.llama();
        Path modelDir = TinyLlamaFixture.random(spec, 5).write(dir.resolve("m"));
        double[] losses = new double[2];
        float[][] gradients = new float[2][];
        DataType[] types = {DataType.FLOAT32, DataType.FLOAT16};
        for (int run = 0; run < 2; run++) {
            LoraConfig config = new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj"));
            try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optDataType(types[run])
                    .optCache(CacheDirectory.at(dir.resolve("cache"))).build();
                 LoraAdapters fresh = LoraAdapters.initialize(config,
                         new LoraLlama(model).loraTargets(config.targetModules()), 9, model.manager().getDevice());
                 LoraAdapters adapters = LoraAdapters.of(config, fresh.targets(), nonZeroB(fresh.values()), Map.of(),
                         model.manager().getDevice());
                 NDManager scope = model.manager().newSubManager()) {
                adapters.trainWithoutDropout();
                LoraLlama lora = new LoraLlama(model);
                NDArray a = adapters.parameters().get(
                        "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray logProbs = lora.continuationLogProbs(scope, List.of(new int[] {5, 9, 3}, new int[] {8}),
                            List.of(new int[] {17, 4}, new int[] {12, 30, 2}), adapters);
                    NDArray loss = logProbs.sum().neg();
                    losses[run] = loss.getFloat();
                    collector.backward(loss);
                }
                assertEquals(DataType.FLOAT32, a.getDataType());
                assertEquals(DataType.FLOAT32, a.getGradient().getDataType());
                gradients[run] = a.getGradient().toFloatArray();
            }
        }
        int layers = spec.layers();
        // the loss sums 5 log-probabilities, each within the forward bound; 12 bounds this fixture's logits generously
        double lossBound = 5 * 2 * (8 * layers + 2) * U * 12;
        assertEquals(losses[0], losses[1], lossBound, "losses " + losses[0] + " vs " + losses[1]);
        double gradientError = relativeRms(gradients[0], gradients[1]);
        double gradientBound = 2 * 2 * (8 * layers + 2) * U;
        assertTrue(gradientError <= gradientBound, "gradient relative error " + gradientError + " > "
                + gradientBound);
        System.out.printf("float16 vs float32: loss %.6f vs %.6f, gradient relative error %.2e (bound %.2e)%n",
                losses[1], losses[0], gradientError, gradientBound);
    }

    @Test
    void featuresAreFloat32AndTheIdentityNamesTheComputeType() {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 5).write(dir.resolve("m"));
        float[][][] features = new float[2][][];
        DataType[] types = {DataType.FLOAT32, DataType.FLOAT16};
        for (int run = 0; run < 2; run++) {
            try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optDataType(types[run])
                    .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
                assertEquals(types[run].toString(), model.identity().settings().get("compute"));
                features[run] = model.encode(List.of("the capital of france is paris", "blue dog"));
            }
        }
        assertEquals("float32", DataType.FLOAT32.toString());
        for (int i = 0; i < 2; i++) {
            double error = relativeRms(features[0][i], features[1][i]);
            assertTrue(error <= 18 * U, "features " + i + ": relative error " + error);
        }
    }

    /** The values with every B at 0.05, so that A gets a gradient. */
    private static Map<String, float[]> nonZeroB(Map<String, float[]> values) {
        Map<String, float[]> changed = new java.util.LinkedHashMap<>(values);
        changed.replaceAll((name, array) -> {
            if (name.contains("lora_B")) {
                float[] b = new float[array.length];
                java.util.Arrays.fill(b, 0.05f);
                return b;
            }
            return array;
        });
        return changed;
    }

    private static double relativeRms(float[] reference, float[] other) {
        assertEquals(reference.length, other.length);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            diff += (reference[i] - other[i]) * (double) (reference[i] - other[i]);
            norm += reference[i] * (double) reference[i];
        }
        return Math.sqrt(diff / norm);
    }
}
