package org.easy2hard.model.lora;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.llama.internal.ComputeTypes;

/**
 * A set of LoRA adapters (Hu et al. 2021, as PEFT implements them) on a model's linear projections, held as float32
 * tensors on a DJL device. For a projection {@code y = x W^T} with an adapter, the adapted output is
 *
 * <pre>
 *   y' = x W^T + (alpha / r) * dropout(x) A^T B^T,    A: (r, in),  B: (out, r)
 * </pre>
 *
 * <p><b>Initialisation</b> (PEFT's default, the paper's "fresh adapters", paper-spec §5.6): every A from
 * {@code kaiming_uniform_(a = sqrt(5))}, which is U(-1/sqrt(in), 1/sqrt(in)), and every B zero, so a fresh adapter
 * leaves the model's output unchanged. The values of A are drawn in Java from {@code SplittableRandom(seed)}, target
 * after target in {@link #targets()} order, so that initialisation is reproducible on any device and does not touch
 * the engine's global random generator.
 *
 * <p><b>Dropout</b> applies only in training mode ({@link #train(long)}), to the adapter's input, as PEFT's
 * {@code lora_dropout}; its masks also come from a Java generator (seeded by {@link #train(long)}), so a fit is
 * reproducible for a fixed seed and the base path never sees dropout.
 *
 * <p><b>Storage</b> ({@link #save}, {@link #load}): a directory with {@code adapter_model.safetensors} (PEFT's
 * tensor names, e.g. {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}, float32) and
 * {@code adapter_config.json} (PEFT's fields plus an {@code easy2hard} block with the caller's metadata: base
 * model identity, seed, ...). The tensors are written first and the config last, each atomically, so a directory
 * with a config always has its tensors.
 *
 * <p>Holds native memory in its own {@link NDManager}: close it.
 */
public final class LoraAdapters implements AutoCloseable {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The file name of the tensors. */
    public static final String TENSORS_FILE = "adapter_model.safetensors";
    /** The file name of the configuration. */
    public static final String CONFIG_FILE = "adapter_config.json";


    private final LoraConfig config;
    private final List<LoraTarget> targets;
    private final NDManager manager;
    private final Map<String, NDArray> a = new LinkedHashMap<>();
    private final Map<String, NDArray> b = new LinkedHashMap<>();
    private final Map<String, NDArray> aFrozen = new LinkedHashMap<>();
    private final Map<String, NDArray> bFrozen = new LinkedHashMap<>();
    private final Map<String, LoraTarget> byKey = new LinkedHashMap<>();
    private final Map<String, String> metadata;
    private final NDArray scale;
    private SplittableRandom dropoutRandom;
    private boolean training;

    LoraAdapters(LoraConfig config, List<LoraTarget> targets, Device device, Map<String, float[]> aValues,
            Map<String, float[]> bValues, Map<String, String> metadata) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
        try {
            this.scale = scalar(manager, config.scale());
            for (LoraTarget target : targets) {
                String key = target.key();
                if (byKey.put(key, target) != null) {
                    throw new IllegalArgumentException("two adapters on " + key);
                }
                Shape aShape = new Shape(config.rank(), target.inFeatures());
                Shape bShape = new Shape(target.outFeatures(), config.rank());
                NDArray aArray = owned(manager.create(aValues.get(key), aShape));
                NDArray bArray = owned(manager.create(bValues.get(key), bShape));
                aArray.setRequiresGradient(true);
                bArray.setRequiresGradient(true);
                a.put(key, aArray);
                b.put(key, bArray);
                // Views sharing the values but outside autograd: evaluation builds no graph even on a thread
                // whose grad mode is on, and sees every optimizer update.
                aFrozen.put(key, aArray.stopGradient());
                bFrozen.put(key, bArray.stopGradient());
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A copy of an array created from Java values in memory that PyTorch owns. On the CPU, DJL creates such arrays
     * over a direct buffer of the JVM ({@code from_blob}); parameters that autograd and the optimizer write to in
     * place, and masks that autograd may keep, must not live in memory whose lifetime the JVM decides.
     */
    private static NDArray owned(NDArray blob) {
        try (blob) {
            return blob.duplicate();
        }
    }

    /**
     * A float32 scalar in memory that PyTorch owns. Why not {@code array.mul(2.0f)}: DJL makes the scalar of such
     * calls over a JVM direct buffer and closes it after the operation, while autograd keeps it for the backward
     * pass, which then reads memory the JVM may have freed (seen as random gradients of 1e30 on the CPU). Every
     * scalar inside a recorded computation must come from here.
     */
    public static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value, DataType.FLOAT32);
    }

    /**
     * Fresh adapters: A Kaiming-uniform from the seed, B zero.
     *
     * @param config  rank, alpha, dropout and target modules
     * @param targets the projections to adapt, each of a module named in the config
     * @param seed    seed of A's values
     * @param device  where the tensors live
     */
    public static LoraAdapters initialize(LoraConfig config, List<LoraTarget> targets, long seed, Device device) {
        Objects.requireNonNull(config, "config");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no projections to adapt");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> aValues = new LinkedHashMap<>();
        Map<String, float[]> bValues = new LinkedHashMap<>();
        for (LoraTarget target : targets) {
            if (!config.targetModules().contains(target.module())) {
                throw new IllegalArgumentException("target " + target.key() + " is not one of the configured modules "
                        + config.targetModules());
            }
            double bound = 1.0 / Math.sqrt(target.inFeatures());
            float[] values = new float[config.rank() * target.inFeatures()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            aValues.put(target.key(), values);
            bValues.put(target.key(), new float[target.outFeatures() * config.rank()]);
        }
        return new LoraAdapters(config, targets, device, aValues, bValues, Map.of());
    }

    /** The rank, alpha, dropout and target modules. */
    public LoraConfig config() {
        return config;
    }

    /** The adapted projections, in initialisation order. */
    public List<LoraTarget> targets() {
        return targets;
    }

    /** The metadata read by {@link #load} (empty for fresh adapters). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Where the tensors live. */
    public Device device() {
        return manager.getDevice();
    }

    /** Whether projection {@code module} of {@code layer} has an adapter. */
    public boolean adapts(int layer, String module) {
        return byKey.containsKey(LoraTarget.key(layer, module));
    }

    /**
     * Training mode: {@link #apply} records gradients of A and B and applies dropout, its masks drawn from
     * {@code SplittableRandom(dropoutSeed)}.
     */
    public void train(long dropoutSeed) {
        dropoutRandom = new SplittableRandom(dropoutSeed);
        training = true;
    }

    /**
     * Training mode without dropout: gradients are recorded, the output is deterministic (for gradient checks).
     */
    public void trainWithoutDropout() {
        dropoutRandom = null;
        training = true;
    }

    /** Evaluation mode (the default): no dropout and no gradients. */
    public void eval() {
        dropoutRandom = null;
        training = false;
    }

    /** Whether dropout is applied (training mode with a non-zero dropout). */
    public boolean dropoutActive() {
        return dropoutRandom != null && config.dropout() > 0;
    }

    /**
     * The adapter's term for a projection, {@code scale * dropout(input) A^T B^T}, or null when the projection has
     * no adapter. Computed in float32 (cast back to the input's type), as arrays of the input's manager.
     *
     * @param layer  decoder layer index
     * @param module projection name ({@code q_proj}, ...)
     * @param input  the projection's input x, shape (..., in)
     */
    public NDArray delta(int layer, String module, NDArray input) {
        String key = LoraTarget.key(layer, module);
        NDArray aArray = (training ? a : aFrozen).get(key);
        if (aArray == null) {
            return null;
        }
        NDArray bArray = (training ? b : bFrozen).get(key);
        // ComputeTypes.cast, not toType: DJL's toType cuts the autograd graph, and on a half-precision base both
        // casts lie on the adapters' gradient path.
        NDArray x = ComputeTypes.cast(input, DataType.FLOAT32);
        if (dropoutActive()) {
            x = x.mul(dropoutMask(input.getManager(), x.getShape()));
        }
        NDArray delta = x.matMul(aArray.transpose()).matMul(bArray.transpose()).mul(scale);
        return ComputeTypes.cast(delta, input.getDataType());
    }

    /**
     * The adapted output of a projection: {@code output + delta(layer, module, input)}, or {@code output} itself
     * when the projection has no adapter.
     *
     * @param output the base projection's output x W^T, shape (..., out)
     */
    public NDArray apply(int layer, String module, NDArray input, NDArray output) {
        NDArray delta = delta(layer, module, input);
        return delta == null ? output : output.add(delta);
    }

    /** Inverted-dropout mask: each element kept with probability 1 - p and scaled by 1 / (1 - p). */
    private NDArray dropoutMask(NDManager target, Shape shape) {
        double p = config.dropout();
        float kept = (float) (1.0 / (1.0 - p));
        float[] mask = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextDouble() < p ? 0f : kept;
        }
        return owned(target.create(mask, shape));
    }

    /**
     * The trainable tensors by PEFT name ({@code ...q_proj.lora_A.weight}, {@code ...lora_B.weight}), A before B
     * per target: the arrays themselves, which an optimizer updates in place.
     */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (LoraTarget target : targets) {
            parameters.put(target.peftPrefix() + ".lora_A.weight", a.get(target.key()));
            parameters.put(target.peftPrefix() + ".lora_B.weight", b.get(target.key()));
        }
        return parameters;
    }

    /** A copy of every tensor's values by PEFT name, in {@link #parameters()} order. */
    public Map<String, float[]> values() {
        Map<String, float[]> values = new LinkedHashMap<>();
        parameters().forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        long count = 0;
        for (NDArray array : parameters().values()) {
            count += array.size();
        }
        return count;
    }

    /**
     * Writes the adapters to {@code directory} (created when missing): tensors first, then the configuration
     * with {@code metadata} (base model identity, seed, training settings; strings only).
     */
    public void save(Path directory, Map<String, String> metadata) throws IOException {
        PeftFiles.save(this, directory, metadata);
    }

    /**
     * Adapters with given values (as {@link #values()} returns them), in evaluation mode: how a fitted method
     * keeps its adapters in the JVM and puts them on a device only while predicting.
     */
    public static LoraAdapters of(LoraConfig config, List<LoraTarget> targets, Map<String, float[]> values,
            Map<String, String> metadata, Device device) {
        Map<String, float[]> aValues = new LinkedHashMap<>();
        Map<String, float[]> bValues = new LinkedHashMap<>();
        for (LoraTarget target : targets) {
            float[] aArray = values.get(target.peftPrefix() + ".lora_A.weight");
            float[] bArray = values.get(target.peftPrefix() + ".lora_B.weight");
            if (aArray == null || bArray == null) {
                throw new IllegalArgumentException("no values for the adapter on " + target.key());
            }
            if (aArray.length != config.rank() * target.inFeatures()
                    || bArray.length != target.outFeatures() * config.rank()) {
                throw new IllegalArgumentException("the adapter values on " + target.key() + " have " + aArray.length
                        + " and " + bArray.length + " entries, not rank " + config.rank() + " x " + target.inFeatures()
                        + " and " + target.outFeatures() + " x rank");
            }
            aValues.put(target.key(), aArray);
            bValues.put(target.key(), bArray);
        }
        return new LoraAdapters(config, targets, device, aValues, bValues, metadata);
    }

    /** Whether {@code directory} holds saved adapters (its configuration file exists). */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(CONFIG_FILE));
    }

    /**
     * Reads adapters written by {@link #save}, in evaluation mode.
     *
     * @throws IOException naming the file when the configuration or tensors are missing or malformed, or a tensor's
     *                     shape does not match the rank
     */
    public static LoraAdapters load(Path directory, Device device) throws IOException {
        return PeftFiles.load(directory, device);
    }

    /** Frees the tensors. */
    @Override
    public void close() {
        manager.close();
    }
}
