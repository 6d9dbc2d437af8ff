package org.easy2hard.model.llama;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent plain-Java, double-precision forward pass of Hugging Face's {@code LlamaForCausalLM} for one
 * unpadded sequence, written from the model's definition (not from the DJL code): RMSNorm, rotate-half rotary
 * embeddings with θ = 10000, grouped-query causal attention, SwiGLU, tied or untied head, Qwen2 q/k/v biases. Tests
 * compare the DJL decoder against it.
 */
public final class ReferenceLlama {

    private final TinyLlamaFixture model;
    private final TinyLlamaFixture.Spec spec;
    private final double eps = 1e-5;

    public ReferenceLlama(TinyLlamaFixture model) {
        this.model = model;
        this.spec = model.spec();
    }

    /** Hidden states 0..L (index L after the final norm), each [tokens][hidden]. */
    public List<double[][]> hiddenStates(long[] tokens) {
        int n = tokens.length;
        int d = spec.hidden();
        List<double[][]> states = new ArrayList<>();
        double[][] x = new double[n][d];
        float[] embed = model.weight("model.embed_tokens.weight");
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < d; i++) {
                x[t][i] = embed[(int) tokens[t] * d + i];
            }
        }
        states.add(copy(x));
        for (int layer = 0; layer < spec.layers(); layer++) {
            x = block(layer, x);
            if (layer + 1 < spec.layers()) {
                states.add(copy(x));
            }
        }
        double[][] last = new double[n][];
        for (int t = 0; t < n; t++) {
            last[t] = norm(x[t], model.weight("model.norm.weight"));
        }
        states.add(last);
        return states;
    }

    /** Log-softmax of the logits at every position: [tokens][vocab]. */
    public double[][] logProbs(long[] tokens) {
        double[][] last = hiddenStates(tokens).get(spec.layers());
        float[] head = model.head();
        double[][] out = new double[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            double[] logits = matVec(head, spec.vocab(), spec.hidden(), last[t]);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : logits) {
                sum += Math.exp(v - max);
            }
            double log = max + Math.log(sum);
            for (int i = 0; i < logits.length; i++) {
                logits[i] -= log;
            }
            out[t] = logits;
        }
        return out;
    }

    /** Greedy continuation by re-running the whole sequence each step (no cache). */
    public long[] greedy(long[] prompt, int steps) {
        List<Long> sequence = new ArrayList<>();
        for (long token : prompt) {
            sequence.add(token);
        }
        long[] generated = new long[steps];
        for (int s = 0; s < steps; s++) {
            long[] tokens = sequence.stream().mapToLong(Long::longValue).toArray();
            double[] last = logProbs(tokens)[tokens.length - 1];
            int best = 0;
            for (int i = 1; i < last.length; i++) {
                if (last[i] > last[best]) {
                    best = i;
                }
            }
            generated[s] = best;
            sequence.add((long) best);
        }
        return generated;
    }

    private double[][] block(int layer, double[][] x) {
        String p = "model.layers." + layer + ".";
        int n = x.length;
        int d = spec.hidden();
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int hd = spec.effectiveHeadDim();
        double[][] q = new double[n][];
        double[][] k = new double[n][];
        double[][] v = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] h = norm(x[t], model.weight(p + "input_layernorm.weight"));
            q[t] = linear(p + "self_attn.q_proj", heads * hd, d, h);
            k[t] = linear(p + "self_attn.k_proj", kvHeads * hd, d, h);
            v[t] = linear(p + "self_attn.v_proj", kvHeads * hd, d, h);
            rope(q[t], heads, hd, t);
            rope(k[t], kvHeads, hd, t);
        }
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] attention = new double[heads * hd];
            for (int head = 0; head < heads; head++) {
                int kvHead = head / (heads / kvHeads);
                double[] scores = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    double dot = 0;
                    for (int i = 0; i < hd; i++) {
                        dot += q[t][head * hd + i] * k[j][kvHead * hd + i];
                    }
                    scores[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= t; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j <= t; j++) {
                    for (int i = 0; i < hd; i++) {
                        attention[head * hd + i] += scores[j] / sum * v[j][kvHead * hd + i];
                    }
                }
            }
            double[] o = linear(p + "self_attn.o_proj", d, heads * hd, attention);
            double[] residual = new double[d];
            for (int i = 0; i < d; i++) {
                residual[i] = x[t][i] + o[i];
            }
            double[] h = norm(residual, model.weight(p + "post_attention_layernorm.weight"));
            double[] gate = linear(p + "mlp.gate_proj", spec.intermediate(), d, h);
            double[] up = linear(p + "mlp.up_proj", spec.intermediate(), d, h);
            double[] act = new double[gate.length];
            for (int i = 0; i < act.length; i++) {
                act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
            }
            double[] down = linear(p + "mlp.down_proj", d, spec.intermediate(), act);
            for (int i = 0; i < d; i++) {
                residual[i] += down[i];
            }
            out[t] = residual;
        }
        return out;
    }

    private void rope(double[] x, int heads, int hd, int position) {
        int half = hd / 2;
        for (int head = 0; head < heads; head++) {
            int o = head * hd;
            for (int i = 0; i < half; i++) {
                double angle = position * Math.pow(10000.0, -2.0 * i / hd);
                double a = x[o + i];
                double b = x[o + i + half];
                x[o + i] = a * Math.cos(angle) - b * Math.sin(angle);
                x[o + i + half] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
    }

    private double[] linear(String prefix, int out, int in, double[] x) {
        double[] y = matVec(model.weight(prefix + ".weight"), out, in, x);
        if (model.weights().containsKey(prefix + ".bias")) {
            float[] bias = model.weight(prefix + ".bias");
            for (int i = 0; i < out; i++) {
                y[i] += bias[i];
            }
        }
        return y;
    }

    private static double[] matVec(float[] w, int out, int in, double[] x) {
        double[] y = new double[out];
        for (int r = 0; r < out; r++) {
            double s = 0;
            for (int c = 0; c < in; c++) {
                s += w[r * in + c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }

    private double[] norm(double[] x, float[] weight) {
        double ms = 0;
        for (double v : x) {
            ms += v * v;
        }
        ms /= x.length;
        double scale = 1 / Math.sqrt(ms + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * scale * weight[i];
        }
        return y;
    }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }
}
