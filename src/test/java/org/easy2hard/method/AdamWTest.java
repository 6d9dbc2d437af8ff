package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /** Two updates of torch.optim.AdamW (lr, wd decoupled, bias-corrected moments), computed by hand in double. */
    @Test
    void twoUpdatesMatchPyTorchsAdamWFormula() {
        double[] p = {0.5, -1.0, 2.0};
        double[][] g = {{0.1, -0.2, 0.3}, {-0.4, 0.5, 0.05}};
        double lr = 0.01;
        double wd = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] m = new double[3];
        double[] v = new double[3];
        double[] expected = p.clone();
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 3; i++) {
                expected[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g[t - 1][i];
                v[i] = b2 * v[i] + (1 - b2) * g[t - 1][i] * g[t - 1][i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                expected[i] -= lr * mHat / denominator;
            }
        }
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
                AdamW adam = new AdamW(manager, b1, b2, eps, wd)) {
            NDArray parameter = manager.create(new float[] {0.5f, -1.0f, 2.0f});
            for (double[] gradient : g) {
                NDArray grad = manager.create(new float[] {(float) gradient[0], (float) gradient[1],
                        (float) gradient[2]});
                adam.update(lr, Map.of("p", parameter), Map.of("p", grad));
            }
            float[] actual = parameter.toFloatArray();
            assertArrayEquals(new float[] {(float) expected[0], (float) expected[1], (float) expected[2]}, actual,
                    1e-6f);
        }
    }
}
