package org.easy2hard.method;

// Why this file is over 450 lines: it is one training loop (train, forwardBackward, clip, step, shuffle) and the
// builder of its settings. The loop's steps share the recipe's invariants (updates counted across epochs, clipping
// after every device batch, gradients zeroed only at an update), which read best in one place; the optimizer, the
// schedule and the plan already live in AdamW, LinearDecaySchedule, TrainingSchedule and OptimizationPlan. The
// builder stays nested, as every builder in the project does.

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.MemoryBudget;
import org.easy2hard.model.lora.LoraAdapters;

/**
 * Trains LoRA adapters with DJL on the PyTorch engine by the paper's recipe (paper-spec §5.6), with its values as
 * defaults: AdamW (decoupled weight decay 1e-5 on every adapter parameter, see {@link AdamW}), learning rate 1e-4
 * decaying linearly toward 10% over the run ({@link LinearDecaySchedule} with the run's number of updates), the
 * global gradient norm clipped to 1.0 as {@code torch.nn.utils.clip_grad_norm_}, gradient accumulation to an
 * effective batch of {@code min(n, 50)} items, and 3 epochs raised to at least 10 updates (150 with chain of
 * thought), see {@link OptimizationPlan}. No checkpoint selection: the final adapters are the result.
 *
 * <p><b>Schedule</b>: {@link TrainingSchedule#PAPER} (default) runs the authors' loop: device batches of
 * {@link Builder#optDeviceBatch} items, the accumulated gradient clipped after every device batch, one update per
 * {@code min(n, 50) / deviceBatch} device batches counted globally across epochs (leftovers are never applied: 9
 * updates for n = 160 with 1-item device batches). {@link TrainingSchedule#EXACT} applies every batch of
 * {@code min(n, 50)} items as one update (12 for n = 160). The schedule is recorded in {@link #settings()}.
 *
 * <p><b>Passes</b>: a device batch is split into micro-batches, greedily in batch order, as many examples as the
 * objective's memory estimate allows within the memory budget; for each micro-batch a DJL {@link GradientCollector}
 * records the forward pass of {@code (sum of the examples' losses) / divisor} (see
 * {@link TrainingSchedule#lossDivisor}) and its backward pass adds the gradient into the adapters' gradient arrays
 * (PyTorch accumulates). Then clipping; at an update the AdamW step, and the gradients are zeroed. Before any work,
 * every example is checked against the budget on its own; one that does not fit raises a
 * {@link MemoryBudgetExceededException} naming it.
 *
 * <p><b>Randomness</b>: the order of examples (a fresh shuffle per epoch) and the adapters' dropout masks come from
 * {@code SplittableRandom(seed)}; the base model has no randomness in training. On the CPU a run is therefore
 * bit-for-bit reproducible (also across processes) for a fixed seed, fresh adapters and memory budget. Another
 * budget groups the batch into other micro-batches, which changes the order of the gradient sums and so the last
 * bits (Adam's first steps, close to {@code lr * sign(g)}, can amplify those into visibly different runs).
 *
 * <p>Instances are immutable; one can train many adapters one after another (or from several threads, taking turns
 * for DJL's single gradient collector).
 */
public final class LoraTrainer {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The paper's learning rate. */
    public static final double PAPER_LEARNING_RATE = 1e-4;
    /** The paper's weight decay. */
    public static final double PAPER_WEIGHT_DECAY = 1e-5;
    /** The default device-memory budget of one micro-batch's forward and backward pass: 4 GiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 4L << 30;

    /**
     * The authors' device batch for Llama-2-70b on ARC and MMLU (4 rows of 4 options: 1 item), the paper's main
     * model: with it {@link TrainingSchedule#PAPER} accumulates 50 items per update.
     */
    public static final int PAPER_DEVICE_BATCH = 1;

    private static final double CLIP_EPSILON = 1e-6;

    private final double learningRate;
    private final double finalLearningRateFraction;
    private final double weightDecay;
    private final double maxGradientNorm;
    private final int maxBatch;
    private final int baseEpochs;
    private final int minUpdates;
    private final long memoryBudget;
    private final boolean budgetSet;
    private final TrainingSchedule schedule;
    private final int deviceBatch;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    private LoraTrainer(Builder builder) {
        this.learningRate = builder.learningRate;
        this.finalLearningRateFraction = builder.finalLearningRateFraction;
        this.weightDecay = builder.weightDecay;
        this.maxGradientNorm = builder.maxGradientNorm;
        this.maxBatch = builder.maxBatch;
        this.baseEpochs = builder.baseEpochs;
        this.minUpdates = builder.minUpdates;
        this.memoryBudget = builder.memoryBudget > 0 ? builder.memoryBudget : DEFAULT_MEMORY_BUDGET;
        this.budgetSet = builder.memoryBudget > 0;
        this.schedule = builder.schedule;
        this.deviceBatch = builder.deviceBatch;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    /** A builder holding the paper's values (minimum 10 updates: the multiple-choice objective). */
    public static Builder builder() {
        return new Builder();
    }

    /** The plan for {@code trainSize} examples. */
    public OptimizationPlan plan(int trainSize) {
        return OptimizationPlan.standardize(trainSize, maxBatch, baseEpochs, minUpdates);
    }

    /** The device-memory budget of one micro-batch, in bytes. */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** How the plan becomes passes, clipping and updates. */
    public TrainingSchedule schedule() {
        return schedule;
    }

    /** Items per device batch under {@link TrainingSchedule#PAPER}. */
    public int deviceBatch() {
        return deviceBatch;
    }

    /** The hyper-parameters for run manifests, keys prefixed {@code train.}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("train.optimizer", "adamw (decoupled, torch.optim.AdamW), betas " + beta1 + "/" + beta2
                + ", eps " + epsilon);
        settings.put("train.learning_rate", Double.toString(learningRate));
        settings.put("train.learning_rate_schedule", "linear toward " + finalLearningRateFraction
                + " of start over updates/(1-" + finalLearningRateFraction + ")");
        settings.put("train.weight_decay", Double.toString(weightDecay));
        settings.put("train.max_gradient_norm", Double.toString(maxGradientNorm));
        settings.put("train.effective_batch", "min(n, " + maxBatch + ")");
        settings.put("train.epochs", baseEpochs + ", raised to >= " + minUpdates + " updates");
        settings.put("train.schedule", schedule == TrainingSchedule.PAPER
                ? "paper (authors' loop: device batches of " + deviceBatch + " item(s), accumulation min(n, "
                        + maxBatch + ") / " + deviceBatch + ", accumulated gradient clipped after every device "
                        + "batch, global counter from 1, leftover device batches not applied)"
                : "exact (every batch applied, one update per min(n, " + maxBatch + ") items, clipped per update)");
        settings.put("train.checkpoint_selection", "none (final adapters)");
        return settings;
    }

    /**
     * Trains the adapters in place and leaves them in evaluation mode.
     *
     * @param adapters  fresh (or partly trained) adapters on the model's device
     * @param objective the loss over the training examples
     * @param seed      seed of the shuffles and dropout masks
     * @param progress  told of each update, with its loss
     * @return the loss curve and counts
     * @throws MemoryBudgetExceededException when one example alone exceeds the memory budget (nothing is trained)
     * @throws IllegalStateException         when the loss or the gradient becomes NaN or infinite
     */
    public TrainingRecord train(LoraAdapters adapters, TrainingObjective objective, long seed, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        OptimizationPlan plan = plan(objective.size());
        MemoryBudget budget = budgetFor(adapters.device());
        MicroBatches.checkEveryExampleFits(objective, budget.bytes());
        int chunk = schedule.chunk(plan, deviceBatch);
        int accumulation = schedule.accumulation(plan, deviceBatch);
        int chunksPerEpoch = schedule.chunksPerEpoch(plan, deviceBatch);
        int total = schedule.updates(plan, deviceBatch);
        LinearDecaySchedule rates = new LinearDecaySchedule(learningRate,
                schedule.plannedUpdates(plan, deviceBatch), finalLearningRateFraction);
        SplittableRandom random = new SplittableRandom(seed);
        long dropoutSeed = random.nextLong();
        Engine engine = Engine.getEngine(LinearProbe.ENGINE);
        TrainingRecord.Builder record = new TrainingRecord.Builder(plan, schedule, chunk, accumulation, total,
                plan.epochs() * chunksPerEpoch);
        long start = System.nanoTime();
        adapters.train(dropoutSeed);
        try (NDManager manager = engine.newBaseManager(adapters.device());
                AdamW optimizer = new AdamW(manager, beta1, beta2, epsilon, weightDecay)) {
            Map<String, NDArray> parameters = adapters.parameters();
            Map<String, NDArray> detached = new LinkedHashMap<>();
            parameters.forEach((name, array) -> {
                NDArray view = array.stopGradient();
                view.attach(manager);
                detached.put(name, view);
            });
            int[] order = new int[objective.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // The authors' counter: global across epochs, starting at 1; an update when it is a multiple of the
            // accumulation factor, so device batches after the last multiple are never applied.
            int counter = 1;
            int update = 0;
            double lossSum = 0;
            for (int epoch = 0; epoch < plan.epochs(); epoch++) {
                shuffle(order, random);
                for (int c = 0; c < chunksPerEpoch; c++, counter++) {
                    int from = c * chunk;
                    int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + chunk));
                    int divisor = schedule.lossDivisor(plan, deviceBatch, batch.length);
                    for (int[] micro : MicroBatches.split(objective, batch, budget.bytes())) {
                        try {
                            lossSum += forwardBackward(engine, adapters, objective, micro, divisor);
                        } catch (RuntimeException e) {
                            if (!MemoryBudget.isOutOfMemory(e)) {
                                throw e;
                            }
                            throw new MemoryBudgetExceededException("out of memory on " + adapters.device()
                                    + " in a fine-tuning micro-batch of " + micro.length + " examples (estimate "
                                    + MicroBatches.bytes(objective.memoryBytes(micro)) + "; budget "
                                    + MicroBatches.bytes(budget.bytes())
                                    + " from " + budget.source() + "): lower " + MemoryBudget.VARIABLE
                                    + " or LoraTrainer.Builder.optMemoryBudget; finished units are kept and a "
                                    + "rerun resumes", e);
                        }
                        long tokens = 0;
                        for (int example : micro) {
                            tokens += objective.tokens(example);
                        }
                        record.pass(tokens);
                    }
                    if (!Double.isFinite(lossSum)) {
                        throw new IllegalStateException("the fine-tuning loss became " + lossSum + " at update "
                                + (update + 1) + " of " + total);
                    }
                    double norm = clip(manager, parameters, update, total);
                    record.clip(counter, norm);
                    if (counter % accumulation == 0) {
                        double rate = rates.valueAt(update);
                        step(manager, optimizer, parameters, detached, rate);
                        record.update(counter, lossSum, rate, norm);
                        progress.update(String.format(Locale.ROOT, "fine-tuning LoRA (loss %.4f)", lossSum),
                                update + 1, total);
                        update++;
                        lossSum = 0;
                    }
                }
            }
        } finally {
            adapters.eval();
        }
        return record.build((System.nanoTime() - start) / 1e9);
    }

    /**
     * Splits a batch into micro-batches in order: each takes examples while the objective's estimate for all of
     * them together stays within the budget.
     */
    List<int[]> microBatches(TrainingObjective objective, int[] batch) {
        return MicroBatches.split(objective, batch, memoryBudget);
    }

    /**
     * The budget for adapters on {@code device}: the one set on the builder; else {@link MemoryBudget}'s setting
     * or a GPU's free memory; else {@link #DEFAULT_MEMORY_BUDGET}.
     */
    MemoryBudget budgetFor(ai.djl.Device device) {
        if (budgetSet) {
            return new MemoryBudget(memoryBudget, "LoraTrainer.Builder.optMemoryBudget");
        }
        MemoryBudget resolved = MemoryBudget.resolve(device, 0, System.getenv());
        return resolved.fromDefault() ? new MemoryBudget(DEFAULT_MEMORY_BUDGET, "the fine-tuning default; set "
                + MemoryBudget.VARIABLE + " to change it") : resolved;
    }

    /** One micro-batch: the scaled loss recorded and back-propagated; returns its contribution to the batch mean. */
    private static double forwardBackward(Engine engine, LoraAdapters adapters, TrainingObjective objective,
            int[] micro, int batchSize) {
        ProbeObjective.COLLECTOR_TURN.lock();
        try (NDManager scratch = engine.newBaseManager(adapters.device());
                GradientCollector collector = engine.newGradientCollector()) {
            // A scalar owned by PyTorch, not div(Number): see LoraAdapters.scalar.
            NDArray loss = objective.loss(scratch, micro).mul(LoraAdapters.scalar(scratch, 1.0 / batchSize));
            collector.backward(loss);
            return loss.getFloat();
        } finally {
            ProbeObjective.COLLECTOR_TURN.unlock();
        }
    }

    /**
     * Clips the accumulated gradient in place to the maximum global norm, as {@code torch.nn.utils.clip_grad_norm_};
     * returns the norm before clipping.
     */
    private double clip(NDManager manager, Map<String, NDArray> parameters, int update, int total) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray squared = null;
            for (NDArray parameter : parameters.values()) {
                NDArray gradient = parameter.getGradient();
                gradient.attach(scratch);
                NDArray sum = gradient.square().sum();
                sum.attach(scratch);
                squared = squared == null ? sum : squared.add(sum);
                squared.attach(scratch);
            }
            double norm = Math.sqrt(squared.getFloat());
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("the fine-tuning gradient became " + norm + " at update "
                        + (update + 1) + " of " + total);
            }
            double scale = Math.min(1.0, maxGradientNorm / (norm + CLIP_EPSILON));
            if (scale < 1.0) {
                for (NDArray parameter : parameters.values()) {
                    NDArray gradient = parameter.getGradient();
                    gradient.attach(scratch);
                    gradient.muli((float) scale);
                }
            }
            return norm;
        }
    }

    /** The AdamW update with the (clipped) accumulated gradients, then the gradients are zeroed. */
    private static void step(NDManager manager, AdamW optimizer, Map<String, NDArray> parameters,
            Map<String, NDArray> detached, double rate) {
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            parameters.forEach((name, parameter) -> {
                NDArray gradient = parameter.getGradient();
                gradient.attach(scratch);
                gradients.put(name, gradient);
            });
            optimizer.update(rate, detached, gradients);
            gradients.values().forEach(gradient -> gradient.subi(gradient));
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** Builds a {@link LoraTrainer}; every value starts at the paper's. */
    public static final class Builder {

        private double learningRate = PAPER_LEARNING_RATE;
        private double finalLearningRateFraction = LinearProbe.PAPER_FINAL_LEARNING_RATE_FRACTION;
        private double weightDecay = PAPER_WEIGHT_DECAY;
        private double maxGradientNorm = LinearProbe.PAPER_MAX_GRADIENT_NORM;
        private int maxBatch = OptimizationPlan.PAPER_MAX_BATCH;
        private int baseEpochs = OptimizationPlan.PAPER_EPOCHS;
        private int minUpdates = OptimizationPlan.PAPER_MIN_UPDATES;
        private long memoryBudget;
        private TrainingSchedule schedule = TrainingSchedule.PAPER;
        private int deviceBatch = PAPER_DEVICE_BATCH;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;

        private Builder() {
        }

        /** The learning rate of the first update (paper: 1e-4). */
        public Builder optLearningRate(double value) {
            this.learningRate = positive(value, "learning rate");
            return this;
        }

        /** The fraction of the start the learning rate decays toward (paper: 0.1); in [0, 1). */
        public Builder optFinalLearningRateFraction(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("final learning-rate fraction must be in [0, 1): " + value);
            }
            this.finalLearningRateFraction = value;
            return this;
        }

        /** Decoupled weight decay (paper: 1e-5); non-negative. */
        public Builder optWeightDecay(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("weight decay must be finite and non-negative: " + value);
            }
            this.weightDecay = value;
            return this;
        }

        /** Global gradient-norm clipping threshold (paper: 1.0). */
        public Builder optMaxGradientNorm(double value) {
            this.maxGradientNorm = positive(value, "max gradient norm");
            return this;
        }

        /** The largest effective batch (paper: 50). */
        public Builder optMaxBatch(int value) {
            this.maxBatch = atLeastOne(value, "effective batch");
            return this;
        }

        /** Epochs before raising to the minimum number of updates (paper: 3). */
        public Builder optEpochs(int value) {
            this.baseEpochs = atLeastOne(value, "epochs");
            return this;
        }

        /** The fewest optimizer updates (paper: 10, or 150 with chain of thought). */
        public Builder optMinUpdates(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("minimum updates must be non-negative: " + value);
            }
            this.minUpdates = value;
            return this;
        }

        /**
         * How the plan becomes passes, clipping and updates: {@link TrainingSchedule#PAPER} (default, the authors'
         * loop) or {@link TrainingSchedule#EXACT} (every batch applied).
         */
        public Builder optSchedule(TrainingSchedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /**
         * Items per device batch under {@link TrainingSchedule#PAPER}: the authors' {@code train_batch_size} rows
         * divided by the options per item (default 1, Llama-2-70b's; 9 for 7b and 3 for 13b on ARC and MMLU).
         */
        public Builder optDeviceBatch(int items) {
            this.deviceBatch = atLeastOne(items, "device batch");
            return this;
        }

        /** The device-memory budget of one micro-batch's forward and backward pass, in bytes. */
        public Builder optMemoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memory budget must be positive: " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** Adam's moment decay rates (PyTorch: 0.9 and 0.999). */
        public Builder optBetas(double first, double second) {
            if (!(first >= 0 && first < 1 && second >= 0 && second < 1)) {
                throw new IllegalArgumentException("Adam betas must be in [0, 1): " + first + ", " + second);
            }
            this.beta1 = first;
            this.beta2 = second;
            return this;
        }

        /** The trainer. */
        public LoraTrainer build() {
            return new LoraTrainer(this);
        }

        private static double positive(double value, String what) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(what + " must be positive and finite: " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
