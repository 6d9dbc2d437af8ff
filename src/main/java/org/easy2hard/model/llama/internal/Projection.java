package org.easy2hard.model.llama.internal;

/** The linear projections of a decoder block, with their Hugging Face tensor names. */
public enum Projection {
    /** Query projection, d → heads × headDim. */
    Q("self_attn.q_proj"),
    /** Key projection, d → kvHeads × headDim. */
    K("self_attn.k_proj"),
    /** Value projection, d → kvHeads × headDim. */
    V("self_attn.v_proj"),
    /** Attention output projection, heads × headDim → d. */
    O("self_attn.o_proj"),
    /** MLP gate projection, d → intermediate. */
    GATE("mlp.gate_proj"),
    /** MLP up projection, d → intermediate. */
    UP("mlp.up_proj"),
    /** MLP down projection, intermediate → d. */
    DOWN("mlp.down_proj");

    private final String module;

    Projection(String module) {
        this.module = module;
    }

    /** The module path inside a block, e.g. {@code self_attn.q_proj}. */
    public String module() {
        return module;
    }

    /** The full tensor-name prefix in block {@code layer}, e.g. {@code model.layers.3.self_attn.q_proj}. */
    public String prefix(int layer) {
        return "model.layers." + layer + "." + module;
    }
}
