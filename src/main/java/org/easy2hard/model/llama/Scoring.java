package org.easy2hard.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.internal.KvCache;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.PaddedBatch;

/**
 * {@link LlamaModel}'s scoring (paper-spec §5.3): the sequence of a request under the option-token rule, options
 * that share a context scored over one key/value-cached pass of it, the rest batched with left padding.
 */
final class Scoring {

    private final NDManager manager;
    private final LlamaNetwork network;
    private final LlamaTokenizer tokenizer;
    private final LlamaConfig config;
    private final OptionTokens optionTokens;
    private final int contextLength;
    private final int batchSize;
    private final String name;
    private final BatchPlan plan;

    Scoring(NDManager manager, LlamaNetwork network, LlamaTokenizer tokenizer, LlamaConfig config,
            OptionTokens optionTokens, int contextLength, int batchSize, String name, BatchPlan plan) {
        this.manager = manager;
        this.network = network;
        this.tokenizer = tokenizer;
        this.config = config;
        this.optionTokens = optionTokens;
        this.contextLength = contextLength;
        this.batchSize = batchSize;
        this.name = name;
        this.plan = plan;
    }

    /** The sequence scored for one request under the model's {@link OptionTokens} rule (see {@link LlamaModel.ScoredSequence}). */
    LlamaModel.ScoredSequence scoredSequence(LogLikelihoodRequest request) {
        long[] context;
        long[] continuation;
        if (optionTokens == OptionTokens.AUTHORS) {
            context = tokenizer.withBos(tokenizer.encode(request.context()));
            continuation = tokenizer.encodeOption(request.continuation());
        } else {
            // lm-evaluation-harness: the context's trailing whitespace joins the continuation, the joined text is
            // tokenized, and what follows the context's own tokens is the continuation.
            String text = request.context();
            int end = text.length();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            long[] own = tokenizer.encode(text.substring(0, end));
            long[] whole = tokenizer.encode(text + request.continuation());
            context = tokenizer.withBos(own);
            continuation = Arrays.copyOfRange(whole, Math.min(own.length, whole.length), whole.length);
        }
        if (continuation.length == 0) {
            throw new LanguageModelException("continuation '" + request.continuation() + "' has no tokens");
        }
        if (context.length == 0) {
            throw new LanguageModelException("an empty context without a BOS token leaves the continuation's first "
                    + "token unpredicted; give a context");
        }
        long[] tokens = new long[context.length + continuation.length];
        System.arraycopy(context, 0, tokens, 0, context.length);
        System.arraycopy(continuation, 0, tokens, context.length, continuation.length);
        return new LlamaModel.ScoredSequence(tokens, continuation.length);
    }

    /** {@link LlamaModel#logLikelihoods}. */
    List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
        List<LlamaModel.ScoredSequence> sequences = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            LlamaModel.ScoredSequence sequence = scoredSequence(requests.get(i));
            if (sequence.tokens().length > contextLength) {
                throw new LanguageModelException("request " + i + " has " + sequence.tokens().length
                        + " tokens (BOS + context + continuation), more than the context length " + contextLength);
            }
            sequences.add(sequence);
        }
        LogLikelihood[] results = new LogLikelihood[requests.size()];
        // Requests that share their context (a multiple-choice item's options) share one pass over it; the others
        // are batched together.
        Map<String, List<Integer>> byContext = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byContext.computeIfAbsent(requests.get(i).context(), key -> new ArrayList<>()).add(i);
        }
        List<Integer> alone = new ArrayList<>();
        int done = 0;
        for (List<Integer> group : byContext.values()) {
            if (group.size() == 1) {
                alone.add(group.get(0));
                continue;
            }
            try {
                scoreSharedContext(group, sequences, results);
            } catch (RuntimeException e) {
                LlamaModel.ScoredSequence first = sequences.get(group.get(0));
                throw plan.outOfMemoryOr(e, Math.min(batchSize, group.size()), first.tokens().length,
                        first.continuation(), true);
            }
            done += group.size();
            progress.update("scoring with " + name, done, requests.size());
        }
        int[] aloneLengths = alone.stream().mapToInt(i -> sequences.get(i).tokens().length).toArray();
        int longestContinuation = sequences.stream().mapToInt(LlamaModel.ScoredSequence::continuation).max().orElse(1);
        plan.announce("scoring " + requests.size() + " requests", aloneLengths, longestContinuation, false);
        for (int[] positions : plan.batches(aloneLengths, longestContinuation, false)) {
            int[] batch = Arrays.stream(positions).map(alone::get).toArray();
            List<long[]> rows = new ArrayList<>();
            int[] continuation = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                rows.add(sequences.get(batch[i]).tokens());
                continuation[i] = sequences.get(batch[i]).continuation();
            }
            try (NDManager scope = manager.newSubManager()) {
                LlamaNetwork.ContinuationScores scores;
                try {
                    scores = network.scoreContinuations(scope, PaddedBatch.leftPadded(rows, tokenizer.pad()),
                            continuation);
                } catch (RuntimeException e) {
                    throw plan.outOfMemoryOr(e, rows.size(), aloneLengths[positions[0]], longestContinuation, false);
                }
                float[] logProbs = scores.logProbs().toFloatArray();
                boolean[] greedy = scores.greedy().toBooleanArray();
                int width = logProbs.length / batch.length;
                for (int i = 0; i < batch.length; i++) {
                    double[] tokens = new double[continuation[i]];
                    boolean allGreedy = true;
                    for (int c = 0; c < continuation[i]; c++) {
                        int at = i * width + width - continuation[i] + c;
                        tokens[c] = logProbs[at];
                        allGreedy &= greedy[at];
                    }
                    results[batch[i]] = LogLikelihood.ofTokens(tokens, allGreedy);
                }
            }
            done += batch.length;
            progress.update("scoring with " + name, done, requests.size());
        }
        return List.of(results);
    }

    /**
     * Scores continuations of one context: the context passes once through the network into a key/value cache;
     * its last position predicts every continuation's first token, and the continuations (right-padded, which
     * causal attention makes harmless to their real tokens) pass in batches over copies of that cache.
     */
    private void scoreSharedContext(List<Integer> group, List<LlamaModel.ScoredSequence> sequences, LogLikelihood[] results) {
        LlamaModel.ScoredSequence first = sequences.get(group.get(0));
        long[] context = Arrays.copyOf(first.tokens(), first.tokens().length - first.continuation());
        try (NDManager scope = manager.newSubManager(); KvCache cache = new KvCache(config.layers())) {
            LlamaNetwork.Output prefix = network.forward(scope, PaddedBatch.leftPadded(List.of(context),
                    tokenizer.pad()), cache);
            NDArray next = network.logits(prefix.last().get(new NDIndex(":, -1, :"))).logSoftmax(-1);
            float[] firstLogProbs = next.toFloatArray();
            long firstBest = next.argMax(-1).toLongArray()[0];
            for (int start = 0; start < group.size(); start += batchSize) {
                List<Integer> chunk = group.subList(start, Math.min(group.size(), start + batchSize));
                int longest = chunk.stream().mapToInt(i -> sequences.get(i).continuation()).max().orElseThrow();
                long[][] rows = new long[chunk.size()][longest];
                int[] lengths = new int[chunk.size()];
                for (int r = 0; r < rows.length; r++) {
                    LlamaModel.ScoredSequence sequence = sequences.get(chunk.get(r));
                    Arrays.fill(rows[r], tokenizer.pad());
                    System.arraycopy(sequence.tokens(), context.length, rows[r], 0, sequence.continuation());
                    lengths[r] = longest;
                }
                float[] logProbs = new float[0];
                long[] best = new long[0];
                if (longest > 1) {
                    // A scope per chunk: a context shared by many requests (every question after "Question:", say)
                    // would otherwise keep every chunk's logits alive until the whole group is done.
                    try (NDManager chunkScope = scope.newSubManager();
                            KvCache copies = cache.repeatedRows(rows.length)) {
                        LlamaNetwork.Output out = network.forward(chunkScope, new PaddedBatch(rows, lengths), copies);
                        NDArray scores = network.logits(out.last().get(new NDIndex(":, :{}, :", longest - 1)))
                                .logSoftmax(-1);
                        long[] targets = new long[rows.length * (longest - 1)];
                        for (int r = 0; r < rows.length; r++) {
                            System.arraycopy(rows[r], 1, targets, r * (longest - 1), longest - 1);
                        }
                        NDArray targetIds = LlamaNetwork.beside(chunkScope.create(targets,
                                new ai.djl.ndarray.types.Shape(rows.length, longest - 1, 1)), scores);
                        logProbs = scores.gather(targetIds, -1).toFloatArray();
                        best = scores.argMax(-1).toLongArray();
                    }
                }
                for (int r = 0; r < rows.length; r++) {
                    int length = sequences.get(chunk.get(r)).continuation();
                    double[] tokens = new double[length];
                    tokens[0] = firstLogProbs[(int) rows[r][0]];
                    boolean greedy = firstBest == rows[r][0];
                    for (int c = 1; c < length; c++) {
                        int at = r * (longest - 1) + c - 1;
                        tokens[c] = logProbs[at];
                        greedy &= best[at] == rows[r][c];
                    }
                    results[chunk.get(r)] = LogLikelihood.ofTokens(tokens, greedy);
                }
            }
        }
    }

}
