package org.easy2hard.model.llama.internal;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which device holds which decoder blocks: contiguous runs of layers ({@link Stage}s) in order, the way Hugging
 * Face's {@code device_map} spreads a model over the GPUs of one machine. The embedding lives with the first stage,
 * the final norm and the head with the last; activations move from one stage's device to the next.
 *
 * @param stages the runs of layers, in layer order, covering 0..L-1 without gaps
 */
public record LayerPlacement(List<Stage> stages) {

    /**
     * Layers {@code from} (inclusive) to {@code to} (exclusive) on {@code device}.
     *
     * @param device where the blocks' weights and their computation live
     * @param from   first layer
     * @param to     one past the last layer
     */
    public record Stage(Device device, int from, int to) {

        /** Checks the range. */
        public Stage {
            Objects.requireNonNull(device, "device");
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("stage on " + device + " has layers " + from + ".." + to);
            }
        }
    }

    /**
     * A device's memory for planning.
     *
     * @param device    the device
     * @param freeBytes what the model may use there (free memory less a reserve for activations)
     */
    public record DeviceMemory(Device device, long freeBytes) {
    }

    /** The share of a device's free memory a plan gives to weights (the rest is for a batch's activations). */
    public static final double WEIGHT_SHARE = 0.85;

    /** Checks that the stages are contiguous from layer 0. */
    public LayerPlacement {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a placement needs at least one stage");
        }
        int next = 0;
        for (Stage stage : stages) {
            if (stage.from() != next) {
                throw new IllegalArgumentException("stages must be contiguous from layer 0: " + stages);
            }
            next = stage.to();
        }
    }

    /** Every layer on one device. */
    public static LayerPlacement single(Device device, int layers) {
        return new LayerPlacement(List.of(new Stage(device, 0, layers)));
    }

    /** The number of layers covered. */
    public int layers() {
        return stages.get(stages.size() - 1).to();
    }

    /** The device of a layer. */
    public Device device(int layer) {
        for (Stage stage : stages) {
            if (layer >= stage.from() && layer < stage.to()) {
                return stage.device();
            }
        }
        throw new IndexOutOfBoundsException("layer " + layer + " outside 0.." + (layers() - 1));
    }

    /**
     * Fills the devices in order, as {@code device_map="auto"} does: each takes as many further blocks as its
     * memory holds (the first one used also the embedding), and the device that takes the last block also holds the
     * final norm and the head (blocks move on to the next device to make room for it).
     *
     * @param config  the architecture
     * @param type    the compute type (weights' bytes per value)
     * @param devices the devices in order, with the bytes the weights may use on each
     * @throws IllegalArgumentException when the weights do not fit, naming what they need and what there is
     */
    public static LayerPlacement plan(LlamaConfig config, DataType type, List<DeviceMemory> devices) {
        long embedding = MemoryEstimate.embeddingBytes(config, type);
        long block = MemoryEstimate.blockBytes(config, type);
        long head = MemoryEstimate.headBytes(config, type);
        int layers = config.layers();
        List<Stage> stages = new ArrayList<>();
        int layer = 0;
        for (int i = 0; i < devices.size() && layer < layers; i++) {
            DeviceMemory memory = devices.get(i);
            // the embedding goes with the first stage, wherever that turns out to be
            long used = stages.isEmpty() ? embedding : 0;
            int start = layer;
            while (layer < layers && used + block <= memory.freeBytes()) {
                used += block;
                layer++;
            }
            if (layer == layers) {
                while (used + head > memory.freeBytes() && layer > start) {
                    layer--;
                    used -= block;
                }
                if (used + head > memory.freeBytes()) {
                    layer = start;
                }
            }
            if (layer > start) {
                stages.add(new Stage(memory.device(), start, layer));
            }
        }
        if (layer < layers || stages.isEmpty()) {
            long need = embedding + layers * block + head;
            long have = devices.stream().mapToLong(DeviceMemory::freeBytes).sum();
            throw new IllegalArgumentException("the weights (" + MemoryEstimate.gib(need) + " in " + type
                    + ") do not fit on " + devices.size() + " device(s) with " + MemoryEstimate.gib(have)
                    + " usable; add devices, use float16, or lower the memory reserve");
        }
        return new LayerPlacement(stages);
    }
}
