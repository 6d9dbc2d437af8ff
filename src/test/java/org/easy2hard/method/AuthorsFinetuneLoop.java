package org.easy2hard.method;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent re-implementation, for tests, of the authors' fine-tuning schedule as paper-spec §5.6 and §9 item 9
 * describe it ({@code standardize_optimization_config} and the loop of {@code Probe.finetune}): a plain loop over
 * epochs and device batches with one counter that starts at 1 and is never reset, clipping after every backward
 * pass and an optimizer step whenever the counter is a multiple of the accumulation factor. It records where the
 * clips and the steps fall and the learning rate of every step, nothing about gradients.
 */
final class AuthorsFinetuneLoop {

    final int epochs;
    final int accumulation;
    final int itemsPerBatch;
    final int plannedSteps;
    final List<Integer> clips = new ArrayList<>();
    final List<Integer> steps = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();

    /**
     * @param n             training items
     * @param deviceBatch   items per dataloader batch
     * @param minimumSteps  {@code minimum_gradient_updates}
     * @param lr            the starting learning rate
     */
    AuthorsFinetuneLoop(int n, int deviceBatch, int minimumSteps, double lr) {
        int effective = Math.min(n, 50);
        if (n < deviceBatch) {
            // "capping batch size by train data size and setting grad accumulation factor to 1"
            itemsPerBatch = n;
            accumulation = 1;
        } else {
            itemsPerBatch = deviceBatch;
            accumulation = effective / deviceBatch;
        }
        int updatesPerEpoch = (int) Math.ceil(n / (double) effective);
        int e = 3;
        if (updatesPerEpoch * e < minimumSteps) {
            e = (int) Math.ceil(minimumSteps / (double) updatesPerEpoch);
        }
        epochs = e;
        int batchesPerEpoch = (int) Math.ceil(n / (double) itemsPerBatch);
        plannedSteps = epochs * (int) Math.ceil(batchesPerEpoch / (double) accumulation);
        // get_scheduler("linear", num_training_steps = planned / (1 - 0.1)): lr * (T - t) / T at scheduler step t.
        double horizon = plannedSteps / 0.9;
        int counter = 1;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int batch = 0; batch < batchesPerEpoch; batch++) {
                clips.add(counter);
                if (counter % accumulation == 0) {
                    rates.add(lr * Math.max(0, (horizon - steps.size()) / horizon));
                    steps.add(counter);
                }
                counter++;
            }
        }
    }

    int[] clipPoints() {
        return clips.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] stepPoints() {
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    double[] learningRates() {
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
