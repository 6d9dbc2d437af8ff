package org.easy2hard.model.llama;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.easy2hard.model.NativeRuntime;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.KvCache;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.LlamaWeights;
import org.easy2hard.model.llama.internal.MemoryEstimate;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.Projection;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraConfig;
import org.easy2hard.model.lora.LoraTarget;

/**
 * The device check behind {@code bench/gpu-check.sh}: random weights of a real shape made directly on the device
 * (Llama-2-7B's by default; no download), scoring and greedy-generation tokens/s, one LoRA update's time, the device
 * memory in use at the end of each phase, and a tiny model's log-probabilities on the device against the CPU
 * (float32 within 1e-4; float16 within the bound {@code HalfPrecisionTest} derives). Exits 1 on a mismatch.
 *
 * <p>Arguments: {@code --shape 7b|13b|small}, {@code --dtype float16|float32}, {@code --device gpu|cpu} (default:
 * the engine's default device), {@code --rows N}, {@code --tokens N}, {@code --new-tokens N}.
 */
public final class GpuCheck {

    private static final double U = Math.scalb(1.0, -11);

    private GpuCheck() {
    }

    /** Runs the check; exits 1 when the device's log-probabilities disagree with the CPU's. */
    public static void main(String[] args) throws IOException {
        String shape = "7b";
        DataType type = DataType.FLOAT16;
        Device device = Engine.getEngine("PyTorch").defaultDevice();
        int rows = 8;
        int tokens = 512;
        int newTokens = 32;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--shape" -> shape = value;
                case "--dtype" -> type = ComputeTypes.parse(value);
                case "--device" -> device = value.equals("cpu") ? Device.cpu() : Device.gpu();
                case "--rows" -> rows = Integer.parseInt(value);
                case "--tokens" -> tokens = Integer.parseInt(value);
                case "--new-tokens" -> newTokens = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        NativeRuntime runtime = NativeRuntime.detect();
        System.out.println("runtime: " + runtime.facts());
        runtime.problem().ifPresent(problem -> System.out.println("runtime problem: " + problem.message()));
        Path work = Files.createTempDirectory("gpu-check");
        LlamaConfig config = config(work, shape);
        Memory memory = new Memory(device);
        boolean ok = true;
        try (NDManager root = NDManager.newBaseManager(device, "PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(1);
            long start = System.nanoTime();
            try (LlamaNetwork network = LlamaWeights.random(config, root, tokens + newTokens + 1, type, null)) {
                System.out.printf(Locale.ROOT, "model: %s shape (%d layers, d %d), %s on %s: weights %s (estimate), "
                        + "made in %.1f s%n", shape, config.layers(), config.hiddenSize(), type, device,
                        MemoryEstimate.gib(MemoryEstimate.weightBytes(config, type)), seconds(start));
                memory.sample("weights");
                score(network, root, rows, tokens, config, type);
                memory.sample("scoring");
                generate(network, root, Math.max(1, rows / 2), Math.min(128, tokens), newTokens, config);
                memory.sample("generation");
                loraUpdate(network, root, Math.max(1, rows / 2), Math.min(256, tokens), config);
                memory.sample("lora");
            }
        }
        System.out.println("peak device memory in use: " + memory.describe());
        ok &= compareWithCpu(work, device, DataType.FLOAT32, 1e-4);
        ok &= compareWithCpu(work, device, DataType.FLOAT16, -1);
        System.out.println(ok ? "gpu-check: OK" : "gpu-check: MISMATCH");
        System.exit(ok ? 0 : 1);
    }

    private static void score(LlamaNetwork network, NDManager root, int rows, int tokens, LlamaConfig config,
            DataType type) {
        PaddedBatch batch = PaddedBatch.leftPadded(randomRows(rows, tokens, config.vocabSize(), 2), 0);
        int[] continuation = new int[rows];
        Arrays.fill(continuation, Math.min(32, tokens - 1));
        try (NDManager warm = root.newSubManager()) {
            network.continuationLogProbs(warm, PaddedBatch.leftPadded(randomRows(1, 16, config.vocabSize(), 3), 0),
                    new int[] {4}).toFloatArray();
        }
        MemoryEstimate estimate = MemoryEstimate.of(config, type, rows, tokens, rows * continuation[0], false);
        long start = System.nanoTime();
        try (NDManager scope = root.newSubManager()) {
            network.continuationLogProbs(scope, batch, continuation).toFloatArray();
        }
        double seconds = seconds(start);
        System.out.printf(Locale.ROOT, "scoring: %d x %d tokens in %.2f s = %.0f tokens/s (batch estimate %s)%n",
                rows, tokens, seconds, rows * tokens / seconds, MemoryEstimate.gib(estimate.batch()));
    }

    private static void generate(LlamaNetwork network, NDManager root, int rows, int prompt, int newTokens,
            LlamaConfig config) {
        PaddedBatch input = PaddedBatch.leftPadded(randomRows(rows, prompt, config.vocabSize(), 4), 0);
        long start = System.nanoTime();
        try (NDManager scope = root.newSubManager(); KvCache cache = new KvCache(config.layers())) {
            for (int step = 0; step < newTokens; step++) {
                long[] next;
                try (NDScope stepScope = new NDScope()) {
                    stepScope.suppressNotUsedWarning();
                    LlamaNetwork.Output output = network.forward(scope, input, cache);
                    NDList kept = cache.arrays();
                    NDScope.unregister(kept);
                    NDArray last = output.last().get(new NDIndex(":, -1, :"));
                    next = network.logits(last).argMax(-1).toLongArray();
                }
                long[][] feed = new long[rows][1];
                int[] ones = new int[rows];
                for (int r = 0; r < rows; r++) {
                    feed[r][0] = next[r];
                    ones[r] = 1;
                }
                input = new PaddedBatch(feed, ones);
            }
        }
        double seconds = seconds(start);
        System.out.printf(Locale.ROOT, "greedy generation: %d rows x %d new tokens after %d-token prompts in %.2f s = "
                + "%.1f tokens/s%n", rows, newTokens, prompt, seconds, rows * newTokens / seconds);
    }

    private static void loraUpdate(LlamaNetwork network, NDManager root, int rows, int tokens, LlamaConfig config) {
        LoraConfig lora = new LoraConfig(8, 16, 0, List.of("q_proj", "v_proj"));
        List<LoraTarget> targets = new ArrayList<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            for (Projection projection : List.of(Projection.Q, Projection.V)) {
                long[] inOut = LlamaWeights.inOut(config, projection);
                targets.add(new LoraTarget(layer, projection == Projection.Q ? "q_proj" : "v_proj",
                        (int) inOut[0], (int) inOut[1]));
            }
        }
        PaddedBatch batch = PaddedBatch.leftPadded(randomRows(rows, tokens, config.vocabSize(), 5), 0);
        int[] continuation = new int[rows];
        Arrays.fill(continuation, 16);
        try (LoraAdapters adapters = LoraAdapters.initialize(lora, targets, 1, root.getDevice())) {
            adapters.trainWithoutDropout();
            network.setLinearHook((layer, projection, x) -> adapters.delta(layer,
                    projection == Projection.Q ? "q_proj" : projection == Projection.V ? "v_proj" : "none", x));
            long start = System.nanoTime();
            double loss;
            try (NDManager scope = root.newSubManager()) {
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray value = network.continuationLogProbs(scope, batch, continuation).sum().neg();
                    collector.backward(value);
                    loss = value.getFloat();
                }
                for (NDArray parameter : adapters.parameters().values()) {
                    // plain SGD: what matters here is that every gradient exists and the update runs on the device
                    parameter.subi(parameter.getGradient().mul(1e-4f));
                    parameter.getGradient().subi(parameter.getGradient());
                }
                adapters.parameters().values().iterator().next().toFloatArray();
            }
            double seconds = seconds(start);
            System.out.printf(Locale.ROOT, "lora update (r8, q_proj+v_proj, %d x %d tokens, forward + backward + "
                    + "SGD step): %.2f s, loss %.3f, %d trainable values%n", rows, tokens, seconds, loss,
                    adapters.parameterCount());
        } finally {
            network.setLinearHook(LinearHook.NONE);
        }
    }

    /**
     * A tiny model's log-probabilities on {@code device} in {@code type} against float32 on the CPU.
     *
     * @param tolerance the largest allowed |Δ log p|, or a negative value for float16's derived bound
     */
    private static boolean compareWithCpu(Path work, Device device, DataType type, double tolerance) {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 7);
        Path modelDir = tiny.write(work.resolve("tiny"));
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        List<long[]> rows = List.of(new long[] {1, 5, 9, 3, 17, 4, 4, 30, 2, 8, 12}, new long[] {1, 7, 8});
        float[] reference;
        float[] actual;
        double maxLogit;
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             LlamaNetwork network = LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), cpu, 32);
             NDManager scope = cpu.newSubManager()) {
            NDArray logits = network.logits(network.forward(scope, PaddedBatch.leftPadded(rows, 0), null).last());
            maxLogit = logits.abs().max().getFloat();
            reference = logits.logSoftmax(-1).toFloatArray();
        }
        try (NDManager on = NDManager.newBaseManager(device, "PyTorch");
             LlamaNetwork network = LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), on, 32, type,
                     null);
             NDManager scope = on.newSubManager()) {
            actual = network.logits(network.forward(scope, PaddedBatch.leftPadded(rows, 0), null).last())
                    .logSoftmax(-1).toDevice(Device.cpu(), false).toFloatArray();
        }
        double bound = tolerance >= 0 ? tolerance : 2 * (8 * config.layers() + 2) * U * maxLogit;
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(reference[i] - actual[i]));
        }
        boolean ok = worst <= bound;
        System.out.printf(Locale.ROOT, "tiny model, %s on %s vs float32 on the CPU: max |Δ log p| %.2e (bound %.2e) "
                + "%s%n", type, device, worst, bound, ok ? "ok" : "MISMATCH");
        return ok;
    }

    private static List<long[]> randomRows(int rows, int tokens, int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> list = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            long[] row = new long[tokens];
            for (int t = 0; t < tokens; t++) {
                row[t] = random.nextInt(3, vocab);
            }
            list.add(row);
        }
        return list;
    }

    private static LlamaConfig config(Path dir, String shape) throws IOException {
        int[] s = switch (shape) {
            // layers, hidden, intermediate, heads, kv heads, vocab
            case "7b" -> new int[] {32, 4096, 11008, 32, 32, 32000};
            case "13b" -> new int[] {40, 5120, 13824, 40, 40, 32000};
            case "small" -> new int[] {4, 256, 688, 8, 8, 2000};
            default -> throw new IllegalArgumentException("shape 7b, 13b or small, not " + shape);
        };
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("model_type", "llama");
        config.put("num_hidden_layers", s[0]);
        config.put("hidden_size", s[1]);
        config.put("intermediate_size", s[2]);
        config.put("num_attention_heads", s[3]);
        config.put("num_key_value_heads", s[4]);
        config.put("vocab_size", s[5]);
        config.put("max_position_embeddings", 4096);
        config.put("rms_norm_eps", 1e-5);
        Path file = dir.resolve("config.json");
        Files.writeString(file, config.toString());
        return LlamaConfig.read(file);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The device memory in use at the end of each phase: CUDA's used memory on a GPU, peak RSS on the CPU. */
    private static final class Memory {
        private final Device device;
        private final StringBuilder phases = new StringBuilder();
        private long peak;

        Memory(Device device) {
            this.device = device;
        }

        void sample(String phase) {
            long used;
            if (device.isGpu()) {
                try {
                    MemoryUsage usage = CudaUtils.getGpuMemory(device);
                    used = usage.getCommitted();
                } catch (RuntimeException | LinkageError e) {
                    // DJL reads it through the CUDA runtime library, which a driver-only machine may lack
                    phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(" unknown (")
                            .append(e.getMessage()).append(')');
                    return;
                }
            } else {
                used = residentPeak();
            }
            peak = Math.max(peak, used);
            phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(' ')
                    .append(MemoryEstimate.gib(used));
        }

        String describe() {
            return MemoryEstimate.gib(peak) + " (" + phases + (device.isGpu() ? "; CUDA's used memory, with "
                    + "PyTorch's cache)" : "; the process's peak RSS)");
        }

        private static long residentPeak() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }
    }
}
