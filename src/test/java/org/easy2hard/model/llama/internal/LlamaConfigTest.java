package org.easy2hard.model.llama.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Llama-3.2-1B's config.json (the fields this decoder reads). */
    private static ObjectNode llama32() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"model_type": "llama", "vocab_size": 128256, "hidden_size": 2048, "intermediate_size": 8192,
                 "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
                 "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "max_position_embeddings": 131072,
                 "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "tie_word_embeddings": true, "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009],
                 "hidden_act": "silu", "attention_bias": false, "mlp_bias": false}
                """);
    }

    @Test
    void llama32IsReadWithItsGroupedHeadsTiedHeadAndEosList() throws Exception {
        LlamaConfig config = LlamaConfig.parse(llama32());
        assertEquals(32, config.heads());
        assertEquals(8, config.kvHeads());
        assertEquals(64, config.headDim());
        assertTrue(config.tieWordEmbeddings());
        assertEquals(List.of(128001, 128008, 128009), config.eosTokenIds());
        assertEquals(128000, config.bosTokenId());
        assertFalse(config.qkvBias());
    }

    @Test
    void llama3RotaryScalingKeepsHighFrequenciesScalesLowOnesAndBlendsBetween() throws Exception {
        double[] inv = LlamaConfig.parse(llama32()).inverseFrequencies();
        double base0 = 1.0;
        assertEquals(base0, inv[0], 1e-15);
        // i = 31: wavelength 2π·500000^(62/64) ≈ 2.1e6 > 8192 → divided by 32
        double raw31 = Math.pow(500000.0, -62.0 / 64);
        assertEquals(raw31 / 32, inv[31], 1e-18);
        // find a medium-band frequency (8192/4 ≤ wavelength ≤ 8192) and check the blend by hand
        for (int i = 0; i < 32; i++) {
            double raw = Math.pow(500000.0, -2.0 * i / 64);
            double wavelength = 2 * Math.PI / raw;
            if (wavelength >= 2048 && wavelength <= 8192) {
                double smooth = (8192 / wavelength - 1) / (4 - 1);
                assertEquals((1 - smooth) * raw / 32 + smooth * raw, inv[i], 1e-15, "i = " + i);
            } else if (wavelength < 2048) {
                assertEquals(raw, inv[i], 1e-15, "i = " + i);
            }
        }
    }

    @Test
    void qwen2HasQkvBiasesAndItsSlidingWindowOnlyWhenEnabled() throws Exception {
        ObjectNode qwen = llama32().put("model_type", "qwen2").put("sliding_window", 4096)
                .put("use_sliding_window", false);
        qwen.remove("rope_scaling");
        LlamaConfig config = LlamaConfig.parse(qwen);
        assertTrue(config.qkvBias());
        assertFalse(config.outputBias());
        assertEquals(0, config.slidingWindow());
        assertEquals(1024, LlamaConfig.parse(qwen.put("use_sliding_window", true).put("sliding_window", 1024))
                .slidingWindow());
    }

    @Test
    void headDimDefaultsToHiddenOverHeads() throws Exception {
        ObjectNode node = llama32();
        node.remove("head_dim");
        assertEquals(64, LlamaConfig.parse(node).headDim());
    }

    @Test
    void unsupportedArchitecturesActivationsAndScalingsAreRefusedByName() throws Exception {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> LlamaConfig.parse(llama32().put("model_type", "gemma")));
        assertTrue(type.getMessage().startsWith("model_type 'gemma' is not supported"), type.getMessage());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> LlamaConfig.parse(llama32().put("hidden_act", "gelu")));
        assertEquals("hidden_act 'gelu' is not supported (only silu)", act.getMessage());
        ObjectNode yarn = llama32();
        ((ObjectNode) yarn.get("rope_scaling")).put("rope_type", "yarn");
        IllegalArgumentException rope = assertThrows(IllegalArgumentException.class, () -> LlamaConfig.parse(yarn));
        assertEquals("rope_scaling rope_type 'yarn' is not supported (default, linear and llama3 are)",
                rope.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LlamaConfig.parse(llama32().putNull("hidden_size")));
        assertEquals("missing or non-integer \"hidden_size\"", missing.getMessage());
    }

    /** Llama-3.2-1B's config as transformers 5 writes it: theta and scaling inside rope_parameters. */
    private static ObjectNode llama32Transformers5() throws Exception {
        ObjectNode config = llama32();
        ObjectNode rope = (ObjectNode) config.remove("rope_scaling");
        config.remove("rope_theta");
        rope.put("rope_theta", 500000.0);
        config.set("rope_parameters", rope);
        return config;
    }

    @Test
    void transformers5RopeParametersGiveTheSameThetaAndScalingAsTheOldLayout() throws Exception {
        LlamaConfig old = LlamaConfig.parse(llama32());
        LlamaConfig v5 = LlamaConfig.parse(llama32Transformers5());
        assertEquals(500000.0, v5.ropeTheta());
        assertEquals(new LlamaConfig.RopeScaling("llama3", 32.0, 1.0, 4.0, 8192), v5.ropeScaling());
        assertEquals(old, v5);
    }

    @Test
    void transformers5DefaultRopeTypeMeansNoScaling() throws Exception {
        ObjectNode config = llama32Transformers5();
        config.set("rope_parameters", JSON.readTree("{\"rope_theta\": 1000000.0, \"rope_type\": \"default\"}"));
        LlamaConfig parsed = LlamaConfig.parse(config);
        assertEquals(1000000.0, parsed.ropeTheta());
        assertEquals(null, parsed.ropeScaling());
    }

    @Test
    void transformers5UnknownRopeTypeIsRefusedByName() throws Exception {
        ObjectNode config = llama32Transformers5();
        ((ObjectNode) config.get("rope_parameters")).put("rope_type", "dynamic");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaConfig.parse(config));
        assertEquals("rope_parameters rope_type 'dynamic' is not supported (default, linear and llama3 are)",
                e.getMessage());
    }
}
