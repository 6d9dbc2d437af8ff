package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;

/**
 * Where {@link LlamaNetwork}'s weights come from: the tensors a config implies (names and shapes), a checkpoint
 * checked against them and loaded (norms in float32, the rest in the compute type, each block on its placement's
 * device, a weight that overflows half precision refused by name), or random weights of the same shapes.
 */
public final class LlamaWeights {

    private LlamaWeights() {
    }

    /**
     * Loads the weights of a checkpoint into a new sub-manager of {@code parent} (on its device), checking every
     * tensor's presence and shape first (all problems are reported together), in float32 with every block on
     * {@code parent}'s device.
     *
     * @param maxPositions how many positions the rotary tables cover (the context length)
     * @throws LanguageModelException listing missing and mis-shaped tensors (name, expected and found shape)
     */
    public static LlamaNetwork load(LlamaConfig config, SafeTensors checkpoint, NDManager parent, int maxPositions) {
        return load(config, checkpoint, parent, maxPositions, DataType.FLOAT32, null);
    }

    /**
     * As {@link #load(LlamaConfig, SafeTensors, NDManager, int)}, keeping the weights in {@code dataType} and the
     * blocks where {@code placement} puts them.
     *
     * @param dataType  {@link DataType#FLOAT32} or {@link DataType#FLOAT16} (see {@link ComputeTypes#require})
     * @param placement which device holds which blocks, or null for all on {@code parent}'s device
     * @throws LanguageModelException also when a weight overflows the compute type (naming the tensor)
     */
    public static LlamaNetwork load(LlamaConfig config, SafeTensors checkpoint, NDManager parent, int maxPositions,
            DataType dataType, LayerPlacement placement) {
        ComputeTypes.require(dataType);
        if (placement != null && placement.layers() != config.layers()) {
            throw new IllegalArgumentException("placement covers " + placement.layers() + " layers, the model has "
                    + config.layers());
        }
        Map<String, long[]> expected = expectedShapes(config);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            SafeTensors.TensorInfo info = checkpoint.info(entry.getKey());
            if (info == null) {
                problems.add("missing tensor '" + entry.getKey() + "' (expected shape "
                        + Arrays.toString(entry.getValue()) + ")");
            } else if (!Arrays.equals(info.shape(), entry.getValue())) {
                problems.add("tensor '" + entry.getKey() + "' has shape " + info.shapeText() + ", expected "
                        + Arrays.toString(entry.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw new LanguageModelException("checkpoint " + checkpoint.files() + " does not fit its config ("
                    + config.modelType() + ", " + config.layers() + " layers, hidden " + config.hiddenSize() + "): "
                    + String.join("; ", problems));
        }
        return assemble(config, new Source() {
            @Override
            public NDArray load(NDManager manager, String name) {
                return checkpoint.load(manager, name);
            }

            @Override
            public String toString() {
                return checkpoint.files().toString();
            }
        }, parent, maxPositions, dataType, placement);
    }

    /** Where weights come from: a checkpoint, or random values made on the device. */
    private interface Source {
        /** The tensor {@code name} (of its expected shape), created by {@code manager}. */
        NDArray load(NDManager manager, String name);
    }

    /**
     * A network of random weights made directly on the devices (no checkpoint, no host copy): projections uniform
     * in ±1/√in, embeddings and head uniform in ±1, norm weights one, biases zero. For benchmarks and device checks
     * of a real model's shape; the engine's random generator decides the values.
     */
    public static LlamaNetwork random(LlamaConfig config, NDManager parent, int maxPositions, DataType dataType,
            LayerPlacement placement) {
        ComputeTypes.require(dataType);
        Map<String, long[]> shapes = expectedShapes(config);
        return assemble(config, (manager, name) -> {
            Shape shape = new Shape(shapes.get(name));
            if (name.endsWith("norm.weight")) {
                return manager.ones(shape, DataType.FLOAT32);
            }
            if (name.endsWith(".bias")) {
                return manager.zeros(shape, dataType);
            }
            float bound = name.contains("embed_tokens") || name.equals("lm_head.weight") ? 1f
                    : (float) (1 / Math.sqrt(shape.get(1)));
            return manager.randomUniform(-bound, bound, shape, dataType);
        }, parent, maxPositions, dataType, placement);
    }

    private static LlamaNetwork assemble(LlamaConfig config, Source checkpoint, NDManager parent, int maxPositions,
            DataType dataType, LayerPlacement placement) {
        NDManager manager = parent.newSubManager(placement == null ? parent.getDevice() : placement.device(0));
        try {
            // Norm weights stay float32 (RMSNorm runs in float32); everything else is kept in the compute type.
            NDArray embedding = weight(checkpoint, manager, "model.embed_tokens.weight", dataType);
            NDManager last = placement == null ? manager : manager.newSubManager(placement.device(config.layers() - 1));
            NDArray head = config.tieWordEmbeddings() ? onDevice(embedding, last)
                    : weight(checkpoint, last, "lm_head.weight", dataType);
            NDArray norm = checkpoint.load(last, "model.norm.weight");
            List<LlamaNetwork.Block> blocks = new ArrayList<>();
            for (int layer = 0; layer < config.layers(); layer++) {
                NDManager at = placement == null ? manager : manager.newSubManager(placement.device(layer));
                Map<Projection, NDArray> weights = new EnumMap<>(Projection.class);
                Map<Projection, NDArray> biases = new EnumMap<>(Projection.class);
                for (Projection projection : Projection.values()) {
                    weights.put(projection, weight(checkpoint, at, projection.prefix(layer) + ".weight", dataType));
                    if (hasBias(config, projection)) {
                        biases.put(projection, weight(checkpoint, at, projection.prefix(layer) + ".bias", dataType));
                    }
                }
                String prefix = "model.layers." + layer + ".";
                NDArray scale = at.full(new Shape(), (float) (1.0 / Math.sqrt(config.headDim())), DataType.FLOAT32);
                blocks.add(new LlamaNetwork.Block(checkpoint.load(at, prefix + "input_layernorm.weight"),
                        checkpoint.load(at, prefix + "post_attention_layernorm.weight"), weights, biases,
                        LlamaNetwork.typed(scale, dataType)));
            }
            return new LlamaNetwork(config, manager, embedding, head, norm, blocks, maxPositions, dataType,
                    placement);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A checkpoint tensor in {@code type}, refused when a value overflows it (a half-precision infinity). */
    private static NDArray weight(Source checkpoint, NDManager manager, String name, DataType type) {
        NDArray array = LlamaNetwork.typed(checkpoint.load(manager, name), type);
        if (type != DataType.FLOAT32 && array.isInfinite().any().getBoolean()) {
            array.close();
            throw new LanguageModelException("tensor '" + name + "' of " + checkpoint + " has values beyond "
                    + "the range of " + type + " (±65504); load it in float32");
        }
        return array;
    }

    /** {@code array} itself when {@code manager} is on its device, else a copy there (a tied head on a later device). */
    private static NDArray onDevice(NDArray array, NDManager manager) {
        return array.getDevice().equals(manager.getDevice()) ? array : array.toDevice(manager.getDevice(), true);
    }

    /** Every tensor the config implies, with its shape (Hugging Face names; weights are [out, in]). */
    public static Map<String, long[]> expectedShapes(LlamaConfig config) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long d = config.hiddenSize();
        shapes.put("model.embed_tokens.weight", new long[] {config.vocabSize(), d});
        for (int layer = 0; layer < config.layers(); layer++) {
            String prefix = "model.layers." + layer + ".";
            shapes.put(prefix + "input_layernorm.weight", new long[] {d});
            for (Projection projection : Projection.values()) {
                long[] inOut = inOut(config, projection);
                shapes.put(projection.prefix(layer) + ".weight", new long[] {inOut[1], inOut[0]});
                if (hasBias(config, projection)) {
                    shapes.put(projection.prefix(layer) + ".bias", new long[] {inOut[1]});
                }
            }
            shapes.put(prefix + "post_attention_layernorm.weight", new long[] {d});
        }
        shapes.put("model.norm.weight", new long[] {d});
        if (!config.tieWordEmbeddings()) {
            shapes.put("lm_head.weight", new long[] {config.vocabSize(), d});
        }
        return shapes;
    }

    /** A projection's input and output widths. */
    public static long[] inOut(LlamaConfig config, Projection projection) {
        long d = config.hiddenSize();
        long q = (long) config.heads() * config.headDim();
        long kv = (long) config.kvHeads() * config.headDim();
        return switch (projection) {
            case Q -> new long[] {d, q};
            case K, V -> new long[] {d, kv};
            case O -> new long[] {q, d};
            case GATE, UP -> new long[] {d, config.intermediateSize()};
            case DOWN -> new long[] {config.intermediateSize(), d};
        };
    }

    private static boolean hasBias(LlamaConfig config, Projection projection) {
        return switch (projection) {
            case Q, K, V -> config.qkvBias();
            case O -> config.outputBias();
            case GATE, UP, DOWN -> config.mlpBias();
        };
    }
}
