package org.easy2hard.model.llama.bench;

import static org.easy2hard.model.llama.bench.LlamaBench.loadAverage;
import static org.easy2hard.model.llama.bench.LlamaBench.parse;
import static org.easy2hard.model.llama.bench.LlamaBench.seconds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.llama.GgufWriter;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.RealVocabularyModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.easy2hard.model.llama.internal.SafeTensors;

/**
 * LlamaModel against llama.cpp (java-llama.cpp 4.2.0's CPU build) in one process, same weights, same thread count:
 * SmolLM2-135M's shape (30 layers, hidden 576, 9 / 3 heads, intermediate 1536, tied head) with random F32 weights
 * and Llama-2's real 32,000-token vocabulary instead of SmolLM2's 49,152 (so that both engines tokenize the same
 * text: llama.cpp takes text prompts through this binding). Prints, as medians of {@code --rounds} after a warm-up:
 * <ul>
 *   <li>prompt scoring: one prompt of {@code --context} tokens through the network (ours: {@code logLikelihoods}
 *       of a 5-token option after it; llama.cpp: prompt processing with one generated token), tokens/s;</li>
 *   <li>greedy generation, one stream: the time of {@code --new-tokens} + 1 tokens minus that of 1 token after a
 *       {@code --gen-context}-token prompt, so that the prompt pass cancels, tokens/s;</li>
 *   <li>the ratios LlamaModel / llama.cpp;</li>
 *   <li>the matrix-vector floor: one token through every weight matrix with the engine's linear alone, what a
 *       LlamaModel generation step cannot go below however few other calls it makes.</li>
 * </ul>
 * {@code --write-model DIR} writes the Hugging Face directory and {@code model.gguf} into DIR (needs
 * ../shared/tokenizers). Run with {@code bench/llama-cpp-bench.sh}.
 */
public final class LlamaCppBench {

    /** SmolLM2-135M's shape; the vocabulary comes from Llama-2's tokenizer. */
    static final TinyLlamaFixture.Spec SHAPE = new TinyLlamaFixture.Spec("llama", 0, 576, 1536, 30, 9, 3, 0, true,
            2048);

    private LlamaCppBench() {
    }

    /** Runs the benchmark (or writes the model). */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("write-model")) {
            Path dir = Path.of(options.get("write-model"));
            if (Files.isRegularFile(dir.resolve("model.gguf"))) {
                System.out.println("model already at " + dir);
                return;
            }
            System.setProperty(RealVocabularyModel.PROPERTY, options.getOrDefault("tokenizers",
                    "../shared/tokenizers"));
            TinyLlamaFixture tiny = RealVocabularyModel.write("llama-2", SHAPE, 135, dir, "</s>");
            try (LlamaModel model = LlamaModel.builder().setModel(dir).optCache(CacheDirectory.fromSettings())
                    .build()) {
                GgufWriter.write(tiny, model.config(), dir, dir.resolve("model.gguf"));
            }
            System.out.println("wrote " + dir);
            return;
        }
        Path dir = Path.of(options.getOrDefault("model", "target/llama-cpp-bench-model"));
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        int context = Integer.parseInt(options.getOrDefault("context", "256"));
        int genContext = Integer.parseInt(options.getOrDefault("gen-context", "60"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "32"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        de.kherud.llama.LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        try (LlamaModel ours = LlamaModel.builder().setModel(dir).optCache(CacheDirectory.fromSettings()).build();
             de.kherud.llama.LlamaModel cpp = new de.kherud.llama.LlamaModel(new ModelParameters()
                     .setModel(dir.resolve("model.gguf").toString()).setCtxSize(2048).setThreads(threads)
                     .setThreadsBatch(threads).setGpuLayers(0))) {
            List<String> words = words(ours);
            SplittableRandom random = new SplittableRandom(3);
            String prompt = fit(ours, words, random, context);
            String genPrompt = fit(ours, words, random, genContext);
            int promptTokens = ours.tokenizer().encode(prompt).length + 1;
            System.out.printf(Locale.ROOT, "threads %d (PyTorch intra-op; llama.cpp threads and batch threads); "
                    + "prompt %d tokens with BOS, llama.cpp %d; load average %s%n", threads, promptTokens,
                    cpp.encode(prompt).length + 1, loadAverage());

            LogLikelihoodRequest scoring = new LogLikelihoodRequest(prompt, " " + LlamaBench.text(words, random, 5));
            int scored = ours.scoredSequence(scoring).tokens().length;
            LlamaBench.Rounds oursScore = LlamaBench.Rounds.time(rounds, () -> ours.logLikelihoods(List.of(scoring)));
            LlamaBench.Rounds cppScore = LlamaBench.Rounds.time(rounds, () -> cppGenerate(cpp, prompt, 1));
            double oursPrompt = scored / oursScore.median();
            double cppPrompt = promptTokens / cppScore.median();
            System.out.printf(Locale.ROOT, "prompt scoring: LlamaModel %.1f tokens/s %s, llama.cpp %.1f tokens/s %s; "
                    + "ratio %.2f%n", oursPrompt, oursScore.range(scored), cppPrompt, cppScore.range(promptTokens),
                    oursPrompt / cppPrompt);

            GenerationRequest one = new GenerationRequest(genPrompt, 1, List.of());
            GenerationRequest many = new GenerationRequest(genPrompt, newTokens + 1, List.of());
            int oursTokens = ours.generate(List.of(many)).get(0).tokens();
            double oursGen = (oursTokens - 1) / (LlamaBench.Rounds.time(rounds, () -> ours.generate(List.of(many)))
                    .median() - LlamaBench.Rounds.time(rounds, () -> ours.generate(List.of(one))).median());
            int cppTokens = cppGenerate(cpp, genPrompt, newTokens + 1);
            double cppGen = (cppTokens - 1) / (LlamaBench.Rounds.time(rounds, () -> cppGenerate(cpp, genPrompt,
                    newTokens + 1)).median() - LlamaBench.Rounds.time(rounds, () -> cppGenerate(cpp, genPrompt, 1))
                    .median());
            System.out.printf(Locale.ROOT, "greedy generation, one stream (%d and %d new tokens): LlamaModel %.1f "
                    + "tokens/s, llama.cpp %.1f tokens/s; ratio %.2f%n", oursTokens, cppTokens, oursGen, cppGen,
                    oursGen / cppGen);
            // What bounds LlamaModel's step: one token through every weight matrix with the engine's linear (the
            // head included), no attention, norms, cache or sampling.
            try (NDManager weights = ours.manager().newSubManager()) {
                SafeTensors checkpoint = SafeTensors.openDirectory(dir);
                List<NDArray> matrices = new ArrayList<>();
                for (SafeTensors.TensorInfo info : checkpoint.tensors().values()) {
                    if (info.shape().length == 2) {
                        matrices.add(checkpoint.load(weights, info.name()));
                    }
                }
                LlamaBench.Rounds floor = LlamaBench.Rounds.time(rounds, () -> {
                    for (NDArray w : matrices) {
                        try (NDArray x = weights.ones(new Shape(1, 1, w.getShape().get(1)));
                             NDArray y = Linear.linear(x, w, null).singletonOrThrow()) {
                            y.getFloat(0, 0, 0);
                        }
                    }
                });
                System.out.printf(Locale.ROOT, "matrix-vector floor: one token through all %d weight matrices with "
                        + "the engine's linear takes %.1f ms (%.1f tokens/s at most), against %.1f ms per generated "
                        + "token%n", matrices.size(), 1000 * floor.median(), 1 / floor.median(), 1000 / oursGen);
            }
            System.out.printf(Locale.ROOT, "load average %s%n", loadAverage());
        }
        // java-llama.cpp 4.2.0 leaves a non-daemon native thread running after close(): without this the JVM would
        // never end
        System.exit(0);
    }

    /** Words that the SentencePiece vocabulary encodes as one token ("▁word"), so a text of n words has n tokens. */
    private static List<String> words(LlamaModel model) {
        List<String> words = new ArrayList<>();
        for (int id = 1000; id < 8000 && words.size() < 2000; id++) {
            String word = model.tokenizer().decode(new long[] {id}).trim();
            if (word.length() > 1 && word.chars().allMatch(Character::isLetter)
                    && model.tokenizer().encode(word).length == 1
                    && model.tokenizer().encode("a " + word).length == 2) {
                words.add(word);
            }
        }
        return words;
    }

    /** A text of single-token words with {@code tokens} tokens. */
    private static String fit(LlamaModel model, List<String> words, SplittableRandom random, int tokens) {
        return LlamaBench.text(words, random, tokens);
    }

    /** Generates greedily (no prompt cache: every call processes the prompt) and returns the tokens generated. */
    private static int cppGenerate(de.kherud.llama.LlamaModel cpp, String prompt, int tokens) {
        List<LlamaOutput> outputs = new ArrayList<>();
        for (LlamaOutput output : cpp.generate(new InferenceParameters(prompt).setTemperature(0)
                .setNPredict(tokens).setCachePrompt(false).setSeed(1))) {
            outputs.add(output);
        }
        // the binding ends a completion with an empty final output when the token limit is reached
        boolean emptyLast = !outputs.isEmpty() && outputs.get(outputs.size() - 1).text.isEmpty();
        return outputs.size() - (emptyLast ? 1 : 0);
    }
}
