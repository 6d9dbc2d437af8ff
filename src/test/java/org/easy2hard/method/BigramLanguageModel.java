package org.easy2hard.method;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;
import org.easy2hard.model.lora.AdaptableLanguageModel;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraTarget;

/**
 * A test double for the fine-tuning code: a bigram language model on DJL whose hidden state at a token is
 * {@code e + q_proj(e) + v_proj(e)} (e the token's embedding, both projections of layer 0 open to adapters) and
 * whose logits are {@code h H^T}. Characters are tokens ({@code c mod 30}); BOS is 30, EOS 31. Small and fast, so
 * the trainer's mechanics can be tested without a transformer.
 */
final class BigramLanguageModel implements AdaptableLanguageModel, AutoCloseable {

    static final int VOCAB = 32;
    static final int BOS = 30;
    static final int EOS = 31;

    private final int dimension;
    private final NDManager manager;
    private final NDArray embedding;
    private final NDArray head;
    private final Map<String, NDArray> projections;

    BigramLanguageModel(int dimension, long seed) {
        this.dimension = dimension;
        this.manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        SplittableRandom random = new SplittableRandom(seed);
        this.embedding = manager.create(values(random, VOCAB * dimension, 1.0), new Shape(VOCAB, dimension));
        this.head = manager.create(values(random, VOCAB * dimension, 1.0), new Shape(VOCAB, dimension));
        this.projections = Map.of(
                "q_proj", manager.create(values(random, dimension * dimension, 0.3), new Shape(dimension, dimension)),
                "v_proj", manager.create(values(random, dimension * dimension, 0.3), new Shape(dimension, dimension)));
    }

    private static float[] values(SplittableRandom random, int count, double scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return values;
    }

    /** Copies of the base weights, to check they never change. */
    List<float[]> baseWeights() {
        return List.of(embedding.toFloatArray(), head.toFloatArray(), projections.get("q_proj").toFloatArray(),
                projections.get("v_proj").toFloatArray());
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("bigram-test", "test", "0".repeat(64), Map.of("dimension", "" + dimension));
    }

    @Override
    public int contextLength() {
        return 256;
    }

    @Override
    public int[] tokenize(String text) {
        return text.chars().map(c -> c % 30).toArray();
    }

    @Override
    public OptionalInt bosToken() {
        return OptionalInt.of(BOS);
    }

    @Override
    public int eosToken() {
        return EOS;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public List<LoraTarget> loraTargets(List<String> modules) {
        List<LoraTarget> targets = new ArrayList<>();
        for (String module : modules) {
            if (!projections.containsKey(module)) {
                throw new IllegalArgumentException("no projection " + module);
            }
            targets.add(new LoraTarget(0, module, dimension, dimension));
        }
        return targets;
    }

    /** 1 KiB per sequence position: small, so tests can set budgets in KiB. */
    @Override
    public long trainingBytes(int sequences, int paddedLength, int scoredTokens) {
        return 1024L * sequences * paddedLength;
    }

    @Override
    public NDArray continuationLogProbs(NDManager target, List<int[]> contexts, List<int[]> continuations,
            LoraAdapters adapters) {
        NDList sums = new NDList();
        for (int s = 0; s < contexts.size(); s++) {
            sums.add(tokenLogProbs(target, contexts.get(s), continuations.get(s), adapters).sum());
        }
        return ai.djl.ndarray.NDArrays.stack(sums);
    }

    private NDArray tokenLogProbs(NDManager target, int[] context, int[] continuation, LoraAdapters adapters) {
        int[] sequence = new int[1 + context.length + continuation.length];
        sequence[0] = BOS;
        System.arraycopy(context, 0, sequence, 1, context.length);
        System.arraycopy(continuation, 0, sequence, 1 + context.length, continuation.length);
        int[] inputs = java.util.Arrays.copyOfRange(sequence, context.length, sequence.length - 1);
        int[] targets = java.util.Arrays.copyOfRange(sequence, context.length + 1, sequence.length);
        NDArray e = embedding.get(target.create(inputs));
        NDArray h = e;
        for (String module : List.of("q_proj", "v_proj")) {
            NDArray base = e.matMul(projections.get(module).transpose());
            h = h.add(adapters.apply(0, module, e, base));
        }
        NDArray logProbs = h.matMul(head.transpose()).logSoftmax(1);
        return logProbs.gather(target.create(targets).toType(ai.djl.ndarray.types.DataType.INT64, false)
                .reshape(-1, 1), 1).reshape(-1);
    }

    @Override
    public LanguageModel withAdapters(LoraAdapters adapters) {
        BigramLanguageModel model = this;
        return new LanguageModel() {
            @Override
            public ModelIdentity identity() {
                return model.identity();
            }

            @Override
            public int contextLength() {
                return model.contextLength();
            }

            @Override
            public int[] tokenCounts(List<String> texts, Progress progress) {
                return texts.stream().mapToInt(text -> text.length()).toArray();
            }

            @Override
            public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
                List<LogLikelihood> results = new ArrayList<>();
                for (LogLikelihoodRequest request : requests) {
                    try (NDManager scratch = manager.newSubManager()) {
                        float[] values = tokenLogProbs(scratch, tokenize(request.context()),
                                tokenize(request.continuation()), adapters).toFloatArray();
                        double[] perToken = new double[values.length];
                        for (int i = 0; i < values.length; i++) {
                            perToken[i] = values[i];
                        }
                        results.add(LogLikelihood.ofTokens(perToken, false));
                    }
                }
                return results;
            }

            @Override
            public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
                throw new LanguageModelException("the bigram test model does not generate");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
