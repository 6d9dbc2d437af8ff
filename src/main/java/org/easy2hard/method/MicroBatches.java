package org.easy2hard.method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@link LoraTrainer} fits its forward-backward passes into the device-memory budget: a batch is split greedily,
 * in order, into micro-batches whose estimated memory stays within the budget, and every example is checked alone
 * before any work.
 */
final class MicroBatches {

    private MicroBatches() {
    }

    /**
     * Splits a batch into micro-batches in order: each takes examples while the objective's estimate for all of
     * them together stays within the budget.
     */
    static List<int[]> split(TrainingObjective objective, int[] batch, long memoryBudget) {
        List<int[]> micro = new ArrayList<>();
        int start = 0;
        while (start < batch.length) {
            int end = start + 1;
            while (end < batch.length
                    && objective.memoryBytes(Arrays.copyOfRange(batch, start, end + 1)) <= memoryBudget) {
                end++;
            }
            micro.add(Arrays.copyOfRange(batch, start, end));
            start = end;
        }
        return micro;
    }

    /** Throws {@link MemoryBudgetExceededException}, naming the example, when one alone exceeds the budget. */
    static void checkEveryExampleFits(TrainingObjective objective, long memoryBudget) {
        for (int i = 0; i < objective.size(); i++) {
            long bytes = objective.memoryBytes(new int[] {i});
            if (bytes > memoryBudget) {
                throw new MemoryBudgetExceededException("training example " + objective.describe(i)
                        + " alone needs about " + bytes(bytes) + " of device memory for its forward and backward "
                        + "pass, more than the fine-tuning budget of " + bytes(memoryBudget) + "; raise the budget "
                        + "(LoraTrainer.Builder.optMemoryBudget), use a device with more memory, or leave out such "
                        + "long examples");
            }
        }
    }

    /** A byte count for people: 3.2 GiB, 512.0 MiB, 12.0 KiB. */
    static String bytes(long count) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
