package org.easy2hard.model.llama.internal;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.MemoryBudget;
import org.easy2hard.model.llama.MemoryProbe;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryEstimateTest {

    @TempDir
    Path dir;

    /** Llama-2-7B's config.json (the fields the decoder reads). */
    static LlamaConfig llama2(Path dir, int layers, int hidden, int intermediate, int heads) throws IOException {
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("model_type", "llama");
        config.put("vocab_size", 32000);
        config.put("hidden_size", hidden);
        config.put("intermediate_size", intermediate);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("num_key_value_heads", heads);
        config.put("max_position_embeddings", 4096);
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_theta", 10000.0);
        config.put("tie_word_embeddings", false);
        Path file = dir.resolve("config-" + layers + "-" + hidden + ".json");
        Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
        return LlamaConfig.read(file);
    }

    @Test
    void weightsOfLlama2ShapesMatchTheirPublishedParameterCounts() throws IOException {
        // 6,738,415,616 and 13,015,864,320 parameters (the Hugging Face model cards' counts)
        LlamaConfig seven = llama2(dir, 32, 4096, 11008, 32);
        LlamaConfig thirteen = llama2(dir, 40, 5120, 13824, 40);
        assertEquals(6_738_415_616L * 4, MemoryEstimate.weightBytes(seven, DataType.FLOAT32));
        assertEquals(13_015_864_320L * 4, MemoryEstimate.weightBytes(thirteen, DataType.FLOAT32));
        // float16: every weight but the (2L + 1)·d norm values, which stay float32
        long norms7 = (2L * 32 + 1) * 4096;
        assertEquals((6_738_415_616L - norms7) * 2 + norms7 * 4, MemoryEstimate.weightBytes(seven, DataType.FLOAT16));
        assertTrue(MemoryEstimate.weightBytes(seven, DataType.FLOAT16) < 13.5e9);
        assertTrue(MemoryEstimate.weightBytes(thirteen, DataType.FLOAT16) < 26.1e9);
    }

    @Test
    void theKeyValueCacheIsTwoTensorsPerLayerOfEveryTokenAndRow() throws IOException {
        LlamaConfig seven = llama2(dir, 32, 4096, 11008, 32);
        // 2 (keys, values) · 32 layers · 4096 (32 heads × 128) · 2048 tokens · 4 rows · 2 bytes = 4 GiB
        assertEquals(4L << 30, MemoryEstimate.of(seven, DataType.FLOAT16, 4, 2048, 4, true).keyValueCache());
        assertEquals(0, MemoryEstimate.of(seven, DataType.FLOAT16, 4, 2048, 4, false).keyValueCache());
    }

    @Test
    void rowsWithinABudgetFitItAndOneMoreDoesNot() throws IOException {
        LlamaConfig seven = llama2(dir, 32, 4096, 11008, 32);
        long budget = 6L << 30;
        int rows = MemoryEstimate.rowsWithin(seven, DataType.FLOAT16, 1024, 1, false, budget);
        assertTrue(rows >= 1);
        assertTrue(MemoryEstimate.of(seven, DataType.FLOAT16, rows, 1024, rows, false).batch() <= budget);
        assertTrue(MemoryEstimate.of(seven, DataType.FLOAT16, rows + 1, 1024, rows + 1, false).batch() > budget);
    }

    @Test
    void budgetsComeFromTheSettingThenTheDeviceThenTheDefault() {
        assertEquals(3L << 30, MemoryBudget.resolve(Device.cpu(), 3L << 30, Map.of()).bytes());
        MemoryBudget fromEnvironment = MemoryBudget.resolve(Device.cpu(), 0,
                Map.of(MemoryBudget.VARIABLE, "512m"));
        assertEquals(512L << 20, fromEnvironment.bytes());
        assertTrue(fromEnvironment.source().contains("EASY2HARD_MEMORY_BUDGET=512m"));
        assertEquals(MemoryBudget.DEFAULT_BYTES, MemoryBudget.resolve(Device.cpu(), 0, Map.of()).bytes());
        assertEquals(-1, MemoryBudget.freeBytes(Device.cpu()));
        assertEquals(1536L << 20, MemoryBudget.parseBytes("1.5GiB", "x"));
        LanguageModelException e = assertThrows(LanguageModelException.class,
                () -> MemoryBudget.parseBytes("lots", MemoryBudget.VARIABLE));
        assertTrue(e.getMessage().startsWith("EASY2HARD_MEMORY_BUDGET: 'lots'"), e.getMessage());
    }

    @Test
    void outOfMemoryIsRecognisedFromCudaAndCpuMessagesOnly() {
        assertTrue(MemoryBudget.isOutOfMemory(new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB")));
        assertTrue(MemoryBudget.isOutOfMemory(new EngineException(
                "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory")));
        assertTrue(!MemoryBudget.isOutOfMemory(new EngineException("shape mismatch")));
        assertTrue(!MemoryBudget.isOutOfMemory(new IllegalStateException("out of memory")));
    }

    @Test
    void runningOutOfMemoryNamesTheBatchTheEstimateAndTheSettingAndLeavesTheModelUsable() {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 2).write(dir.resolve("m"));
        List<String> log = new ArrayList<>();
        try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optLog(log::add)
                .optCache(org.easy2hard.model.CacheDirectory.at(dir.resolve("cache"))).optMemoryBudget(64L << 20)
                .build()) {
            List<org.easy2hard.model.LogLikelihoodRequest> requests = List.of(
                    new org.easy2hard.model.LogLikelihoodRequest("the capital of france is", " paris"),
                    new org.easy2hard.model.LogLikelihoodRequest("the sky is", " blue"));
            model.setLinearHook((layer, projection, x) -> {
                throw new EngineException("CUDA out of memory. Tried to allocate 20.00 MiB");
            }, "failing");
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(requests, org.easy2hard.model.Progress.NONE));
            assertTrue(e.getMessage().contains("batch of 2 sequences x 7 tokens"), e.getMessage());
            assertTrue(e.getMessage().contains("activations") && e.getMessage().contains("64.0 MiB"), e.getMessage());
            assertTrue(e.getMessage().contains("EASY2HARD_MEMORY_BUDGET"), e.getMessage());
            assertTrue(log.stream().anyMatch(line -> line.contains("scoring 2 requests") && line.contains("2 x 7")),
                    log.toString());
            model.setLinearHook(LinearHook.NONE, "");
            assertEquals(2, model.logLikelihoods(requests, org.easy2hard.model.Progress.NONE).size());
        }
    }

    /**
     * The estimate of a forward pass against the growth of the process's peak resident memory during that pass,
     * measured in a fresh JVM ({@link MemoryProbe}) on a shape whose activations (attention over 1,024 tokens)
     * dwarf its weights. Margin: the measurement may exceed the estimate by 15% plus 48 MiB (the host memory that
     * builds the mask, allocator rounding, the JVM) and fall short of it by 25% (the allocator reuses memory the
     * pass freed earlier, and some arrays counted are views).
     */
    @Test
    void theEstimateOfAForwardPassMatchesTheMeasuredPeakOfItsResidentMemory() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        TinyLlamaFixture.Spec spec = new TinyLlamaFixture.Spec("llama", 64, 64, 172, 2, 4, 2, 0, false, 1024);
        Path modelDir = TinyLlamaFixture.random(spec, 1).write(dir.resolve("model"));
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        int rows = 4;
        int tokens = 1024;
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT16)) {
            long estimate = MemoryEstimate.of(config, type, rows, tokens, 0, false).activations();
            long measured = measure(modelDir, type, rows, tokens);
            System.out.printf("%s forward %d x %d: estimate %s, measured peak growth %s (ratio %.2f)%n", type, rows,
                    tokens, MemoryEstimate.gib(estimate), MemoryEstimate.gib(measured), measured / (double) estimate);
            assertTrue(measured > 0, "the pass did not raise the peak above the load's");
            assertTrue(measured <= estimate * 1.15 + (48L << 20), type + ": measured " + measured
                    + " > estimate " + estimate);
            assertTrue(measured >= estimate * 0.75, type + ": measured " + measured + " < estimate " + estimate);
        }
    }

    private static long measure(Path modelDir, DataType type, int rows, int tokens) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true"));
        String cache = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) {
            command.add("-DDJL_CACHE_DIR=" + cache);
        }
        command.addAll(List.of(MemoryProbe.class.getName(), modelDir.toString(), type.toString(),
                Integer.toString(rows), Integer.toString(tokens)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        for (String line : output.split("\n")) {
            if (line.startsWith("bytes=")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new AssertionError("no measurement in: " + output);
    }
}
