package org.easy2hard.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.MemoryEstimate;

/**
 * {@link LlamaModel}'s memory planning: batches sized to the {@link MemoryBudget} by {@link MemoryEstimate}, the
 * estimate announced before work starts, and a device running out of memory turned into an error that names the
 * batch and the setting to lower.
 */
final class BatchPlan {

    private final LlamaConfig config;
    private final DataType dataType;
    private final int batchSize;
    private final MemoryBudget budget;
    private final Consumer<String> log;
    private final String name;
    private final Device device;
    private final Set<String> announced = new HashSet<>();

    BatchPlan(LlamaConfig config, DataType dataType, int batchSize, MemoryBudget budget, Consumer<String> log,
            String name, Device device) {
        this.config = config;
        this.dataType = dataType;
        this.batchSize = batchSize;
        this.budget = budget;
        this.log = log;
        this.name = name;
        this.device = device;
    }

    /**
     * Groups indices into {@code lengths} into batches: longest first (so padding is small), at most
     * {@code batchSize} each, and no more rows than the memory budget holds ({@link MemoryEstimate#rowsWithin}).
     *
     * @param scoredPerRow positions per row that go through the output head
     * @param cached       whether the batch fills a key/value cache
     */
    List<int[]> batches(int[] lengths, int scoredPerRow, boolean cached) {
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = lengths[order[start]];
            int size = Math.min(batchSize, MemoryEstimate.rowsWithin(config, dataType, longest,
                    scoredPerRow, cached, budget.bytes()));
            int end = Math.min(order.length, start + size);
            batches.add(Arrays.stream(order, start, end).mapToInt(Integer::intValue).toArray());
            start = end;
        }
        return batches;
    }

    /**
     * Prints, before the work starts, the memory the largest batch is expected to take: once per plan (kind of work,
     * rows, longest sequence), not on every call, so that a run of many small calls is not drowned in these lines.
     */
    void announce(String work, int[] lengths, int scoredPerRow, boolean cached) {
        if (lengths.length == 0) {
            return;
        }
        int longest = Arrays.stream(lengths).max().orElse(1);
        int rows = Math.min(Math.min(batchSize, lengths.length), MemoryEstimate.rowsWithin(config,
                dataType, longest, scoredPerRow, cached, budget.bytes()));
        MemoryEstimate estimate = MemoryEstimate.of(config, dataType, rows, longest, rows * scoredPerRow,
                cached);
        if (!announced.add(work.split(" ")[0] + " " + rows + "x" + longest + "/" + scoredPerRow + "/" + cached)) {
            return;
        }
        log.accept("easy2hard: " + work + " with " + name + ": largest batch " + rows + " x " + longest
                + " tokens: " + estimate.describe() + "; batch budget " + MemoryEstimate.gib(budget.bytes()) + " ("
                + budget.source() + ")");
    }

    /**
     * {@code failure} itself, or, when it is the device running out of memory, an error that names the batch, the
     * estimate and the setting to lower (the work finished before it is kept by the callers' caches and runs).
     */
    RuntimeException outOfMemoryOr(RuntimeException failure, int rows, int tokens, int scoredPerRow,
            boolean cached) {
        if (!MemoryBudget.isOutOfMemory(failure)) {
            return failure;
        }
        MemoryEstimate estimate = MemoryEstimate.of(config, dataType, rows, tokens, rows * scoredPerRow,
                cached);
        return new LanguageModelException("out of memory on " + device + " in a batch of " + rows
                + " sequences x " + tokens + " tokens (estimate: " + estimate.describe() + "; batch budget "
                + MemoryEstimate.gib(budget.bytes()) + " from " + budget.source() + "): lower " + MemoryBudget.VARIABLE
                + " (or -D" + MemoryBudget.PROPERTY + ", LlamaModel.Builder.optMemoryBudget), or use float16; work "
                + "finished before this batch is kept, and a rerun resumes from it", failure);
    }

}
