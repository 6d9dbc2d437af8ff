package org.easy2hard.experiment.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;
import org.easy2hard.model.ScriptedLanguageModel;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.easy2hard.model.openai.BigramLanguageModel;
import org.easy2hard.model.openai.LoopbackCompletionsServer;
import org.easy2hard.model.openai.OpenAiCompatibleModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memorisation scores: Min-K% Prob on hand-computed values, the answer request's truncation, a tiny Llama made to
 * memorise half of its items by weight edits (the scores separate them), independence from the batch, and the
 * one-line errors before any work.
 */
class MemorisationTest {

    /** 8 items of 10 distinct words each; items 0–3 are memorised. */
    private static final int ITEMS = 8;
    private static final int WORDS = 10;
    private static final int MEMORISED = 4;

    @TempDir
    static Path directory;
    private static LlamaModel llama;

    private static String word(int item, int position) {
        return "z" + item + "x" + position;
    }

    private static String answerWord(int item) {
        return "a" + item;
    }

    private static Item item(int i) {
        List<String> words = new ArrayList<>();
        for (int p = 0; p < WORDS; p++) {
            words.add(word(i, p));
        }
        return new Item("item" + i, DatasetId.ARC, "test", String.join(" ", words), List.of(answerWord(i), "red"),
                0, answerWord(i), "", List.of(), Map.of(), Map.of());
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(item(i));
        }
        return items;
    }

    /**
     * The known-answer construction: a bigram Llama (blocks zeroed, TinyLlamaFixture.makeBigram) whose head is edited
     * so that each memorised item's question is a chain of near-certain next words after "Question:", and its answer
     * word is likely after "Answer:". Unseen items' words keep the random weights.
     */
    @BeforeAll
    static void memorise() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            for (int p = 0; p < WORDS; p++) {
                extra.add(word(i, p));
            }
            extra.add(answerWord(i));
        }
        TinyLlamaFixture.Spec spec = TinyLlamaFixture.Spec.llama();
        TinyLlamaFixture tiny = TinyLlamaFixture.random(spec.withVocab(3 + TinyLlamaFixture.WORDS.size()
                + extra.size()), 5, extra).makeBigram();
        for (int i = 0; i < MEMORISED; i++) {
            // ":" ends both "Question:" and "Answer:", so it leads to each memorised question's first word and answer
            tiny.favour(":", word(i, 0), 40).favour(":", answerWord(i), 40);
            for (int p = 0; p + 1 < WORDS; p++) {
                tiny.favour(word(i, p), word(i, p + 1), 40);
            }
        }
        llama = LlamaModel.builder().setModel(tiny.write(directory.resolve("memorised"))).build();
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    private static MemorisationScores score(List<Item> items) {
        return Memorisation.score(new Dataset(DatasetId.ARC, "arc", items), llama, "tiny",
                Memorisation.Options.defaults(), Progress.NONE);
    }

    @Test
    void minKIsTheMeanOfTheLowestKPercentOfTokenLogProbabilities() {
        double[] values = {-0.1, -2.0, -0.5, -3.0, -1.0, -0.2, -4.0, -0.3, -0.05, -0.6};
        assertEquals((-4.0 - 3.0) / 2, Memorisation.minKPercent(values, 20), 1e-12); // floor(2.0) = 2 tokens
        assertEquals((-4.0 - 3.0) / 2, Memorisation.minKPercent(values, 25), 1e-12); // floor(2.5) = 2 tokens
        assertEquals((-4.0 - 3.0 - 2.0) / 3, Memorisation.minKPercent(values, 30), 1e-12);
        assertEquals(-4.0, Memorisation.minKPercent(values, 5), 1e-12); // floor(0.5) = 0: at least one token
        assertEquals(-11.75 / 10, Memorisation.minKPercent(values, 100), 1e-12);
        assertEquals(-0.7, Memorisation.minKPercent(new double[] {-0.7}, 20), 1e-12);
    }

    @Test
    void theAnswerIsScoredAfterTheFirstHalfOfTheQuestionsWords() {
        Item item = new Item("q", DatasetId.ARC, "test", "  Which gas do plants take in ? ", List.of("CO2", "O2"), 0,
                "CO2", "", List.of(), Map.of(), Map.of());
        var request = Memorisation.answerRequest(item, 0.5);
        assertEquals("Question: Which gas do plants\nAnswer:", request.context()); // ceil(0.5 · 7) = 4 words
        assertEquals(" CO2", request.continuation());
        assertEquals("Question: Which\nAnswer:", Memorisation.answerRequest(item, 0.01).context());
        assertEquals("Question: Which gas do plants take in ?\nAnswer:", Memorisation.answerRequest(item, 1).context());
        assertEquals(new org.easy2hard.model.LogLikelihoodRequest("Question:", " Which gas do plants take in ?"),
                Memorisation.questionRequest(item));
    }

    @Test
    void scoresSeparateMemorisedFromUnseenItems() {
        MemorisationScores scores = score(items());
        for (int m = 0; m < MEMORISED; m++) {
            for (int u = MEMORISED; u < ITEMS; u++) {
                String memorised = "item" + m;
                String unseen = "item" + u;
                assertTrue(scores.minK().get(memorised) > scores.minK().get(unseen), scores.minK().toString());
                assertTrue(scores.answer().get(memorised) > scores.answer().get(unseen), scores.answer().toString());
            }
        }
        // Not a near tie: every memorised item is at least a nat more familiar than any unseen one.
        double lowestMemorised = scores.minK().entrySet().stream().filter(e -> e.getKey().compareTo("item4") < 0)
                .mapToDouble(Map.Entry::getValue).min().orElseThrow();
        double highestUnseen = scores.minK().entrySet().stream().filter(e -> e.getKey().compareTo("item4") >= 0)
                .mapToDouble(Map.Entry::getValue).max().orElseThrow();
        assertTrue(lowestMemorised > highestUnseen + 1, scores.minK().toString());
        // As hardness, the memorised items are the familiar (easy) ones: surprise = −score.
        Dataset scored = scores.apply(new Dataset(DatasetId.ARC, "arc", items()));
        assertEquals(-scores.minK().get("item5"), scored.items().get(5).hardness(MemorisationScores.MIN_K_MEASURE)
                .getAsDouble(), 0);
    }

    @Test
    void anItemsScoreDoesNotDependOnTheOtherItemsScoredOrTheirOrder() {
        List<Item> items = items();
        MemorisationScores together = score(items);
        List<Item> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        MemorisationScores backwards = score(reversed);
        for (Item item : items) {
            MemorisationScores alone = score(List.of(item));
            MemorisationScores withOthers = score(List.of(items.get(ITEMS - 1 - Integer.parseInt(item.id()
                    .substring(4))), item));
            for (MemorisationScores other : List.of(alone, withOthers, backwards)) {
                assertEquals(together.minK().get(item.id()), other.minK().get(item.id()), 1e-5, item.id());
                assertEquals(together.answer().get(item.id()), other.answer().get(item.id()), 1e-5, item.id());
            }
        }
    }

    @Test
    void kOutsideZeroToHundredFailsInOneLine() {
        for (double k : new double[] {0, -5, 100.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Memorisation.Options(k, 0.5));
            assertEquals("k of Min-K% Prob must be in (0, 100] percent, got " + k, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Memorisation.Options(20, 0));
    }

    @Test
    void aServerWithoutPromptLogProbabilitiesFailsAfterOneRequest() throws IOException {
        try (LoopbackCompletionsServer server = LoopbackCompletionsServer.start(new BigramLanguageModel(true),
                "bigram").withholdPromptLogprobs(true);
                OpenAiCompatibleModel model = OpenAiCompatibleModel.builder().optOptionTokens(OptionTokens.JOINT)
                        .setModel("bigram").setBaseUrls(List.of(server.baseUrl())).optApiKey(() -> null)
                        .optRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4)).optNoRequestCache().build()) {
            Dataset data = new Dataset(DatasetId.ARC, "arc", items());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Memorisation.score(data,
                    model, "bigram", Memorisation.Options.defaults(), Progress.NONE));
            assertTrue(e.getMessage().startsWith("model bigram returns no token log-probabilities, which memorisation "
                    + "scores need"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            assertEquals(1, server.requests(), "one probe request, nothing else");
        }
    }

    @Test
    void aServerWithPromptLogProbabilitiesGivesTheBigramsHandComputedMinK() throws IOException {
        try (LoopbackCompletionsServer server = LoopbackCompletionsServer.start(new BigramLanguageModel(true),
                "bigram");
                OpenAiCompatibleModel model = OpenAiCompatibleModel.builder().optOptionTokens(OptionTokens.JOINT)
                        .setModel("bigram").setBaseUrls(List.of(server.baseUrl())).optApiKey(() -> null)
                        .optRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4)).optNoRequestCache().build()) {
            Item item = new Item("cat", DatasetId.ARC, "test", "the cat sat on the mat", List.of("yes", "no"), 0,
                    "yes", "", List.of(), Map.of(), Map.of());
            MemorisationScores scores = Memorisation.score(new Dataset(DatasetId.ARC, "arc", List.of(item)), model,
                    "bigram", Memorisation.Options.defaults(), Progress.NONE);
            // " the" after ":" (1/115), " cat" (20/133), " sat" (30/134), " on" (30/134), " the" (30/134),
            // " mat" (10/133): 6 tokens, floor(1.2) = 1, the lowest is log(1/115).
            assertEquals(Math.log(1.0 / 115), scores.minK().get("cat"), 1e-9);
            // "Answer:" then " yes": 8/115 after ":".
            assertEquals(Math.log(8.0 / 115), scores.answer().get("cat"), 1e-9);
        }
    }

    @Test
    void anItemWithoutAnAnswerFailsBeforeAnyScoring() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("s", 4096, (c, t) -> -1.0, p -> "");
        Item blank = new Item("blank", DatasetId.ARC, "test", "what ?", List.of(" ", "x"), 0, " ", "", List.of(),
                Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Memorisation.score(
                new Dataset(DatasetId.ARC, "arc", List.of(item(0), blank)), model, "s",
                Memorisation.Options.defaults(), Progress.NONE));
        assertEquals("item blank of arc has an empty gold answer: memorisation scores need both", e.getMessage());
        assertTrue(model.scored.isEmpty());
    }
}
