package org.easy2hard.model.llama;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.LlamaWeights;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.SafeTensors;

/**
 * Run in a JVM of its own by {@link MemoryEstimateTest}: loads a model, then measures how far one forward pass
 * raises the process's peak resident memory (Linux {@code VmHWM} minus {@code VmRSS} before the pass), and prints
 * {@code bytes=<n>}. A fresh process, so that memory freed but kept by the allocator after earlier work does not
 * hide the pass's allocations.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /** Arguments: model directory, compute type (float32/float16), rows, tokens. */
    public static void main(String[] args) throws IOException {
        Path modelDir = Path.of(args[0]);
        DataType type = ComputeTypes.parse(args[1]);
        int rows = Integer.parseInt(args[2]);
        int tokens = Integer.parseInt(args[3]);
        LlamaConfig config = LlamaConfig.read(modelDir.resolve("config.json"));
        List<long[]> batch = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            long[] row = new long[tokens];
            for (int t = 0; t < tokens; t++) {
                row[t] = 3 + (t * 7L + r) % (config.vocabSize() - 3);
            }
            batch.add(row);
        }
        PaddedBatch padded = PaddedBatch.leftPadded(batch, 0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LlamaNetwork network = LlamaWeights.load(config, SafeTensors.openDirectory(modelDir), manager, tokens,
                     type, null)) {
            try (NDManager warm = manager.newSubManager()) {
                // a small pass first, so that one-time allocations (kernels, thread pools) are not counted
                network.forward(warm, PaddedBatch.leftPadded(List.of(java.util.Arrays.copyOf(batch.get(0), 4)), 0),
                        null);
            }
            System.gc();
            long before = status("VmRSS");
            long peakBefore = status("VmHWM");
            try (NDManager scope = manager.newSubManager()) {
                network.forward(scope, padded, null).last().getShape();
            }
            long peak = status("VmHWM");
            // when the load's peak was higher than anything the pass reached, the pass is not measurable
            System.out.println("bytes=" + (peak > peakBefore ? peak - before : -1));
        }
    }

    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no " + field + " in /proc/self/status");
    }
}
