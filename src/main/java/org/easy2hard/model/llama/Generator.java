package org.easy2hard.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.internal.KvCache;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.PaddedBatch;

/**
 * {@link LlamaModel}'s greedy generation: batched, one token per row per step through a key/value cache, ending at
 * an EOS token, a stop string (the text is cut before it), the request's token limit or the context length.
 */
final class Generator {

    private final NDManager manager;
    private final LlamaNetwork network;
    private final LlamaTokenizer tokenizer;
    private final LlamaConfig config;
    private final int contextLength;
    private final String name;
    private final BatchPlan plan;

    Generator(NDManager manager, LlamaNetwork network, LlamaTokenizer tokenizer, LlamaConfig config,
            int contextLength, String name, BatchPlan plan) {
        this.manager = manager;
        this.network = network;
        this.tokenizer = tokenizer;
        this.config = config;
        this.contextLength = contextLength;
        this.name = name;
        this.plan = plan;
    }

    /** {@link LlamaModel#generate}. */
    List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
        List<long[]> prompts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long[] prompt = tokenizer.withBos(tokenizer.encode(requests.get(i).prompt()));
            if (prompt.length == 0) {
                throw new LanguageModelException("request " + i + ": an empty prompt without a BOS token");
            }
            if (prompt.length >= contextLength) {
                throw new LanguageModelException("request " + i + ": prompt of " + prompt.length + " tokens leaves "
                        + "no room in the context length " + contextLength);
            }
            prompts.add(prompt);
        }
        Generation[] results = new Generation[requests.size()];
        int done = 0;
        int[] promptLengths = prompts.stream().mapToInt(p -> p.length).toArray();
        int[] generationLengths = new int[prompts.size()];
        for (int i = 0; i < generationLengths.length; i++) {
            generationLengths[i] = Math.min(contextLength, promptLengths[i] + requests.get(i).maxTokens());
        }
        plan.announce("generating " + requests.size() + " answers", generationLengths, 1, true);
        for (int[] batch : plan.batches(generationLengths, 1, true)) {
            List<long[]> rows = new ArrayList<>();
            List<GenerationRequest> batchRequests = new ArrayList<>();
            for (int index : batch) {
                rows.add(prompts.get(index));
                batchRequests.add(requests.get(index));
            }
            List<Generation> generated;
            try {
                generated = generateBatch(rows, batchRequests);
            } catch (RuntimeException e) {
                throw plan.outOfMemoryOr(e, rows.size(), generationLengths[batch[0]], 1, true);
            }
            for (int i = 0; i < batch.length; i++) {
                results[batch[i]] = generated.get(i);
            }
            done += batch.length;
            progress.update("generating with " + name, done, requests.size());
        }
        return List.of(results);
    }

    /** Greedy generation for one batch of prompts, feeding one token per row per step through the cache. */
    private List<Generation> generateBatch(List<long[]> prompts, List<GenerationRequest> requests) {
        int rows = prompts.size();
        List<List<Long>> generated = new ArrayList<>();
        String[] texts = new String[rows];
        String[] finish = new String[rows];
        int[] room = new int[rows];
        for (int b = 0; b < rows; b++) {
            generated.add(new ArrayList<>());
            room[b] = Math.min(requests.get(b).maxTokens(), contextLength - prompts.get(b).length);
        }
        try (NDManager scope = manager.newSubManager(); KvCache cache = new KvCache(config.layers())) {
            PaddedBatch input = PaddedBatch.leftPadded(prompts, tokenizer.pad());
            int active = rows;
            while (active > 0) {
                long[] next = nextTokens(scope, input, cache);
                long[][] feed = new long[rows][1];
                for (int b = 0; b < rows; b++) {
                    feed[b][0] = next[b];
                    if (finish[b] != null) {
                        continue;
                    }
                    generated.get(b).add(next[b]);
                    long[] ids = generated.get(b).stream().mapToLong(Long::longValue).toArray();
                    long[] prompt = prompts.get(b);
                    boolean isEos = tokenizer.eos().contains((int) next[b]);
                    long[] textIds = isEos ? Arrays.copyOf(ids, ids.length - 1) : ids;
                    String text = tokenizer.continuationText(prompt[prompt.length - 1], textIds);
                    int stop = firstStop(text, requests.get(b).stop());
                    if (stop >= 0) {
                        texts[b] = text.substring(0, stop);
                        finish[b] = Generation.STOP;
                    } else if (isEos) {
                        texts[b] = text;
                        finish[b] = Generation.STOP;
                    } else if (ids.length >= room[b]) {
                        texts[b] = text;
                        finish[b] = Generation.LENGTH;
                    }
                    if (finish[b] != null) {
                        active--;
                    }
                }
                int[] ones = new int[rows];
                Arrays.fill(ones, 1);
                input = new PaddedBatch(feed, ones);
            }
        }
        List<Generation> out = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            out.add(new Generation(texts[b], generated.get(b).size(), finish[b]));
        }
        return out;
    }

    /** One forward step through the cache; returns each row's most probable next token. */
    private long[] nextTokens(NDManager scope, PaddedBatch input, KvCache cache) {
        try (NDScope step = new NDScope()) {
            step.suppressNotUsedWarning();
            LlamaNetwork.Output output = network.forward(scope, input, cache);
            NDList kept = cache.arrays();
            NDScope.unregister(kept);
            NDArray last = output.last().get(new NDIndex(":, -1, :"));
            return network.logits(last).argMax(-1).toLongArray();
        }
    }

    /** Index of the earliest occurrence of any stop string, or -1. */
    private static int firstStop(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

}
