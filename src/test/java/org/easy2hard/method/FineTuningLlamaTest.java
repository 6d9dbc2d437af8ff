package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraConfig;
import org.easy2hard.model.lora.LoraLlama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA fine-tuning on tiny generated Llama models (the llama package's fixture): gradients, learning with a frozen
 * base, determinism, saved adapters and the memory error.
 */
class FineTuningLlamaTest {

    private static final List<String> QUESTIONS = List.of("w33", "w34", "w35", "w36", "w37", "w38", "w39", "w40");
    private static final List<String> ANSWERS = List.of("blue", "red", "green", "dog", "cat", "sky", "grass", "paris");
    /** The hidden rule: question i is answered by ANSWERS[RULE[i]]. */
    private static final int[] RULE = {5, 2, 7, 0, 3, 6, 1, 4};

    @TempDir
    static Path dir;
    private static LlamaModel llama;
    private static LoraLlama model;

    @BeforeAll
    static void open() {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 17).write(dir.resolve("tiny"));
        llama = LlamaModel.builder().setModel(modelDir).optCache(CacheDirectory.at(dir.resolve("cache")))
                .optBatchSize(16).build();
        model = new LoraLlama(llama);
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    /** Items of the synthetic task: a question word, four answer words, gold by the hidden rule. */
    static List<Item> items(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int q = random.nextInt(QUESTIONS.size());
            String answer = ANSWERS.get(RULE[q]);
            int gold = random.nextInt(4);
            List<String> options = new ArrayList<>();
            while (options.size() < 4) {
                String option = options.size() == gold ? answer : ANSWERS.get(random.nextInt(ANSWERS.size()));
                if (!options.contains(option) && (option.equals(answer) == (options.size() == gold))) {
                    options.add(option);
                }
            }
            items.add(new Item("t" + seed + "-" + i, DatasetId.ARC, "synthetic", QUESTIONS.get(q), options, gold,
                    answer, "", List.of(), Map.of(), Map.of()));
        }
        return items;
    }

    static String prompt(Item item) {
        return "Question : " + item.question() + " Answer :";
    }

    private static FineTuningMethod.Builder method(LoraTrainer trainer) {
        return FineTuningMethod.builder().setModel(model).optTrainer(trainer)
                .optPrompt(FineTuningLlamaTest::prompt, "synthetic");
    }

    private static LoraTrainer fastTrainer() {
        return LoraTrainer.builder().optLearningRate(1e-2).optMinUpdates(30).optMaxBatch(32).optDeviceBatch(8).build();
    }

    private static double accuracy(List<Prediction> predictions, List<Item> items) {
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            correct += predictions.get(i).isCorrect(items.get(i)) ? 1 : 0;
        }
        return correct / (double) items.size();
    }

    private static Map<NDArray, float[]> snapshotBaseWeights() {
        Map<NDArray, float[]> values = new LinkedHashMap<>();
        for (NDArray array : llama.network().manager().getManagedArrays()) {
            values.put(array, array.toFloatArray());
        }
        return values;
    }

    /** Autograd's gradient of the MC loss w.r.t. every LoRA value matches central differences. */
    @Test
    void loraGradientsMatchFiniteDifferences() {
        LoraConfig config = LoraConfig.paper().withRank(4);
        List<Item> train = items(3, 5);
        try (LoraAdapters adapters = LoraAdapters.initialize(config, model.loraTargets(config.targetModules()), 3,
                llama.manager().getDevice())) {
            SplittableRandom random = new SplittableRandom(8);
            // B = 0 would leave A without gradient: start from a point where both have one.
            for (Map.Entry<String, NDArray> entry : adapters.parameters().entrySet()) {
                if (entry.getKey().contains("lora_B")) {
                    float[] values = new float[(int) entry.getValue().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (random.nextGaussian() * 0.3);
                    }
                    entry.getValue().stopGradient().addi(entry.getValue().getManager().create(values,
                            entry.getValue().getShape()));
                }
            }
            adapters.trainWithoutDropout();
            MultipleChoiceObjective objective = new MultipleChoiceObjective(model, adapters, train,
                    FineTuningLlamaTest::prompt, FineTuningMethod::optionContinuations);
            int[] all = {0, 1, 2};
            Engine engine = Engine.getEngine("PyTorch");
            Map<String, float[]> gradients = new LinkedHashMap<>();
            try (NDManager scope = llama.manager().newSubManager();
                    GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(objective.loss(scope, all));
                adapters.parameters().forEach((name, array) -> gradients.put(name, array.getGradient().toFloatArray()));
            }
            // The directional derivative along a random unit direction, and the three largest coordinates.
            Map<String, float[]> direction = new LinkedHashMap<>();
            double norm = 0;
            for (Map.Entry<String, float[]> entry : gradients.entrySet()) {
                float[] u = new float[entry.getValue().length];
                for (int i = 0; i < u.length; i++) {
                    u[i] = (float) random.nextGaussian();
                    norm += u[i] * u[i];
                }
                direction.put(entry.getKey(), u);
            }
            double directional = 0;
            for (Map.Entry<String, float[]> entry : direction.entrySet()) {
                float[] g = gradients.get(entry.getKey());
                for (int i = 0; i < g.length; i++) {
                    entry.getValue()[i] /= (float) Math.sqrt(norm);
                    directional += g[i] * entry.getValue()[i];
                }
            }
            double eps = 1e-2;
            double numeric = (loss(adapters, objective, direction, eps) - loss(adapters, objective, direction, -eps))
                    / (2 * eps);
            assertEquals(directional, numeric, 2e-3 * Math.abs(directional) + 1e-4, "directional derivative");
            List<String[]> largest = largestCoordinates(gradients, 3);
            for (String[] coordinate : largest) {
                String name = coordinate[0];
                int index = Integer.parseInt(coordinate[1]);
                Map<String, float[]> unit = new LinkedHashMap<>();
                gradients.forEach((key, g) -> unit.put(key, new float[g.length]));
                unit.get(name)[index] = 1f;
                double h = 1e-2;
                double fd = (loss(adapters, objective, unit, h) - loss(adapters, objective, unit, -h)) / (2 * h);
                double analytic = gradients.get(name)[index];
                assertEquals(analytic, fd, 2e-3 * Math.abs(analytic) + 1e-4, name + "[" + index + "]");
            }
        }
    }

    /** The loss at the adapters moved by step * direction (restored afterwards). */
    private static double loss(LoraAdapters adapters, MultipleChoiceObjective objective,
            Map<String, float[]> direction, double step) {
        List<float[]> saved = new ArrayList<>();
        Map<String, NDArray> parameters = adapters.parameters();
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray array = entry.getValue();
            saved.add(array.toFloatArray());
            float[] moved = array.toFloatArray();
            float[] u = direction.get(entry.getKey());
            for (int i = 0; i < moved.length; i++) {
                moved[i] += (float) (step * u[i]);
            }
            assign(array, moved);
        }
        try (NDManager scope = llama.manager().newSubManager()) {
            return objective.loss(scope, new int[] {0, 1, 2}).getFloat();
        } finally {
            int k = 0;
            for (NDArray array : parameters.values()) {
                assign(array, saved.get(k++));
            }
        }
    }

    /** Writes values into a parameter's storage (in place, outside autograd). */
    private static void assign(NDArray parameter, float[] values) {
        try (NDArray view = parameter.stopGradient();
                NDArray source = parameter.getManager().create(values, parameter.getShape())) {
            view.muli(0f).addi(source);
        }
    }

    private static List<String[]> largestCoordinates(Map<String, float[]> gradients, int count) {
        List<String[]> coordinates = new ArrayList<>();
        List<Float> magnitudes = new ArrayList<>();
        gradients.forEach((name, g) -> {
            for (int i = 0; i < g.length; i++) {
                coordinates.add(new String[] {name, Integer.toString(i)});
                magnitudes.add(Math.abs(g[i]));
            }
        });
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < coordinates.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Float.compare(magnitudes.get(y), magnitudes.get(x)));
        List<String[]> top = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            top.add(coordinates.get(order.get(i)));
        }
        return top;
    }

    @Test
    void loraLearnsATaskTheBaseModelCannotDoWhileTheBaseStaysBitIdentical() {
        List<Item> train = items(96, 1);
        List<Item> test = items(64, 2);
        Map<NDArray, float[]> before = snapshotBaseWeights();
        FineTuningMethod method = method(fastTrainer()).build();
        FineTuningMethod.FittedAdapters fitted = method.fit(train, 0, Progress.NONE);
        double after = accuracy(fitted.predict(test, Progress.NONE), test);
        // The base model: fresh adapters (B = 0) change nothing.
        double base;
        try (LoraAdapters fresh = LoraAdapters.initialize(LoraConfig.paper(),
                model.loraTargets(LoraConfig.PAPER_TARGETS), 0, llama.manager().getDevice())) {
            base = accuracy(score(model.withAdapters(fresh), test), test);
        }
        assertTrue(base < 0.5, "base accuracy " + base);
        assertTrue(after > 0.95, "fine-tuned accuracy " + after + " (base " + base + ")");
        before.forEach((array, values) -> assertArrayEquals(values, array.toFloatArray()));
        double[] losses = fitted.record().losses();
        assertTrue(losses[losses.length - 1] < 0.2 * losses[0], losses[0] + " -> " + losses[losses.length - 1]);
    }

    private static List<Prediction> score(LanguageModel adapted, List<Item> items) {
        List<LogLikelihoodRequest> requests = new ArrayList<>();
        for (Item item : items) {
            for (String continuation : FineTuningMethod.optionContinuations(item)) {
                requests.add(new LogLikelihoodRequest(prompt(item), continuation));
            }
        }
        var scores = adapted.logLikelihoods(requests);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            double[] s = new double[4];
            for (int o = 0; o < 4; o++) {
                s[o] = scores.get(4 * i + o).logProbability();
            }
            predictions.add(Prediction.argmax(items.get(i).id(), Softmax.of(s, 1.0)));
        }
        return predictions;
    }

    /**
     * The default trainer runs the authors' loop: at n = 160 without chain of thought it makes their 9 updates with
     * Llama-2-70b's one-item device batches (this toolkit's former schedule made 12), clipping after every device
     * batch and stepping where the re-implementation of their loop does, with their learning rates.
     */
    @Test
    void theDefaultScheduleIsTheAuthorsLoopWith9UpdatesAt160Items() {
        TrainingRecord record = FineTuningMethod.builder().setModel(model)
                .optPrompt(FineTuningLlamaTest::prompt, "synthetic").build()
                .fit(items(160, 21), 0, Progress.NONE).record();
        AuthorsFinetuneLoop loop = new AuthorsFinetuneLoop(160, 1, 10, LoraTrainer.PAPER_LEARNING_RATE);
        assertEquals(9, record.losses().length);
        assertEquals(TrainingSchedule.PAPER, record.schedule());
        assertArrayEquals(loop.stepPoints(), record.updatePoints());
        assertArrayEquals(loop.clipPoints(), record.clipPoints());
        assertEquals(480, record.clipPoints().length);
        assertArrayEquals(loop.learningRates(), record.learningRates(), 1e-15);
        assertEquals(50.0, record.diagnostics().get("effective_batch"));
    }

    /** Device batches of 9 and 3 items (7b, 13b): 45 and 48 items per update, 10 updates each, as their loop. */
    @Test
    void paperDeviceBatchesOf9And3ItemsFollowTheAuthorsLoop() {
        List<Item> train = items(160, 22);
        int[] deviceBatches = {9, 3};
        for (int d : deviceBatches) {
            LoraTrainer trainer = LoraTrainer.builder().optDeviceBatch(d).build();
            TrainingRecord record = method(trainer).build().fit(train, 1, Progress.NONE).record();
            AuthorsFinetuneLoop loop = new AuthorsFinetuneLoop(160, d, 10, LoraTrainer.PAPER_LEARNING_RATE);
            assertArrayEquals(loop.stepPoints(), record.updatePoints(), "device batch " + d);
            assertArrayEquals(loop.clipPoints(), record.clipPoints(), "device batch " + d);
            assertArrayEquals(loop.learningRates(), record.learningRates(), 1e-15);
            assertEquals(10, record.losses().length);
            assertEquals(loop.accumulation * loop.itemsPerBatch, record.diagnostics().get("effective_batch"));
            // The update's recorded norm is the clip's just before it: the clip of the accumulated gradient.
            double[] clipNorms = record.clipNorms();
            for (int u = 0; u < record.updatePoints().length; u++) {
                assertEquals(clipNorms[record.updatePoints()[u] - 1], record.gradientNorms()[u]);
            }
        }
    }

    /** The former schedule stays available: every batch of 50 applied, 12 updates, clipped only at the updates. */
    @Test
    void theExactScheduleAppliesEveryBatch() {
        LoraTrainer trainer = LoraTrainer.builder().optSchedule(TrainingSchedule.EXACT).build();
        TrainingRecord record = method(trainer).build().fit(items(160, 23), 2, Progress.NONE).record();
        assertEquals(12, record.losses().length);
        assertArrayEquals(record.updatePoints(), record.clipPoints());
        assertEquals(50.0, record.diagnostics().get("effective_batch"));
        assertTrue(method(trainer).build().settings().get("train.schedule").startsWith("exact"));
        assertTrue(method(fastTrainer()).build().settings().get("train.schedule").startsWith("paper"));
    }

    @Test
    void trainingIsDeterministicForAFixedSeed() {
        List<Item> train = items(40, 3);
        LoraTrainer trainer = LoraTrainer.builder().optLearningRate(1e-2).optMinUpdates(4).optMaxBatch(16).build();
        FineTuningMethod method = method(trainer).build();
        FineTuningMethod.FittedAdapters first = method.fit(train, 7, Progress.NONE);
        FineTuningMethod.FittedAdapters second = method.fit(train, 7, Progress.NONE);
        assertArrayEquals(first.record().losses(), second.record().losses());
        first.values().forEach((name, values) -> assertArrayEquals(values, second.values().get(name), name));
    }

    @Test
    void aSavedAdapterReloadsToIdenticalScores() throws Exception {
        List<Item> train = items(20, 4);
        List<Item> test = items(12, 6);
        LoraTrainer trainer = LoraTrainer.builder().optLearningRate(1e-2).optMinUpdates(3).build();
        Path saved = dir.resolve("adapters");
        FineTuningMethod.FittedAdapters trained = method(trainer).optAdapterDirectory(saved).build()
                .fit(train, 11, Progress.NONE);
        List<Prediction> original = trained.predict(test, Progress.NONE);
        assertTrue(LoraAdapters.exists(trained.directory()));
        FineTuningMethod.FittedAdapters reloaded = method(trainer).optAdapterDirectory(saved).build()
                .fit(train, 11, Progress.NONE);
        assertEquals(1.0, reloaded.diagnostics().get("reloaded"));
        assertEquals(trained.diagnostics().get("loss.final"), reloaded.diagnostics().get("loss.final"));
        assertEquals(original, reloaded.predict(test, Progress.NONE));
        try (LoraAdapters loaded = LoraAdapters.load(trained.directory(), llama.manager().getDevice())) {
            assertEquals("11", loaded.metadata().get("seed"));
            assertEquals(llama.identity().cacheKey(), loaded.metadata().get("base_model_identity"));
            assertEquals(original, score(model.withAdapters(loaded), test));
        }
    }

    @Test
    void anItemTooLargeForTheMemoryBudgetIsAClearError() {
        LoraTrainer trainer = LoraTrainer.builder().optMemoryBudget(64 * 1024).build();
        MemoryBudgetExceededException error = assertThrows(MemoryBudgetExceededException.class,
                () -> method(trainer).build().fit(items(5, 1), 0, Progress.NONE));
        assertTrue(error.getMessage().startsWith("training example 't1-0' (4 sequence(s), longest 6 tokens) alone "
                + "needs about "), error.getMessage());
        assertTrue(error.getMessage().contains("budget of 64.0 KiB"), error.getMessage());
    }

    /** The chain-of-thought objective: the LM loss on reasoning + answer + EOS falls; answers are generated. */
    @Test
    void chainOfThoughtTrainingLowersTheTargetLossAndAnswersByGeneration() {
        List<Item> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String q = QUESTIONS.get(i);
            String answer = i % 2 == 0 ? "yes" : "no";
            train.add(new Item("c" + i, DatasetId.STRATEGYQA, "synthetic", q, List.of("yes", "no"),
                    answer.equals("yes") ? 0 : 1, answer, "the sky is " + ANSWERS.get(RULE[i]) + " .", List.of(),
                    Map.of(), Map.of()));
        }
        LoraTrainer trainer = LoraTrainer.builder().optLearningRate(2e-2).optMinUpdates(20).build();
        FineTuningMethod method = org.easy2hard.method.prompt.PromptedFineTuning
                .builder(model, DatasetId.STRATEGYQA, true, "tiny").optTrainer(trainer).build();
        assertEquals(" the sky is sky . So the answer is yes", FineTuningMethod.chainOfThoughtTarget(train.get(0)));
        FineTuningMethod.FittedAdapters fitted = method.fit(train, 2, Progress.NONE);
        double[] losses = fitted.record().losses();
        assertEquals(20, losses.length);
        assertTrue(losses[19] < 0.5 * losses[0], losses[0] + " -> " + losses[19]);
        List<Prediction> predictions = fitted.predict(train.subList(0, 2), Progress.NONE);
        assertTrue(predictions.get(0).isGenerated());
        assertTrue(predictions.get(0).outputs().containsKey("completion"));
        assertTrue(predictions.get(0).outputs().containsKey("answer.flexible"), predictions.get(0).toString());
    }
}
