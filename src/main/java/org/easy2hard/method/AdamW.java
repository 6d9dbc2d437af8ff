package org.easy2hard.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay, exactly as {@code torch.optim.AdamW} (the optimizer the paper uses when the
 * base model is not 8-bit, paper-spec §5.6), on DJL arrays. For update t = 1, 2, ... of parameter p with gradient g:
 *
 * <pre>
 *   p &lt;- p * (1 - lr * wd)
 *   m &lt;- b1 m + (1 - b1) g,   v &lt;- b2 v + (1 - b2) g^2
 *   p &lt;- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <p>Why not DJL's optimizers: {@code Optimizer.adam()} adds the weight decay to the gradient (L2 regularisation,
 * not decoupled), and DJL 0.36's {@code AdamW} folds both bias corrections into one step size
 * {@code lr * sqrt(1 - b2^t) / (1 - b1^t)} before its native kernel, which puts epsilon before v's bias correction
 * (TensorFlow's form). Both differ from PyTorch's AdamW, so the update is written here with
 * NDArray operations; the moments live next to the parameter on its device.
 *
 * <p>The paper's Adam8bit (bitsandbytes) keeps the moments in 8 bits; with float32 moments this is its
 * full-precision counterpart. Every adapter parameter (LoRA A and B: no biases, no norms) gets the decay.
 */
final class AdamW implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private int step;

    /**
     * @param manager     where the moment arrays live (closed by {@link #close()})
     * @param weightDecay decoupled decay coefficient (paper: 1e-5)
     */
    AdamW(NDManager manager, double beta1, double beta2, double epsilon, double weightDecay) {
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Updates made so far. */
    int step() {
        return step;
    }

    /**
     * One update of every parameter with its gradient, in place.
     *
     * @param learningRate this update's learning rate
     * @param parameters   the parameters by name: arrays outside autograd (detached views) that share the values
     * @param gradients    the gradients by the same names
     */
    void update(double learningRate, Map<String, NDArray> parameters, Map<String, NDArray> gradients) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray parameter = entry.getValue();
            NDArray gradient = gradients.get(entry.getKey());
            NDArray[] state = moments.computeIfAbsent(entry.getKey(),
                    name -> new NDArray[] {manager.zeros(parameter.getShape()), manager.zeros(parameter.getShape())});
            NDArray mean = state[0];
            NDArray variance = state[1];
            parameter.muli((float) (1 - learningRate * weightDecay));
            try (NDManager scratch = manager.newSubManager()) {
                NDArray g = gradient.duplicate();
                g.attach(scratch);
                mean.muli((float) beta1).addi(scratchOf(scratch, g.mul((float) (1 - beta1))));
                variance.muli((float) beta2).addi(scratchOf(scratch, scratchOf(scratch, g.square())
                        .mul((float) (1 - beta2))));
                NDArray denominator = scratchOf(scratch, scratchOf(scratch, scratchOf(scratch, variance.sqrt())
                        .div((float) correction2)).add((float) epsilon));
                NDArray change = scratchOf(scratch, scratchOf(scratch, mean.div(denominator))
                        .mul((float) (learningRate / correction1)));
                parameter.subi(change);
            }
        }
    }

    private static NDArray scratchOf(NDManager scratch, NDArray array) {
        array.attach(scratch);
        return array;
    }

    /** Frees the moments. */
    @Override
    public void close() {
        moments.values().forEach(state -> {
            state[0].close();
            state[1].close();
        });
        moments.clear();
    }
}
