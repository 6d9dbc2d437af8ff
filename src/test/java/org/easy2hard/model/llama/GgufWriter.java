package org.easy2hard.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.llama.internal.LlamaConfig;

/**
 * Writes a {@link TinyLlamaFixture} with a real Hugging Face vocabulary as a GGUF (version 3, all tensors F32) the way
 * llama.cpp's {@code convert_hf_to_gguf.py} does, so that llama.cpp can run the very weights LlamaModel runs:
 * <ul>
 *   <li>architecture keys under {@code llama.} or {@code qwen2.} (block count, widths, heads, rope base and
 *       dimension count, RMS epsilon, context length);</li>
 *   <li>tensors renamed ({@code token_embd}, {@code blk.N.attn_q}, ...), shapes written innermost first; for the
 *       llama architecture the q and k rows permuted from Hugging Face's rotate-half layout to llama.cpp's
 *       interleaved pairs ({@code LlamaModel.permute}: per head, rows (2, d/2) become (d/2, 2), k with the KV
 *       heads); Qwen2 runs in llama.cpp's NeoX rope mode and is not permuted;</li>
 *   <li>llama3 rope scaling as the {@code rope_freqs.weight} tensor of per-frequency divisors
 *       ({@code generate_extra_tensors});</li>
 *   <li>the tokenizer: SentencePiece-style ({@code tokenizer.ggml.model = llama}: pieces, scores, types with
 *       {@code <0xNN>} byte pieces) or byte-level BPE ({@code gpt2}, pre-tokenizer {@code llama-bpe} or
 *       {@code qwen2}, merges), special ids and whether BOS is added.</li>
 * </ul>
 */
public final class GgufWriter {

    private static final int ALIGNMENT = 32;
    private static final int TYPE_UINT32 = 4;
    private static final int TYPE_INT32 = 5;
    private static final int TYPE_FLOAT32 = 6;
    private static final int TYPE_BOOL = 7;
    private static final int TYPE_STRING = 8;
    private static final int TYPE_ARRAY = 9;

    private final Map<String, Object[]> metadata = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> data = new LinkedHashMap<>();

    private GgufWriter() {
    }

    /**
     * Writes the fixture's weights (with {@code config}, as LlamaModel read it: llama3 scaling becomes rope_freqs)
     * and the tokenizer of {@code modelDir}.
     */
    public static void write(TinyLlamaFixture tiny, LlamaConfig config, Path modelDir, Path file) throws IOException {
        GgufWriter w = new GgufWriter();
        boolean qwen = config.modelType().equals("qwen2");
        String arch = qwen ? "qwen2" : "llama";
        w.put("general.architecture", TYPE_STRING, arch);
        w.put("general.name", TYPE_STRING, "tiny-random");
        w.put("general.file_type", TYPE_UINT32, 0);
        w.put(arch + ".block_count", TYPE_UINT32, config.layers());
        w.put(arch + ".context_length", TYPE_UINT32, config.maxPositionEmbeddings());
        w.put(arch + ".embedding_length", TYPE_UINT32, config.hiddenSize());
        w.put(arch + ".feed_forward_length", TYPE_UINT32, config.intermediateSize());
        w.put(arch + ".attention.head_count", TYPE_UINT32, config.heads());
        w.put(arch + ".attention.head_count_kv", TYPE_UINT32, config.kvHeads());
        w.put(arch + ".attention.key_length", TYPE_UINT32, config.headDim());
        w.put(arch + ".attention.value_length", TYPE_UINT32, config.headDim());
        w.put(arch + ".rope.dimension_count", TYPE_UINT32, config.headDim());
        w.put(arch + ".rope.freq_base", TYPE_FLOAT32, (float) config.ropeTheta());
        w.put(arch + ".attention.layer_norm_rms_epsilon", TYPE_FLOAT32, (float) config.rmsNormEps());
        w.put(arch + ".vocab_size", TYPE_UINT32, config.vocabSize());
        w.tokenizer(modelDir, config);

        int hd = config.headDim();
        w.tensor("token_embd.weight", tiny.weight("model.embed_tokens.weight"), config.vocabSize(),
                config.hiddenSize());
        w.tensor("output_norm.weight", tiny.weight("model.norm.weight"), config.hiddenSize());
        if (!config.tieWordEmbeddings()) {
            w.tensor("output.weight", tiny.weight("lm_head.weight"), config.vocabSize(), config.hiddenSize());
        }
        if (config.ropeScaling() != null && config.ropeScaling().type().equals("llama3")) {
            w.tensor("rope_freqs.weight", llama3Factors(config), hd / 2);
        }
        int d = config.hiddenSize();
        for (int l = 0; l < config.layers(); l++) {
            String hf = "model.layers." + l + ".";
            String gg = "blk." + l + ".";
            float[] q = tiny.weight(hf + "self_attn.q_proj.weight");
            float[] k = tiny.weight(hf + "self_attn.k_proj.weight");
            w.tensor(gg + "attn_norm.weight", tiny.weight(hf + "input_layernorm.weight"), d);
            w.tensor(gg + "attn_q.weight", qwen ? q : permute(q, config.heads(), hd, d), config.heads() * hd, d);
            w.tensor(gg + "attn_k.weight", qwen ? k : permute(k, config.kvHeads(), hd, d), config.kvHeads() * hd, d);
            w.tensor(gg + "attn_v.weight", tiny.weight(hf + "self_attn.v_proj.weight"), config.kvHeads() * hd, d);
            if (qwen) {
                w.tensor(gg + "attn_q.bias", tiny.weight(hf + "self_attn.q_proj.bias"), config.heads() * hd);
                w.tensor(gg + "attn_k.bias", tiny.weight(hf + "self_attn.k_proj.bias"), config.kvHeads() * hd);
                w.tensor(gg + "attn_v.bias", tiny.weight(hf + "self_attn.v_proj.bias"), config.kvHeads() * hd);
            }
            w.tensor(gg + "attn_output.weight", tiny.weight(hf + "self_attn.o_proj.weight"), d, config.heads() * hd);
            w.tensor(gg + "ffn_norm.weight", tiny.weight(hf + "post_attention_layernorm.weight"), d);
            w.tensor(gg + "ffn_gate.weight", tiny.weight(hf + "mlp.gate_proj.weight"), config.intermediateSize(), d);
            w.tensor(gg + "ffn_up.weight", tiny.weight(hf + "mlp.up_proj.weight"), config.intermediateSize(), d);
            w.tensor(gg + "ffn_down.weight", tiny.weight(hf + "mlp.down_proj.weight"), d, config.intermediateSize());
        }
        w.writeTo(file);
    }

    /**
     * convert_hf_to_gguf's q/k permutation: within each head, the rows (2, d/2) (rotate-half: first halves, then
     * second halves) become (d/2, 2) (llama.cpp's adjacent pairs).
     */
    static float[] permute(float[] weight, int heads, int headDim, int columns) {
        float[] out = new float[weight.length];
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            for (int s = 0; s < 2; s++) {
                for (int j = 0; j < half; j++) {
                    int from = h * headDim + s * half + j;
                    int to = h * headDim + j * 2 + s;
                    System.arraycopy(weight, from * columns, out, to * columns, columns);
                }
            }
        }
        return out;
    }

    /** The divisor of each rotary frequency under llama3 scaling (generate_extra_tensors). */
    static float[] llama3Factors(LlamaConfig config) {
        LlamaConfig.RopeScaling s = config.ropeScaling();
        int hd = config.headDim();
        float[] factors = new float[hd / 2];
        double lowWavelength = s.originalMaxPositions() / s.lowFreqFactor();
        double highWavelength = s.originalMaxPositions() / s.highFreqFactor();
        for (int i = 0; i < factors.length; i++) {
            double freq = 1.0 / Math.pow(config.ropeTheta(), 2.0 * i / hd);
            double wavelength = 2 * Math.PI / freq;
            if (wavelength < highWavelength) {
                factors[i] = 1;
            } else if (wavelength > lowWavelength) {
                factors[i] = (float) s.factor();
            } else {
                double smooth = (s.originalMaxPositions() / wavelength - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor());
                factors[i] = (float) (1 / ((1 - smooth) / s.factor() + smooth));
            }
        }
        return factors;
    }

    private void tokenizer(Path modelDir, LlamaConfig config) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(modelDir.resolve("tokenizer.json").toFile());
        JsonNode tokenizerConfig = json.readTree(modelDir.resolve("tokenizer_config.json").toFile());
        JsonNode model = root.get("model");
        boolean sentencePiece = model.path("byte_fallback").asBoolean(false);
        int vocab = config.vocabSize();
        String[] tokens = new String[vocab];
        int[] types = new int[vocab];
        float[] scores = new float[vocab];
        model.get("vocab").properties().forEach(e -> {
            int id = e.getValue().asInt();
            tokens[id] = e.getKey();
            types[id] = 1;
            scores[id] = -id;
            if (sentencePiece && e.getKey().matches("<0x[0-9A-F]{2}>")) {
                types[id] = 6;
                scores[id] = 0;
            }
        });
        for (JsonNode added : root.get("added_tokens")) {
            int id = added.get("id").asInt();
            tokens[id] = added.get("content").asText();
            types[id] = added.path("special").asBoolean(false) ? 3 : 4;
            scores[id] = 0;
        }
        String unk = model.path("unk_token").asText("");
        for (int id = 0; id < vocab; id++) {
            if (tokens[id] == null) {
                tokens[id] = "[PAD" + id + "]";
                types[id] = 5;
            }
            if (sentencePiece && tokens[id].equals(unk)) {
                types[id] = 2;
            }
        }
        put("tokenizer.ggml.model", TYPE_STRING, sentencePiece ? "llama" : "gpt2");
        put("tokenizer.ggml.pre", TYPE_STRING, sentencePiece ? "default"
                : config.modelType().equals("qwen2") ? "qwen2" : "llama-bpe");
        put("tokenizer.ggml.tokens", TYPE_ARRAY, new Object[] {TYPE_STRING, List.of(tokens)});
        if (sentencePiece) {
            put("tokenizer.ggml.scores", TYPE_ARRAY, new Object[] {TYPE_FLOAT32, scores});
        }
        put("tokenizer.ggml.token_type", TYPE_ARRAY, new Object[] {TYPE_INT32, types});
        if (!sentencePiece) {
            List<String> merges = new ArrayList<>();
            for (JsonNode merge : model.get("merges")) {
                merges.add(merge.isArray() ? merge.get(0).asText() + " " + merge.get(1).asText() : merge.asText());
            }
            put("tokenizer.ggml.merges", TYPE_ARRAY, new Object[] {TYPE_STRING, merges});
        }
        if (config.bosTokenId() >= 0) {
            put("tokenizer.ggml.bos_token_id", TYPE_UINT32, config.bosTokenId());
        }
        if (!config.eosTokenIds().isEmpty()) {
            put("tokenizer.ggml.eos_token_id", TYPE_UINT32, config.eosTokenIds().get(0));
        }
        // the authors' rule: BOS whenever the tokenizer names one
        JsonNode bos = tokenizerConfig.get("bos_token");
        put("tokenizer.ggml.add_bos_token", TYPE_BOOL, bos != null && !bos.isNull());
        put("tokenizer.ggml.add_eos_token", TYPE_BOOL, false);
    }

    private void put(String key, int type, Object value) {
        metadata.put(key, new Object[] {type, value});
    }

    private void tensor(String name, float[] values, long... hfShape) {
        long elements = 1;
        for (long d : hfShape) {
            elements *= d;
        }
        if (elements != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + elements);
        }
        shapes.put(name, hfShape);
        data.put(name, values);
    }

    private void writeTo(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             CountingOutput out = new CountingOutput(new BufferedOutputStream(raw, 1 << 20))) {
            out.u32(0x46554747);
            out.u32(3);
            out.u64(shapes.size());
            out.u64(metadata.size());
            for (Map.Entry<String, Object[]> kv : metadata.entrySet()) {
                out.string(kv.getKey());
                int type = (int) kv.getValue()[0];
                out.u32(type);
                out.value(type, kv.getValue()[1]);
            }
            long offset = 0;
            for (Map.Entry<String, long[]> t : shapes.entrySet()) {
                out.string(t.getKey());
                long[] shape = t.getValue();
                out.u32(shape.length);
                for (int i = shape.length - 1; i >= 0; i--) {
                    out.u64(shape[i]); // innermost (columns) first
                }
                out.u32(0); // GGML_TYPE_F32
                out.u64(offset);
                offset += align(4L * data.get(t.getKey()).length);
            }
            out.pad();
            for (float[] values : data.values()) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values);
                out.write(bytes.array());
                out.pad();
            }
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Little-endian GGUF primitives, counting bytes for alignment. */
    private static final class CountingOutput extends DataOutputStream {
        CountingOutput(OutputStream out) {
            super(out);
        }

        void u32(int v) throws IOException {
            writeInt(Integer.reverseBytes(v));
        }

        void u64(long v) throws IOException {
            writeLong(Long.reverseBytes(v));
        }

        void f32(float v) throws IOException {
            u32(Float.floatToRawIntBits(v));
        }

        void string(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            write(bytes);
        }

        @SuppressWarnings("unchecked")
        void value(int type, Object value) throws IOException {
            switch (type) {
                case TYPE_UINT32, TYPE_INT32 -> u32((Integer) value);
                case TYPE_FLOAT32 -> f32((Float) value);
                case TYPE_BOOL -> writeByte((Boolean) value ? 1 : 0);
                case TYPE_STRING -> string((String) value);
                case TYPE_ARRAY -> {
                    Object[] array = (Object[]) value;
                    int elementType = (int) array[0];
                    u32(elementType);
                    if (array[1] instanceof List<?> list) {
                        u64(list.size());
                        for (Object s : list) {
                            string((String) s);
                        }
                    } else if (array[1] instanceof int[] ints) {
                        u64(ints.length);
                        for (int v : ints) {
                            u32(v);
                        }
                    } else {
                        float[] floats = (float[]) array[1];
                        u64(floats.length);
                        for (float v : floats) {
                            f32(v);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("type " + type);
            }
        }

        void pad() throws IOException {
            while (size() % ALIGNMENT != 0) {
                writeByte(0);
            }
        }
    }
}
