package org.easy2hard.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraAdaptersTest {

    private static final List<LoraTarget> TARGETS = List.of(new LoraTarget(0, "q_proj", 8, 8),
            new LoraTarget(0, "v_proj", 8, 4), new LoraTarget(1, "q_proj", 8, 8), new LoraTarget(1, "v_proj", 8, 4));

    @TempDir
    Path temp;

    @Test
    void freshAdaptersDrawAWithinTheKaimingBoundAndZeroB() {
        LoraConfig config = new LoraConfig(4, 8, 0.1, List.of("q_proj", "v_proj"));
        try (LoraAdapters adapters = LoraAdapters.initialize(config, TARGETS, 7, Device.cpu())) {
            Map<String, float[]> values = adapters.values();
            assertEquals(8, values.size());
            float[] a = values.get("base_model.model.model.layers.1.self_attn.v_proj.lora_A.weight");
            assertEquals(4 * 8, a.length);
            double bound = 1 / Math.sqrt(8);
            double largest = 0;
            for (float value : a) {
                largest = Math.max(largest, Math.abs(value));
            }
            assertTrue(largest <= bound && largest > 0.5 * bound, "max |A| = " + largest);
            assertArrayEquals(new float[4 * 4],
                    values.get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"));
            assertEquals(2 * (4 * 8 + 8 * 4) + 2 * (4 * 8 + 4 * 4), adapters.parameterCount());
        }
    }

    @Test
    void theSameSeedGivesTheSameAdaptersAndAnotherSeedOthers() {
        LoraConfig config = LoraConfig.paper().withRank(4);
        try (LoraAdapters first = LoraAdapters.initialize(config, TARGETS, 3, Device.cpu());
                LoraAdapters again = LoraAdapters.initialize(config, TARGETS, 3, Device.cpu());
                LoraAdapters other = LoraAdapters.initialize(config, TARGETS, 4, Device.cpu())) {
            String name = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
            assertArrayEquals(first.values().get(name), again.values().get(name));
            assertNotEquals(first.values().get(name)[0], other.values().get(name)[0]);
        }
    }

    /** y' = y + (alpha / r) x A^T B^T, checked against a hand computation with r = 1. */
    @Test
    void applyAddsTheScaledLowRankProduct() {
        LoraConfig config = new LoraConfig(1, 3, 0, List.of("q_proj"));
        List<LoraTarget> one = List.of(new LoraTarget(0, "q_proj", 2, 2));
        Map<String, float[]> values = Map.of(
                "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", new float[] {1, 2},
                "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight", new float[] {0.5f, -1});
        try (LoraAdapters adapters = LoraAdapters.of(config, one, values, Map.of(), Device.cpu());
                NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            NDArray x = manager.create(new float[] {1, 1, 2, 0}, new Shape(2, 2));
            NDArray y = manager.create(new float[] {10, 20, 30, 40}, new Shape(2, 2));
            // x A^T = [3, 2]; times B^T = [[1.5, -3], [1, -2]]; times alpha / r = 3
            float[] adapted = adapters.apply(0, "q_proj", x, y).toFloatArray();
            assertArrayEquals(new float[] {14.5f, 11, 33, 34}, adapted, 1e-6f);
            assertTrue(adapters.apply(0, "v_proj", x, y) == y, "a projection without adapter is passed through");
        }
    }

    @Test
    void dropoutIsReproducibleForASeedAndOffInEvaluation() {
        LoraConfig config = new LoraConfig(2, 2, 0.5, List.of("q_proj"));
        List<LoraTarget> one = List.of(new LoraTarget(0, "q_proj", 64, 3));
        try (LoraAdapters adapters = LoraAdapters.initialize(config, one, 1, Device.cpu());
                NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            NDArray b = adapters.parameters().get("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight");
            b.stopGradient().addi(1f);
            NDArray x = manager.ones(new Shape(1, 64));
            NDArray y = manager.zeros(new Shape(1, 3));
            adapters.train(99);
            float[] first = adapters.apply(0, "q_proj", x, y).toFloatArray();
            adapters.train(99);
            float[] again = adapters.apply(0, "q_proj", x, y).toFloatArray();
            adapters.eval();
            float[] evaluation = adapters.apply(0, "q_proj", x, y).toFloatArray();
            assertArrayEquals(first, again);
            assertNotEquals(first[0], evaluation[0]);
        }
    }

    @Test
    void savedAdaptersReloadWithTheSameValuesShapesAndMetadata() throws IOException {
        LoraConfig config = new LoraConfig(4, 8, 0.05, List.of("q_proj", "v_proj"));
        Map<String, float[]> before;
        try (LoraAdapters adapters = LoraAdapters.initialize(config, TARGETS, 11, Device.cpu())) {
            adapters.parameters().values().forEach(array -> array.stopGradient().addi(0.25f));
            before = adapters.values();
            adapters.save(temp.resolve("run"), Map.of("seed", "11", "base_model", "tiny"));
        }
        assertTrue(LoraAdapters.exists(temp.resolve("run")));
        try (LoraAdapters loaded = LoraAdapters.load(temp.resolve("run"), Device.cpu())) {
            assertEquals(config, loaded.config());
            assertEquals(TARGETS, loaded.targets());
            assertEquals("11", loaded.metadata().get("seed"));
            Map<String, float[]> after = loaded.values();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
        }
        String json = Files.readString(temp.resolve("run").resolve(LoraAdapters.CONFIG_FILE));
        assertTrue(json.contains("\"peft_type\" : \"LORA\"") && json.contains("\"base_model_name_or_path\" : \"tiny\""),
                json);
    }

    @Test
    void aTruncatedTensorFileIsReportedWithItsName() throws IOException {
        LoraConfig config = LoraConfig.paper().withRank(2);
        try (LoraAdapters adapters = LoraAdapters.initialize(config, TARGETS, 1, Device.cpu())) {
            adapters.save(temp.resolve("bad"), Map.of());
        }
        Path tensors = temp.resolve("bad").resolve(LoraAdapters.TENSORS_FILE);
        byte[] bytes = Files.readAllBytes(tensors);
        Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        IOException error = assertThrows(IOException.class, () -> LoraAdapters.load(temp.resolve("bad"), Device.cpu()));
        assertTrue(error.getMessage().contains(LoraAdapters.TENSORS_FILE), error.getMessage());
    }
}
