package org.easy2hard.model.lora;

import java.util.Objects;

/**
 * One linear projection that carries an adapter: which decoder layer, which projection, and its shape. The
 * projection computes {@code y = x W^T} with W of shape (outFeatures, inFeatures), as {@code torch.nn.Linear}.
 *
 * @param layer       decoder layer index, 0-based
 * @param module      projection name as in Hugging Face checkpoints, e.g. {@code q_proj}
 * @param inFeatures  the projection's input width
 * @param outFeatures the projection's output width
 */
public record LoraTarget(int layer, String module, int inFeatures, int outFeatures) {

    /** Checks the values. */
    public LoraTarget {
        Objects.requireNonNull(module, "module");
        if (layer < 0 || inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("bad LoRA target: layer " + layer + ", " + module + " "
                    + inFeatures + " -> " + outFeatures);
        }
    }

    /** A stable key for lookups, e.g. {@code 3.q_proj}. */
    public String key() {
        return key(layer, module);
    }

    /** The lookup key of a (layer, module) pair. */
    public static String key(int layer, String module) {
        return layer + "." + module;
    }

    /**
     * The name PEFT gives this projection in a saved adapter, without the {@code .lora_A.weight} suffix, e.g.
     * {@code base_model.model.model.layers.3.self_attn.q_proj}: attention projections live under
     * {@code self_attn}, the others under {@code mlp}.
     */
    public String peftPrefix() {
        String block = switch (module) {
            case "q_proj", "k_proj", "v_proj", "o_proj" -> "self_attn";
            default -> "mlp";
        };
        return "base_model.model.model.layers." + layer + "." + block + "." + module;
    }
}
