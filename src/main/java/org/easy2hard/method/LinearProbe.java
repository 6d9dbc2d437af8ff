package org.easy2hard.method;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.Progress;

/**
 * The paper's linear probe (paper-spec §5.5), trained with DJL on the PyTorch engine.
 *
 * <p>What a fit does, with the paper's values as defaults:
 * <ol>
 *   <li><b>Normalisation</b>: {@link ZScore#fit} on the training items' option vectors pooled across options
 *       (sample standard deviation, as {@code torch.std}); test vectors are z-scored with these statistics.</li>
 *   <li><b>Model</b>: score = w . x per option, <b>no bias</b>; p = softmax over the item's own options (items with
 *       fewer options are padded and masked).</li>
 *   <li><b>Loss</b>: mean NLL of the gold option + penalty × ||w||_2, the plain (not squared) norm, penalty 1.0.</li>
 *   <li><b>Optimiser</b>: plain SGD, full batch, 100 epochs (one update each), learning rate
 *       {@code lr_t = 0.05 * (1 - 0.9 * t / 100)} for update t = 0..99 (see {@link LinearDecaySchedule}), the
 *       gradient's global L2 norm clipped to 1.0 as {@code torch.nn.utils.clip_grad_norm_} does:
 *       {@code g <- g * min(1, 1.0 / (||g|| + 1e-6))}.</li>
 *   <li><b>Initialisation</b>: PyTorch's default for {@code nn.Linear(d, 1, bias=False)}, which is
 *       {@code kaiming_uniform_(a = sqrt(5))}, i.e. U(-1/sqrt(d), 1/sqrt(d)); drawn in Java from the seed (see
 *       {@link #initialWeights}).</li>
 *   <li><b>Refits</b>: one fit per call; only when the final weights are NaN or infinite is the fit repeated with
 *       the seed's next stream and, as {@code probes.py} does on each retry, the penalty multiplied by 4 and the
 *       clipping threshold divided by 4 ({@link #refitPenalty}, {@link #refitMaxGradientNorm}), at most
 *       {@link #MAX_FITS} fits in all (counted in the diagnostics).</li>
 * </ol>
 *
 * <p><b>How DJL trains it.</b> {@link ProbeObjective} holds the features as one float32 tensor on the device and w
 * in a DJL {@link ai.djl.nn.core.Linear} block (one unit, no bias) whose initializer supplies the Java-drawn values.
 * Each epoch: the forward pass and the loss run inside a {@link ai.djl.training.GradientCollector}, whose
 * {@code backward} leaves dL/dw on the weight array (DJL autograd, i.e. libtorch's); the gradient is scaled on the
 * device for norm clipping; then {@link Sgd#update} applies {@code w -= lr_t * g} with lr_t from the
 * {@link LinearDecaySchedule} tracker, and zeroes the gradient. DJL's own {@code optClipGrad} is not used because it
 * clips each gradient element to [-c, c], not the gradient's norm. DJL's {@code Trainer} is not used either: its
 * {@code Loss} sees predictions and labels only, while this loss also needs w for the norm penalty; {@code
 * Trainer.step()} would make the same {@code Optimizer.update} call.
 *
 * <p><b>Device.</b> By default {@code Engine.getEngine("PyTorch").defaultDevice()}: the first GPU when the loaded
 * libtorch sees one, the CPU otherwise. On the CPU, a fit is bit-for-bit reproducible for a fixed seed (the
 * initialisation comes from Java, and the full-batch computation has no randomness).
 *
 * <p>Instances are immutable and hold no native memory (each fit opens and closes its own {@code NDManager});
 * one instance can fit many probes, from several threads.
 */
public final class LinearProbe {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The paper's coefficient of ||w||_2. */
    public static final double PAPER_PENALTY = 1.0;
    /** The paper's starting learning rate. */
    public static final double PAPER_LEARNING_RATE = 0.05;
    /** The paper's number of epochs (= full-batch updates). */
    public static final int PAPER_EPOCHS = 100;
    /** The paper's learning-rate floor: the rate decays linearly toward this fraction of its start. */
    public static final double PAPER_FINAL_LEARNING_RATE_FRACTION = 0.1;
    /** The paper's gradient-norm clipping threshold. */
    public static final double PAPER_MAX_GRADIENT_NORM = 1.0;
    /** The most fits one call makes when weights keep becoming NaN (the paper's code gives up after 7). */
    public static final int MAX_FITS = 7;
    /** The factor by which each NaN refit multiplies the penalty and divides the clipping threshold. */
    public static final double REFIT_FACTOR = 4.0;
    /** The DJL engine the probe trains on. */
    public static final String ENGINE = "PyTorch";

    /** Added to the gradient norm before dividing, as in {@code torch.nn.utils.clip_grad_norm_}. */
    private static final double CLIP_EPSILON = 1e-6;

    private final double penalty;
    private final double learningRate;
    private final int epochs;
    private final double finalLearningRateFraction;
    private final double maxGradientNorm;
    private final Device device;

    private LinearProbe(Builder builder) {
        this.penalty = builder.penalty;
        this.learningRate = builder.learningRate;
        this.epochs = builder.epochs;
        this.finalLearningRateFraction = builder.finalLearningRateFraction;
        this.maxGradientNorm = builder.maxGradientNorm;
        this.device = builder.device;
    }

    /** A builder holding the paper's values. */
    public static Builder builder() {
        return new Builder();
    }

    /** The coefficient of ||w||_2 in the loss. */
    public double penalty() {
        return penalty;
    }

    /** The learning rate of the first update. */
    public double learningRate() {
        return learningRate;
    }

    /** The number of epochs, each one full-batch update. */
    public int epochs() {
        return epochs;
    }

    /** The fraction of the starting learning rate that the linear decay heads toward. */
    public double finalLearningRateFraction() {
        return finalLearningRateFraction;
    }

    /** The threshold of gradient-norm clipping. */
    public double maxGradientNorm() {
        return maxGradientNorm;
    }

    /** The learning rate of update t (0-based): {@code lr * (1 - (1 - f) * t / epochs)}. */
    public double learningRateAt(int update) {
        return schedule().valueAt(update);
    }

    /** The device fits run on: the one set on the builder, else the PyTorch engine's default device. */
    public Device device() {
        return device != null ? device : Engine.getEngine(ENGINE).defaultDevice();
    }

    /** Engine, engine version and device of the fits, for run provenance. */
    public Map<String, String> runtime() {
        Engine engine = Engine.getEngine(ENGINE);
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("engine", engine.getEngineName() + " " + engine.getVersion());
        runtime.put("device", device().toString());
        runtime.put("gpus_visible", Integer.toString(engine.getGpuCount()));
        return runtime;
    }

    /** The hyper-parameters, for run manifests ({@code device} is {@code auto} unless one was set). */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("probe.penalty", Double.toString(penalty));
        settings.put("probe.penalty_norm", "l2 (not squared)");
        settings.put("probe.learning_rate", Double.toString(learningRate));
        settings.put("probe.learning_rate_schedule", "linear toward " + finalLearningRateFraction
                + " of start over epochs/(1-" + finalLearningRateFraction + ") updates");
        settings.put("probe.epochs", Integer.toString(epochs));
        settings.put("probe.batch", "full");
        settings.put("probe.optimizer", "sgd");
        settings.put("probe.max_gradient_norm", Double.toString(maxGradientNorm));
        settings.put("probe.bias", "false");
        settings.put("probe.normalization", "z-score, training options pooled, sample std");
        settings.put("probe.initialization", "U(-1/sqrt(d), 1/sqrt(d)) from SplittableRandom(seed)");
        settings.put("probe.engine", ENGINE);
        settings.put("probe.device", device == null ? "auto" : device.toString());
        return settings;
    }

    /** As {@link #fit(List, int[], long, Progress)} without progress reports. */
    public TrainedProbe fit(List<float[][]> items, int[] gold, long seed) {
        return fit(items, gold, seed, Progress.NONE);
    }

    /**
     * Fits the probe.
     *
     * @param items    per training item, one raw (not yet normalised) feature vector per option; all vectors of
     *                 one length; items may have different numbers of options
     * @param gold     per item, the index of its gold option
     * @param seed     the seed of the initialisation
     * @param progress told of each epoch
     * @return the normalisation, the weights and the fit's record
     * @throws IllegalArgumentException for no items, ragged vectors or gold indices out of range
     * @throws IllegalStateException    when every one of {@link #MAX_FITS} fits ends with NaN weights
     */
    public TrainedProbe fit(List<float[][]> items, int[] gold, long seed, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        validate(items, gold);
        ZScore normalization = ZScore.fit(items);
        List<double[][]> normalized = new ArrayList<>(items.size());
        for (float[][] options : items) {
            double[][] z = new double[options.length][];
            for (int o = 0; o < options.length; o++) {
                z[o] = normalization.apply(options[o]);
            }
            normalized.add(z);
        }
        Engine engine = Engine.getEngine(ENGINE);
        Device target = device();
        for (int attempt = 0; attempt < MAX_FITS; attempt++) {
            float[] initial = initialWeights(normalization.dimension(), seed, attempt);
            try (ProbeObjective objective = new ProbeObjective(engine, target, normalized, gold, initial,
                    refitPenalty(attempt))) {
                double[] epochLosses = train(objective, refitMaxGradientNorm(attempt), progress);
                float[] weights = objective.weights();
                if (allFinite(weights)) {
                    ProbeObjective.LossParts last = objective.evaluate();
                    return new TrainedProbe(weights, normalization, epochLosses, last.loss(), last.nll(),
                            last.weightNorm(), attempt, objective.device().toString());
                }
            }
        }
        throw new IllegalStateException("the probe's weights became NaN or infinite in all " + MAX_FITS + " fits");
    }

    /**
     * The initial weights of fit number {@code attempt} (0 for the first; later ones only after NaN weights):
     * d values from U(-1/sqrt(d), 1/sqrt(d)), PyTorch's default for {@code nn.Linear(d, 1)}. Fit a draws from the
     * (a+1)-th stream split off {@code new SplittableRandom(seed)}, so each refit has a fresh, reproducible stream.
     */
    public static float[] initialWeights(int dimension, long seed, int attempt) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int a = 0; a < attempt; a++) {
            stream = root.split();
        }
        double bound = 1.0 / Math.sqrt(dimension);
        float[] weights = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            weights[j] = (float) ((2 * stream.nextDouble() - 1) * bound);
        }
        return weights;
    }

    /** The penalty of fit number {@code attempt} (0 first): the set penalty × 4^attempt, as {@code probes.py}. */
    public double refitPenalty(int attempt) {
        return penalty * Math.pow(REFIT_FACTOR, attempt);
    }

    /** The clipping threshold of fit number {@code attempt}: the set threshold ÷ 4^attempt, as {@code probes.py}. */
    public double refitMaxGradientNorm(int attempt) {
        return maxGradientNorm / Math.pow(REFIT_FACTOR, attempt);
    }

    private double[] train(ProbeObjective objective, double clipNorm, Progress progress) {
        Sgd sgd = Optimizer.sgd().setLearningRateTracker(schedule()).build();
        double[] losses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            losses[epoch] = objective.forwardBackward().loss();
            NDArray weight = objective.weight();
            try (NDList scratch = new NDList()) {
                NDArray gradient = weight.getGradient();
                scratch.add(gradient);
                NDArray squares = gradient.square();
                scratch.add(squares);
                NDArray squaredNorm = squares.sum();
                scratch.add(squaredNorm);
                // Clipping scales the gradient on the device; the scale itself is one scalar read back.
                NDArray clipped = gradient.mul(clipScale(clipNorm, Math.sqrt(squaredNorm.getFloat())));
                scratch.add(clipped);
                sgd.update(ProbeObjective.WEIGHT, weight, clipped);
            }
            progress.update("training linear probe", epoch + 1, epochs);
        }
        return losses;
    }

    /** {@code min(1, c / (||g|| + 1e-6))}, as {@code torch.nn.utils.clip_grad_norm_}. */
    private static float clipScale(double clipNorm, double gradientNorm) {
        return (float) Math.min(1.0, clipNorm / (gradientNorm + CLIP_EPSILON));
    }

    private LinearDecaySchedule schedule() {
        return new LinearDecaySchedule(learningRate, epochs, finalLearningRateFraction);
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static void validate(List<float[][]> items, int[] gold) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the probe needs at least one training item");
        }
        if (items.size() != gold.length) {
            throw new IllegalArgumentException(items.size() + " items but " + gold.length + " gold indices");
        }
        for (int i = 0; i < items.size(); i++) {
            float[][] options = items.get(i);
            if (gold[i] < 0 || gold[i] >= options.length) {
                throw new IllegalArgumentException("training item " + i + ": gold option " + gold[i] + " of "
                        + options.length);
            }
        }
    }

    /** Builds a {@link LinearProbe}; every value starts at the paper's. */
    public static final class Builder {

        private double penalty = PAPER_PENALTY;
        private double learningRate = PAPER_LEARNING_RATE;
        private int epochs = PAPER_EPOCHS;
        private double finalLearningRateFraction = PAPER_FINAL_LEARNING_RATE_FRACTION;
        private double maxGradientNorm = PAPER_MAX_GRADIENT_NORM;
        private Device device;

        private Builder() {
        }

        /**
         * The coefficient of ||w||_2 (paper: 1.0). With features of a few hundred dimensions the paper's value
         * holds w near zero (feasibility.md); smaller values let such probes fit.
         */
        public Builder optPenalty(double penalty) {
            if (!(penalty >= 0) || Double.isInfinite(penalty)) {
                throw new IllegalArgumentException("penalty must be finite and non-negative: " + penalty);
            }
            this.penalty = penalty;
            return this;
        }

        /** The learning rate of the first update (paper: 0.05). */
        public Builder optLearningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite: " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /** The number of epochs, each one full-batch update (paper: 100). */
        public Builder optEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The fraction of the start value the linear decay heads toward (paper: 0.1); in [0, 1). */
        public Builder optFinalLearningRateFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("final learning-rate fraction must be in [0, 1): " + fraction);
            }
            this.finalLearningRateFraction = fraction;
            return this;
        }

        /** The gradient-norm clipping threshold (paper: 1.0). */
        public Builder optMaxGradientNorm(double maxGradientNorm) {
            if (!(maxGradientNorm > 0)) {
                throw new IllegalArgumentException("max gradient norm must be positive: " + maxGradientNorm);
            }
            this.maxGradientNorm = maxGradientNorm;
            return this;
        }

        /** The device to train on, instead of the PyTorch engine's default (GPU when present, else CPU). */
        public Builder optDevice(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** The probe. */
        public LinearProbe build() {
            return new LinearProbe(this);
        }
    }
}
