package org.easy2hard.model.llama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.easy2hard.model.LanguageModelException;

/**
 * The architecture of a Llama-family checkpoint, read from its {@code config.json}. Llama (including SmolLM and
 * Llama 3's rotary scaling), Mistral and Qwen2 share one decoder: RMSNorm, rotary embeddings, grouped-query
 * attention and a SwiGLU MLP; they differ only in the flags kept here.
 *
 * @param modelType             {@code llama}, {@code mistral} or {@code qwen2}
 * @param vocabSize             rows of the embedding matrix
 * @param hiddenSize            width of the residual stream d
 * @param intermediateSize      width of the MLP
 * @param layers                number of decoder blocks L
 * @param heads                 attention heads
 * @param kvHeads               key/value heads (grouped-query attention when fewer than {@code heads})
 * @param headDim               width of one head ({@code head_dim}, else d / heads)
 * @param rmsNormEps            epsilon inside RMSNorm
 * @param ropeTheta             rotary base
 * @param ropeScaling           rotary frequency scaling, or null for none
 * @param tieWordEmbeddings     whether the output head is the embedding matrix
 * @param maxPositionEmbeddings the window the model was trained for
 * @param slidingWindow         attention window when the config enables one, else 0
 * @param bosTokenId            {@code bos_token_id}, or -1
 * @param eosTokenIds           {@code eos_token_id} (a number or a list), possibly empty
 * @param qkvBias               whether q, k and v projections have biases (Qwen2; Llama's {@code attention_bias})
 * @param outputBias            whether o_proj has a bias (Llama's {@code attention_bias})
 * @param mlpBias               whether the MLP projections have biases (Llama's {@code mlp_bias})
 */
public record LlamaConfig(String modelType, int vocabSize, int hiddenSize, int intermediateSize, int layers,
        int heads, int kvHeads, int headDim, double rmsNormEps, double ropeTheta, RopeScaling ropeScaling,
        boolean tieWordEmbeddings, int maxPositionEmbeddings, int slidingWindow, int bosTokenId,
        List<Integer> eosTokenIds, boolean qkvBias, boolean outputBias, boolean mlpBias) {

    /** The model types this decoder implements. */
    public static final Set<String> SUPPORTED = Set.of("llama", "mistral", "qwen2");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Rotary frequency scaling.
     *
     * @param type                  {@code llama3} or {@code linear}
     * @param factor                the scaling factor
     * @param lowFreqFactor         llama3's low-frequency factor
     * @param highFreqFactor        llama3's high-frequency factor
     * @param originalMaxPositions  llama3's original context length
     */
    public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
            int originalMaxPositions) {
    }

    /** Validates the dimensions. */
    public LlamaConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + heads + " must be a positive multiple of "
                    + "num_key_value_heads " + kvHeads);
        }
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("head dimension must be positive and even for rotary embeddings, "
                    + "was " + headDim);
        }
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || layers <= 0) {
            throw new IllegalArgumentException("vocab_size, hidden_size, intermediate_size and num_hidden_layers "
                    + "must be positive");
        }
    }

    /** Reads {@code config.json}; refuses architectures and options this decoder does not implement. */
    public static LlamaConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LanguageModelException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LanguageModelException(file + " is not a JSON object");
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new LanguageModelException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a config's JSON (see {@link #read}). */
    public static LlamaConfig parse(JsonNode root) {
        String type = root.path("model_type").asText("");
        if (!SUPPORTED.contains(type)) {
            throw new IllegalArgumentException("model_type '" + type + "' is not supported; this decoder implements "
                    + "the Llama family: " + String.join(", ", new java.util.TreeSet<>(SUPPORTED))
                    + " (SmolLM and TinyLlama are 'llama')");
        }
        String act = root.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new IllegalArgumentException("hidden_act '" + act + "' is not supported (only silu)");
        }
        int hidden = required(root, "hidden_size");
        int heads = required(root, "num_attention_heads");
        int kvHeads = root.hasNonNull("num_key_value_heads") ? root.get("num_key_value_heads").asInt() : heads;
        int headDim = root.hasNonNull("head_dim") ? root.get("head_dim").asInt() : hidden / heads;
        if (!root.hasNonNull("head_dim") && hidden % heads != 0) {
            throw new IllegalArgumentException("hidden_size " + hidden + " is not a multiple of num_attention_heads "
                    + heads + " and no head_dim is given");
        }
        boolean qwen = type.equals("qwen2");
        boolean attentionBias = root.path("attention_bias").asBoolean(false);
        int window = 0;
        JsonNode sliding = root.get("sliding_window");
        boolean windowOn = type.equals("mistral") || qwen && root.path("use_sliding_window").asBoolean(false);
        if (windowOn && sliding != null && sliding.canConvertToInt() && sliding.asInt() > 0) {
            window = sliding.asInt();
        }
        List<Integer> eos = new ArrayList<>();
        JsonNode eosNode = root.get("eos_token_id");
        if (eosNode != null && eosNode.isArray()) {
            eosNode.forEach(id -> eos.add(id.asInt()));
        } else if (eosNode != null && eosNode.canConvertToInt()) {
            eos.add(eosNode.asInt());
        }
        // transformers 5 writes rope_parameters {rope_theta, rope_type, ...}; older configs a top-level rope_theta
        // and rope_scaling. Reading only the old fields would run a Llama-3 config at theta 10^4 without scaling.
        JsonNode rope = root.get("rope_parameters");
        double theta;
        RopeScaling scaling;
        if (rope != null && !rope.isNull()) {
            if (!rope.isObject()) {
                throw new IllegalArgumentException("\"rope_parameters\" is not an object");
            }
            theta = rope.hasNonNull("rope_theta") ? rope.get("rope_theta").asDouble()
                    : root.path("rope_theta").asDouble(10000.0);
            scaling = ropeScaling(rope, "rope_parameters");
        } else {
            theta = root.path("rope_theta").asDouble(10000.0);
            scaling = ropeScaling(root.get("rope_scaling"), "rope_scaling");
        }
        return new LlamaConfig(type, required(root, "vocab_size"), hidden, required(root, "intermediate_size"),
                required(root, "num_hidden_layers"), heads, kvHeads, headDim,
                root.path("rms_norm_eps").asDouble(1e-6), theta,
                scaling, root.path("tie_word_embeddings").asBoolean(false),
                root.path("max_position_embeddings").asInt(2048), window,
                root.hasNonNull("bos_token_id") ? root.get("bos_token_id").asInt() : -1, eos,
                qwen || attentionBias, !qwen && attentionBias, root.path("mlp_bias").asBoolean(false));
    }

    private static int required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new IllegalArgumentException("missing or non-integer \"" + field + "\"");
        }
        return node.asInt();
    }

    /** The scaling of a {@code rope_scaling} or {@code rope_parameters} object; refuses types not implemented. */
    private static RopeScaling ropeScaling(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        String type = node.hasNonNull("rope_type") ? node.get("rope_type").asText()
                : node.path("type").asText("default");
        return switch (type) {
            case "default" -> null;
            case "linear" -> new RopeScaling(type, node.path("factor").asDouble(1), 0, 0, 0);
            case "llama3" -> new RopeScaling(type, node.path("factor").asDouble(8),
                    node.path("low_freq_factor").asDouble(1), node.path("high_freq_factor").asDouble(4),
                    node.path("original_max_position_embeddings").asInt(8192));
            default -> throw new IllegalArgumentException(field + " rope_type '" + type + "' is not supported "
                    + "(default, linear and llama3 are)");
        };
    }

    /**
     * The rotary inverse frequencies, one per pair of head dimensions: {@code theta^(-2i/headDim)}, scaled as the
     * config says (Hugging Face's {@code _compute_llama3_parameters} for llama3).
     */
    public double[] inverseFrequencies() {
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1.0 / Math.pow(ropeTheta, (2.0 * i) / headDim);
        }
        if (ropeScaling == null) {
            return inv;
        }
        if (ropeScaling.type().equals("linear")) {
            for (int i = 0; i < inv.length; i++) {
                inv[i] /= ropeScaling.factor();
            }
            return inv;
        }
        double old = ropeScaling.originalMaxPositions();
        double lowWavelength = old / ropeScaling.lowFreqFactor();
        double highWavelength = old / ropeScaling.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            double wavelength = 2 * Math.PI / inv[i];
            if (wavelength > lowWavelength) {
                inv[i] /= ropeScaling.factor();
            } else if (wavelength >= highWavelength) {
                double smooth = (old / wavelength - ropeScaling.lowFreqFactor())
                        / (ropeScaling.highFreqFactor() - ropeScaling.lowFreqFactor());
                inv[i] = (1 - smooth) * inv[i] / ropeScaling.factor() + smooth * inv[i];
            }
        }
        return inv;
    }
}
