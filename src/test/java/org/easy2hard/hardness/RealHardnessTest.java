package org.easy2hard.hardness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paper's bin counts and correlations (paper-spec §3.1 and §8) on the real data. */
class RealHardnessTest {

    private static Dataset arcProbing;
    private static Dataset arcAll;

    @BeforeAll
    static void loadArc() {
        DataStore store = SharedData.store();
        arcProbing = Datasets.arc(store);
        arcAll = Datasets.loadAll(DatasetId.ARC, store);
    }

    private static List<Integer> counts(Dataset dataset, String measure) {
        Map<Level, List<org.easy2hard.data.Item>> levels =
                Stratifier.fit(HardnessCatalog.find(dataset.id(), measure), dataset).split(dataset);
        return List.of(levels.get(Level.EASY).size(), levels.get(Level.MEDIUM).size(), levels.get(Level.HARD).size());
    }

    @Test
    void arcGradeBinsOnTheProbingSet() {
        assertEquals(List.of(1130, 803, 1588), counts(arcProbing, "human_grade"));
    }

    @Test
    void arcGradeBinsOnAll4521Items() {
        assertEquals(List.of(1434, 1055, 2032), counts(arcAll, "human_grade"));
    }

    @Test
    void arcDifficultyBinsOnTheProbingSet() {
        assertEquals(List.of(815, 2269, 437), counts(arcProbing, "human_difficulty"));
    }

    @Test
    void arcBloomBinsOnTheProbingSet() {
        assertEquals(List.of(1840, 1020, 661), counts(arcProbing, "human_bloom"));
    }

    @Test
    void arcDepthOfKnowledgeBinsOnTheProbingSet() {
        assertEquals(List.of(1837, 1542, 142), counts(arcProbing, "human_depth_of_knowledge"));
    }

    @Test
    void arcQuestionWordCutoffsAreThe30thAnd70thPercentiles() {
        Stratifier stratifier = Stratifier.fit(HardnessCatalog.find(DatasetId.ARC, "question_num_words"), arcProbing);
        assertEquals(new Cutoffs(12, 24), stratifier.cutoffs());
        assertEquals(List.of(1140, 1299, 1082), counts(arcProbing, "question_num_words"));
    }

    @Test
    void arcAnswerCharCutoffsAndBins() {
        Stratifier stratifier = Stratifier.fit(HardnessCatalog.find(DatasetId.ARC, "answer_num_chars"), arcProbing);
        assertEquals(new Cutoffs(11, 32), stratifier.cutoffs());
        assertEquals(List.of(1100, 1357, 1064), counts(arcProbing, "answer_num_chars"));
    }

    @Test
    void arcSpearmanCorrelationsMatchThePaperToTwoDecimals() {
        double[][] rho = HardnessTables.correlationMatrix(arcProbing, List.of("human_grade", "human_difficulty",
                "human_bloom", "human_depth_of_knowledge", "question_num_words", "answer_num_chars"));
        assertEquals(-0.01, round2(rho[0][1]));
        assertEquals(-0.03, round2(rho[0][2]));
        assertEquals(0.26, round2(rho[1][2]));
        assertEquals(0.91, round2(rho[2][3]));
        assertEquals(0.14, round2(rho[0][4]));
        assertEquals(0.05, round2(rho[0][5]));
        assertEquals(0.13, round2(rho[1][4]));
        assertEquals(0.16, round2(rho[1][5]));
        assertEquals(0.31, round2(rho[2][4]));
        assertEquals(0.24, round2(rho[2][5]));
    }

    @Test
    void mmluHasNoMediumBin() {
        Dataset mmlu = Datasets.mmlu(SharedData.store());
        assertEquals(List.of(1143, 0, 603), counts(mmlu, "human_hardness"));
    }

    @Test
    void gsm8kAnswerCharsHaveAnEmptyMediumBin() {
        Dataset gsm8k = Datasets.gsm8k(SharedData.store());
        Stratifier stratifier = Stratifier.fit(HardnessCatalog.find(DatasetId.GSM8K, "answer_num_chars"), gsm8k);
        assertEquals(new Cutoffs(2, 3), stratifier.cutoffs());
        assertEquals(0, counts(gsm8k, "answer_num_chars").get(1));
    }

    @Test
    void lengthCutoffsOfStrategyQaAndGsm8kMatchTheSpec() {
        Dataset strategyQa = Datasets.strategyQa(SharedData.store());
        Dataset gsm8k = Datasets.gsm8k(SharedData.store());
        assertEquals(new Cutoffs(8, 11), cutoffs(strategyQa, "question_num_words"));
        assertEquals(new Cutoffs(22, 34), cutoffs(strategyQa, "reasoning_num_words"));
        assertEquals(new Cutoffs(34, 51), cutoffs(gsm8k, "question_num_words"));
        assertEquals(new Cutoffs(33, 60), cutoffs(gsm8k, "reasoning_num_words"));
    }

    private static Cutoffs cutoffs(Dataset dataset, String measure) {
        return Stratifier.fit(HardnessCatalog.find(dataset.id(), measure), dataset).cutoffs();
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
