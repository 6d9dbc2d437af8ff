package org.easy2hard.method.bench;

import static org.easy2hard.model.llama.bench.LlamaBench.loadAverage;
import static org.easy2hard.model.llama.bench.LlamaBench.memoryMb;
import static org.easy2hard.model.llama.bench.LlamaBench.parse;
import static org.easy2hard.model.llama.bench.LlamaBench.seconds;
import static org.easy2hard.model.llama.bench.LlamaBench.text;
import static org.easy2hard.model.llama.bench.LlamaBench.words;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.FineTuningMethod;
import org.easy2hard.method.LoraTrainer;
import org.easy2hard.method.TrainingRecord;
import org.easy2hard.method.TrainingSchedule;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.bench.LlamaBench;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.lora.LoraConfig;
import org.easy2hard.model.lora.LoraLlama;

/**
 * Benchmark of LoRA fine-tuning (issue 9) on a model directory, by default the random-weight SmolLM2-135M-shaped
 * model that {@code bench/llama-bench.sh} generates: the paper's adapters (r 16, alpha 32, dropout 0.1 on q_proj and
 * v_proj) trained with the paper's recipe on {@code --items} synthetic multiple-choice items (a question of
 * {@code --context} tokens, four options of {@code --option} tokens), {@code --batch} items per update, for
 * {@code --updates} optimizer updates. Prints training tokens/s (every token of every option sequence through the
 * forward and backward pass), seconds per update, micro-batches, the memory estimate of one item against the
 * budget, and the peak resident memory of the process. Training's rate is the median of updates 2 onwards (the first
 * is the warm-up); it is compared with scoring the very same full option sequences forward only, in batches of as
 * many sequences as training's micro-batches (median of {@code --rounds} after a warm-up): like with like, so the
 * ratio is the cost of the backward pass and update, not of the shared-context saving that {@code logLikelihoods}
 * makes. Run with {@code bench/lora-bench.sh}; {@code --write-model
 * DIR} generates the model as the llama benchmark does.
 */
public final class LoraBench {

    private LoraBench() {
    }

    /** Runs the benchmark and prints the results. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("write-model")) {
            LlamaBench.main(args);
            return;
        }
        Path modelDir = Path.of(options.getOrDefault("model", "target/llama-bench-model"));
        int items = Integer.parseInt(options.getOrDefault("items", "8"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "4"));
        int updates = Integer.parseInt(options.getOrDefault("updates", "4"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int context = Integer.parseInt(options.getOrDefault("context", "100"));
        int optionTokens = Integer.parseInt(options.getOrDefault("option", "3"));
        long budget = Long.parseLong(options.getOrDefault("budget-mb", "4096")) << 20;

        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "engine %s %s, device %s, %d GPUs, %d processors, PyTorch threads %s%n",
                engine.getEngineName(), engine.getVersion(), engine.defaultDevice(), engine.getGpuCount(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        long start = System.nanoTime();
        try (LlamaModel llama = LlamaModel.builder().setModel(modelDir).optCache(CacheDirectory.fromSettings())
                .build()) {
            LlamaConfig c = llama.config();
            System.out.printf(Locale.ROOT, "loaded %s (%d layers, hidden %d, vocab %d) in %.1f s; RSS %d MB%n",
                    modelDir, c.layers(), c.hiddenSize(), c.vocabSize(), seconds(start), memoryMb("VmRSS"));
            LoraLlama model = new LoraLlama(llama);
            List<String> words = words(llama);
            SplittableRandom random = new SplittableRandom(1);
            List<Item> train = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                List<String> choices = new ArrayList<>();
                for (int o = 0; o < 4; o++) {
                    choices.add(text(words, random, optionTokens));
                }
                train.add(new Item("bench-" + i, DatasetId.ARC, "bench", text(words, random, context), choices,
                        random.nextInt(4), "", "", List.of(), Map.of(), Map.of()));
            }
            // EXACT: one update per batch, its passes sized by the memory budget alone, which is what this
            // benchmark times (PAPER's one-item device batches would time the authors' loop instead).
            LoraTrainer trainer = LoraTrainer.builder().optMaxBatch(batch).optEpochs(1).optMinUpdates(updates)
                    .optMemoryBudget(budget).optSchedule(TrainingSchedule.EXACT).build();
            FineTuningMethod method = FineTuningMethod.builder().setModel(model).optTrainer(trainer)
                    .optPrompt(item -> item.question(), "bench").build();
            int[] one = {model.tokenize(train.get(0).question()).length + 1 + optionTokens};
            System.out.printf(Locale.ROOT, "adapters: %s; %d trainable values; one item (4 x %d tokens) needs about"
                    + " %d MB by the memory estimate, budget %d MB%n",
                    LoraConfig.paper().settings().get("lora.targets"),
                    countAdapterValues(model), one[0], model.trainingBytes(4, one[0], 4 * optionTokens) >> 20,
                    budget >> 20);
            long t = System.nanoTime();
            List<Double> updateEnds = new ArrayList<>();
            FineTuningMethod.FittedAdapters fitted = method.fit(train, 0, (task, done, total) -> {
                updateEnds.add(seconds(t));
                System.out.printf(Locale.ROOT, "  update %d/%d: %s, %.1f s%n", done, total, task, seconds(t));
            });
            TrainingRecord record = fitted.record();
            int updatesDone = record.losses().length;
            // per-update seconds; the first update is the warm-up (allocation, first-touch of the weights)
            List<Double> perUpdate = new ArrayList<>();
            for (int i = 1; i < updateEnds.size(); i++) {
                perUpdate.add(updateEnds.get(i) - updateEnds.get(i - 1));
            }
            double tokensPerUpdate = (double) record.tokens() / updatesDone;
            double updateMedian = perUpdate.isEmpty() ? record.seconds() / updatesDone
                    : new LlamaBench.Rounds(perUpdate.stream().mapToDouble(Double::doubleValue).toArray()).median();
            double training = tokensPerUpdate / updateMedian;
            System.out.printf(Locale.ROOT, "training: %d updates of %d items (%d micro-batches), %d tokens in %.1f s; "
                    + "median of updates 2..%d: %.1f s per update, %.1f tokens/s; losses %s%n", updatesDone,
                    record.plan().effectiveBatch(), record.microBatches(), record.tokens(), record.seconds(),
                    updatesDone, updateMedian, training,
                    Arrays.toString(Arrays.stream(record.losses()).map(x -> Math.round(x * 1000) / 1000.0).toArray()));

            // The same sequences the same way, forward only: every option's full sequence (no shared context), in
            // micro-batches of as many sequences as training's.
            List<long[]> sequences = new ArrayList<>();
            List<Integer> continuations = new ArrayList<>();
            for (Item item : train) {
                for (String continuation : FineTuningMethod.optionContinuations(item)) {
                    LlamaModel.ScoredSequence sequence = llama.scoredSequence(
                            new LogLikelihoodRequest(item.question(), continuation));
                    sequences.add(sequence.tokens());
                    continuations.add(sequence.continuation());
                }
            }
            int perMicroBatch = Math.max(1, (int) Math.round(4.0 * record.plan().effectiveBatch() * updatesDone
                    / record.microBatches()));
            long perRound = sequences.stream().mapToLong(x -> x.length).sum();
            LlamaBench.Rounds scoringRounds = LlamaBench.Rounds.time(rounds, () -> {
                for (int from = 0; from < sequences.size(); from += perMicroBatch) {
                    int to = Math.min(sequences.size(), from + perMicroBatch);
                    int[] scored = continuations.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
                    try (NDManager scope = llama.manager().newSubManager()) {
                        llama.network().scoreContinuations(scope, PaddedBatch.leftPadded(sequences.subList(from, to),
                                llama.tokenizer().pad()), scored).logProbs().toFloatArray();
                    }
                }
            });
            double scoring = perRound / scoringRounds.median();
            System.out.printf(Locale.ROOT, "scoring the same %d full sequences forward only, %d per batch: %.1f "
                    + "tokens/s %s%n", sequences.size(), perMicroBatch, scoring, scoringRounds.range(perRound));
            System.out.printf(Locale.ROOT, "training / scoring rate: %.2f (forward + backward + update vs forward, "
                    + "same sequences, same batches)%n", training / scoring);
            System.out.printf(Locale.ROOT, "peak RSS (VmHWM) %d MB; load average %s%n", memoryMb("VmHWM"),
                    loadAverage());
        }
    }

    private static long countAdapterValues(LoraLlama model) {
        long count = 0;
        for (var target : model.loraTargets(LoraConfig.PAPER_TARGETS)) {
            count += (long) LoraConfig.PAPER_RANK * (target.inFeatures() + target.outFeatures());
        }
        return count;
    }
}
