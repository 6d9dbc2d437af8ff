package org.easy2hard.model.llama.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlacementTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** Llama-2-70B's shape: 80 layers, d 8192, MLP 28672, 64 heads over 8 key/value heads. */
    private LlamaConfig llama70b() throws IOException {
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("model_type", "llama");
        config.put("vocab_size", 32000);
        config.put("hidden_size", 8192);
        config.put("intermediate_size", 28672);
        config.put("num_hidden_layers", 80);
        config.put("num_attention_heads", 64);
        config.put("num_key_value_heads", 8);
        config.put("max_position_embeddings", 4096);
        config.put("rms_norm_eps", 1e-5);
        Path file = dir.resolve("config.json");
        Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
        return LlamaConfig.read(file);
    }

    @Test
    void seventyBillionInHalfPrecisionSpansTwoEightyGigabyteCardsInContiguousBlocks() throws IOException {
        LlamaConfig config = llama70b();
        // 68,976,648,192 parameters: about 128.5 GiB in float16
        long weights = MemoryEstimate.weightBytes(config, DataType.FLOAT16);
        assertTrue(weights > 128 * GIB && weights < 129 * GIB, MemoryEstimate.gib(weights));
        long usable = (long) (79 * GIB * LayerPlacement.WEIGHT_SHARE);
        LayerPlacement plan = LayerPlacement.plan(config, DataType.FLOAT16, List.of(
                new LayerPlacement.DeviceMemory(Device.gpu(0), usable),
                new LayerPlacement.DeviceMemory(Device.gpu(1), usable)));
        assertEquals(2, plan.stages().size());
        assertEquals(Device.gpu(0), plan.device(0));
        assertEquals(Device.gpu(1), plan.device(79));
        assertEquals(80, plan.layers());
        long block = MemoryEstimate.blockBytes(config, DataType.FLOAT16);
        LayerPlacement.Stage first = plan.stages().get(0);
        LayerPlacement.Stage second = plan.stages().get(1);
        long onFirst = MemoryEstimate.embeddingBytes(config, DataType.FLOAT16) + (first.to() - first.from()) * block;
        long onSecond = (second.to() - second.from()) * block + MemoryEstimate.headBytes(config, DataType.FLOAT16);
        assertTrue(onFirst <= usable && onSecond <= usable);
        // filled in order: the first card could not have taken one more block
        assertTrue(onFirst + block > usable);
    }

    @Test
    void theHeadGoesWithTheLastBlockAndBlocksMoveOnToMakeRoomForIt() throws IOException {
        LlamaConfig config = llama70b();
        long block = MemoryEstimate.blockBytes(config, DataType.FLOAT16);
        long embedding = MemoryEstimate.embeddingBytes(config, DataType.FLOAT16);
        long head = MemoryEstimate.headBytes(config, DataType.FLOAT16);
        // the first device holds the embedding and all 80 blocks but not the head as well
        LayerPlacement plan = LayerPlacement.plan(config, DataType.FLOAT16, List.of(
                new LayerPlacement.DeviceMemory(Device.gpu(0), embedding + 80 * block + head / 2),
                new LayerPlacement.DeviceMemory(Device.gpu(1), 10 * GIB)));
        assertEquals(List.of(new LayerPlacement.Stage(Device.gpu(0), 0, 79),
                new LayerPlacement.Stage(Device.gpu(1), 79, 80)), plan.stages());
        // a device too small for one block is passed over
        LayerPlacement skipping = LayerPlacement.plan(config, DataType.FLOAT16, List.of(
                new LayerPlacement.DeviceMemory(Device.gpu(0), block / 2),
                new LayerPlacement.DeviceMemory(Device.gpu(1), 200 * GIB)));
        assertEquals(List.of(new LayerPlacement.Stage(Device.gpu(1), 0, 80)), skipping.stages());
    }

    @Test
    void weightsThatDoNotFitAreRefusedWithWhatTheyNeed() throws IOException {
        LlamaConfig config = llama70b();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerPlacement.plan(config,
                DataType.FLOAT32, List.of(new LayerPlacement.DeviceMemory(Device.gpu(0), 79 * GIB),
                        new LayerPlacement.DeviceMemory(Device.gpu(1), 79 * GIB))));
        assertTrue(e.getMessage().contains("256.96 GiB") && e.getMessage().contains("158.00 GiB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerPlacement(List.of(
                new LayerPlacement.Stage(Device.gpu(0), 0, 10), new LayerPlacement.Stage(Device.gpu(1), 11, 80))));
    }

    @Test
    void aForwardWithEveryStageOnTheCpuEqualsTheUnplacedModelBitForBit() {
        TinyLlamaFixture.Spec spec = TinyLlamaFixture.Spec.odd();
        Path modelDir = TinyLlamaFixture.random(spec, 21).write(dir.resolve("m"));
        LayerPlacement placement = new LayerPlacement(List.of(new LayerPlacement.Stage(Device.cpu(), 0, 1),
                new LayerPlacement.Stage(Device.cpu(), 1, 2), new LayerPlacement.Stage(Device.cpu(), 2, 3)));
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        long[] tokens = {1, 5, 9, 3, 17, 4};
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork plain = LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), manager, 32);
             LlamaNetwork placed = LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), manager, 32,
                     DataType.FLOAT32, placement);
             NDManager scope = manager.newSubManager()) {
            PaddedBatch batch = PaddedBatch.leftPadded(List.of(tokens, new long[] {1, 8}), 0);
            LlamaNetwork.Output a = plain.forward(scope, batch, null, 1, 2);
            LlamaNetwork.Output b = placed.forward(scope, batch, null, 1, 2);
            assertArrayEquals(a.last().toFloatArray(), b.last().toFloatArray());
            assertArrayEquals(a.hiddenStates().get(2).toFloatArray(), b.hiddenStates().get(2).toFloatArray());
            assertArrayEquals(plain.logits(a.last()).toFloatArray(), placed.logits(b.last()).toFloatArray());
        }
        List<LogLikelihoodRequest> requests = List.of(new LogLikelihoodRequest("the capital of", " france"),
                new LogLikelihoodRequest("blue", " dog cat"));
        try (LlamaModel plain = LlamaModel.builder().setModel(modelDir).optLog(line -> { })
                .optCache(CacheDirectory.at(dir.resolve("cache"))).build();
             LlamaModel placed = LlamaModel.builder().setModel(modelDir).optPlacement(placement).optLog(line -> { })
                     .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
            List<LogLikelihood> a = plain.logLikelihoods(requests, Progress.NONE);
            List<LogLikelihood> b = placed.logLikelihoods(requests, Progress.NONE);
            assertEquals(a, b);
        }
    }
}
