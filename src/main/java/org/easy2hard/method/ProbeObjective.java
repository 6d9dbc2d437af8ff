package org.easy2hard.method;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.easy2hard.model.DjlOffline;

/**
 * The probe's training objective on a DJL engine, for one fit: the (z-scored) training features as one float32
 * tensor on the device, a DJL {@link Linear} block with one output unit and no bias holding w, and the loss
 *
 * <pre>
 *   L(w) = -(1/n) sum_i log softmax_i(X_i w)[gold_i]  +  penalty * ||w||_2
 * </pre>
 *
 * whose gradient DJL's autograd ({@link GradientCollector}) leaves on the weight array.
 *
 * <p>Items with fewer options than the widest item are padded with zero vectors whose scores get a large negative
 * offset before the log-softmax, so that a padded option has probability 0 (exp underflows) and contributes no
 * gradient. The offset is finite, not minus infinity, because the gold option's log-probability is picked out by
 * multiplying with a one-hot mask, and 0 times minus infinity would be NaN.
 *
 * <p>Holds native memory: close it (it closes its own {@link NDManager}).
 */
final class ProbeObjective implements AutoCloseable {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The name of the block's only parameter, and the id under which the optimizer tracks its updates. */
    static final String WEIGHT = "weight";

    /** Score offset of padded options: far below any real score, so exp() of it underflows to 0 in float32. */
    private static final float PADDED_SCORE = -1e9f;

    /**
     * DJL's PyTorch {@link GradientCollector} refuses to open while another one is open anywhere in the JVM (a
     * static flag in {@code PtGradientCollector}), so fits running on several threads take turns for the short
     * forward-backward pass of each step. The lock holds no data.
     */
    static final ReentrantLock COLLECTOR_TURN = new ReentrantLock();

    private final Engine engine;
    private final NDManager manager;
    private final NDArray features;
    private final NDArray paddingOffsets;
    private final NDArray goldMask;
    private final Linear linear;
    private final ParameterStore parameterStore;
    private final double penalty;

    /**
     * Puts the data on the device and initialises w.
     *
     * @param engine         the DJL engine (PyTorch)
     * @param device         where the tensors live
     * @param items          per item, one (already z-scored) feature vector per option
     * @param gold           per item, the index of its gold option
     * @param initialWeights w at the start, one value per feature dimension
     * @param penalty        the coefficient of ||w||_2
     */
    ProbeObjective(Engine engine, Device device, List<double[][]> items, int[] gold, float[] initialWeights,
            double penalty) {
        this.engine = engine;
        this.penalty = penalty;
        int n = items.size();
        int dimension = initialWeights.length;
        int width = 0;
        for (double[][] options : items) {
            width = Math.max(width, options.length);
        }
        float[] flat = new float[n * width * dimension];
        float[] offsets = new float[n * width];
        float[] oneHot = new float[n * width];
        for (int i = 0; i < n; i++) {
            double[][] options = items.get(i);
            for (int o = 0; o < width; o++) {
                if (o < options.length) {
                    double[] vector = options[o];
                    int base = (i * width + o) * dimension;
                    for (int j = 0; j < dimension; j++) {
                        flat[base + j] = (float) vector[j];
                    }
                } else {
                    offsets[i * width + o] = PADDED_SCORE;
                }
            }
            oneHot[i * width + gold[i]] = 1f;
        }
        NDManager created = engine.newBaseManager(device);
        try {
            this.manager = created;
            this.features = manager.create(flat, new Shape(n, width, dimension));
            this.paddingOffsets = manager.create(offsets, new Shape(n, width));
            this.goldMask = manager.create(oneHot, new Shape(n, width));
            this.linear = Linear.builder().setUnits(1).optBias(false).build();
            // The initial values come from Java (seeded there), not from the engine's random generator, so that a
            // fit is reproducible without touching the engine's global seed.
            linear.setInitializer((target, shape, dataType) -> target.create(initialWeights, shape).toType(dataType,
                    false), Parameter.Type.WEIGHT);
            linear.initialize(manager, DataType.FLOAT32, features.getShape());
            this.parameterStore = new ParameterStore(manager, false);
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
    }

    /** The weight array w, shape (1, d), on the device; the optimizer updates it in place. */
    NDArray weight() {
        return linear.getParameters().get(WEIGHT).getArray();
    }

    /** The current weights, copied to the JVM. */
    float[] weights() {
        return weight().toFloatArray();
    }

    /** Where the tensors live. */
    Device device() {
        return manager.getDevice();
    }

    /**
     * Evaluates the loss with DJL's autograd recording and runs the backward pass: afterwards
     * {@code weight().getGradient()} holds dL/dw.
     */
    LossParts forwardBackward() {
        COLLECTOR_TURN.lock();
        try (NDList scratch = new NDList(); GradientCollector collector = engine.newGradientCollector()) {
            Terms terms = terms(scratch);
            collector.backward(terms.loss());
            return terms.values();
        } finally {
            COLLECTOR_TURN.unlock();
        }
    }

    /** The loss at the current weights, without recording gradients. */
    LossParts evaluate() {
        try (NDList scratch = new NDList()) {
            return terms(scratch).values();
        }
    }

    /** Frees the device memory of this fit. */
    @Override
    public void close() {
        manager.close();
    }

    private Terms terms(NDList scratch) {
        NDArray w = weight();
        NDArray scores = keep(scratch, linear.forward(parameterStore, new NDList(features), true)
                .singletonOrThrow());
        NDArray itemScores = keep(scratch, scores.squeeze(2));
        NDArray masked = keep(scratch, itemScores.add(paddingOffsets));
        NDArray logProbabilities = keep(scratch, masked.logSoftmax(1));
        NDArray goldLogProbabilities = keep(scratch, keep(scratch, logProbabilities.mul(goldMask)).sum(new int[] {1}));
        NDArray nll = keep(scratch, keep(scratch, goldLogProbabilities.mean()).neg());
        // The plain L2 norm, not its square (paper-spec §5.5, §9 item 8).
        NDArray norm = keep(scratch, keep(scratch, keep(scratch, w.square()).sum()).sqrt());
        // A float, not a double: DJL would make a float64 scalar, and the 0-d product would be promoted to float64.
        // The penalty as a scalar PyTorch owns: norm.mul(Number) would make it over a JVM buffer that DJL frees
        // right after the multiplication while autograd keeps it for the backward pass (see LoraAdapters.scalar).
        NDArray penaltyScalar = keep(scratch, manager.full(new Shape(), (float) penalty, DataType.FLOAT32));
        NDArray loss = keep(scratch, nll.add(keep(scratch, norm.mul(penaltyScalar))));
        return new Terms(loss, nll, norm);
    }

    private static NDArray keep(NDList scratch, NDArray array) {
        scratch.add(array);
        return array;
    }

    /** The loss and its parts as device scalars. */
    private record Terms(NDArray loss, NDArray nll, NDArray norm) {

        LossParts values() {
            return new LossParts(loss.getFloat(), nll.getFloat(), norm.getFloat());
        }
    }

    /**
     * The value of the objective and its two parts.
     *
     * @param loss       nll + penalty * weightNorm
     * @param nll        mean negative log-likelihood of the gold options
     * @param weightNorm ||w||_2
     */
    record LossParts(double loss, double nll, double weightNorm) {
    }
}
