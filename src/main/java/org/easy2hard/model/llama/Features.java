package org.easy2hard.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.easy2hard.model.EncoderException;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.PaddedBatch;

/**
 * {@link LlamaModel}'s features (paper-spec §5.5): the chosen hidden states at each text's final token (BOS + text),
 * concatenated, as float32 on the model's first device whatever the compute type and placement.
 */
final class Features {

    private final NDManager manager;
    private final LlamaNetwork network;
    private final LlamaTokenizer tokenizer;
    private final LlamaConfig config;
    private final int contextLength;
    private final int[] hiddenStates;
    private final String name;
    private final BatchPlan plan;

    Features(NDManager manager, LlamaNetwork network, LlamaTokenizer tokenizer, LlamaConfig config,
            int contextLength, int[] hiddenStates, String name, BatchPlan plan) {
        this.manager = manager;
        this.network = network;
        this.tokenizer = tokenizer;
        this.config = config;
        this.contextLength = contextLength;
        this.hiddenStates = hiddenStates;
        this.name = name;
        this.plan = plan;
    }

    /** {@link LlamaModel#encode}. */
    float[][] encode(List<String> texts, Progress progress) {
        List<long[]> sequences = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long[] tokens = tokenizer.withBos(tokenizer.encode(texts.get(i)));
            if (tokens.length == 0 || tokens.length > contextLength) {
                throw new EncoderException("text " + i + " has " + tokens.length + " tokens; the model takes 1 to "
                        + contextLength);
            }
            sequences.add(tokens);
        }
        float[][] features = new float[texts.size()][];
        int done = 0;
        int d = config.hiddenSize();
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        plan.announce("encoding " + texts.size() + " texts", lengths, 0, false);
        for (int[] batch : plan.batches(lengths, 0, false)) {
            List<long[]> rows = new ArrayList<>();
            for (int index : batch) {
                rows.add(sequences.get(index));
            }
            try (NDManager scope = manager.newSubManager()) {
                LlamaNetwork.Output output;
                try {
                    output = network.forward(scope, PaddedBatch.leftPadded(rows, tokenizer.pad()), null,
                            hiddenStates);
                } catch (RuntimeException e) {
                    throw plan.outOfMemoryOr(e, rows.size(), lengths[batch[0]], 0, false);
                }
                NDList parts = new NDList();
                for (int index : hiddenStates) {
                    // float32 on the model's first device whatever the compute type and the placement
                    NDArray part = LlamaNetwork.toFloat32(output.hiddenStates().get(index).get(new NDIndex(":, -1, :")));
                    parts.add(part.getDevice().equals(manager.getDevice()) ? part
                            : part.toDevice(manager.getDevice(), false));
                }
                float[] flat = NDArrays.concat(parts, -1).toFloatArray();
                int width = d * hiddenStates.length;
                for (int i = 0; i < batch.length; i++) {
                    features[batch[i]] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
                }
            }
            done += batch.length;
            progress.update("encoding with " + name, done, texts.size());
        }
        return features;
    }
}
