package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The loaders on the real shared data: the paper's sizes, item for item where the spec gives them. */
class RealDatasetsTest {

    private final DataStore store = SharedData.store();

    @Test
    void arcHas4521AnnotatedItems2950FromEasyAnd1571FromChallenge() {
        Dataset all = Datasets.loadAll(DatasetId.ARC, store);
        Map<Boolean, Long> fromEasy = all.items().stream()
                .collect(Collectors.partitioningBy(item -> item.split().startsWith("ARC-Easy/"), Collectors.counting()));
        assertEquals(4521, all.size());
        assertEquals(2950, fromEasy.get(true));
        assertEquals(1571, fromEasy.get(false));
    }

    @Test
    void arcProbingSetLeavesOutTheThousandHoldOutIds() {
        Dataset probing = Datasets.arc(store);
        assertEquals(3521, probing.size());
        assertTrue(HoldOut.arcIds().stream().noneMatch(probing::contains));
    }

    @Test
    void arcQuestionFilesHold7787ItemsWithThreeFourAndFiveOptions() {
        Dataset questions = new ArcLoader().loadQuestions(store);
        assertEquals(7787, questions.size());
        Map<Integer, Long> byOptionCount = questions.items().stream()
                .collect(Collectors.groupingBy(item -> item.options().size(), Collectors.counting()));
        assertEquals(Map.of(3, 22L, 4, 7750L, 5, 15L), byOptionCount);
    }

    @Test
    void arcNumericAnswerLabelsPointAtTheRightOption() {
        Item item = new ArcLoader().loadQuestions(store).find("NYSEDREGENTS_2014_8_38").orElseThrow();
        assertEquals("1", item.attributes().get("answer_key"));
        assertEquals(0, item.goldIndex());
        assertEquals("a definite shape and a definite volume", item.answer());
    }

    @Test
    void arcFiveOptionItemKeepsItsFifthOption() {
        Item item = new ArcLoader().loadQuestions(store).find("TIMSS_2003_8_pg29").orElseThrow();
        assertEquals(5, item.options().size());
        assertEquals(4, item.goldIndex());
    }

    @Test
    void arcAnnotationsBecomeThePapersNumericCodes() {
        Item item = Datasets.loadAll(DatasetId.ARC, store).find("Mercury_SC_407695").orElseThrow();
        // annotation: Grade 04, Applying, depth II, Medium
        assertEquals(4.0, item.hardness("human_grade").orElseThrow());
        assertEquals(3.0, item.hardness("human_bloom").orElseThrow());
        assertEquals(2.0, item.hardness("human_depth_of_knowledge").orElseThrow());
        assertEquals(2.0, item.hardness("human_difficulty").orElseThrow());
    }

    @Test
    void mmluStem5Has1143HighSchoolAnd603CollegeItems() {
        Dataset mmlu = Datasets.mmlu(store);
        Map<Double, Long> byLevel = mmlu.items().stream().collect(Collectors.groupingBy(
                item -> item.hardness("human_hardness").orElseThrow(), Collectors.counting()));
        assertEquals(1746, mmlu.size());
        assertEquals(Map.of(0.0, 1143L, 1.0, 603L), byLevel);
    }

    @Test
    void mmluKeepsTheSubjectOfEachItem() {
        Map<String, Long> bySubject = Datasets.mmlu(store).items().stream()
                .collect(Collectors.groupingBy(item -> item.attributes().get("subject"), Collectors.counting()));
        assertEquals(10, bySubject.size());
        assertEquals(310L + 32L, bySubject.get("high_school_biology"));
        assertEquals(102L + 11L, bySubject.get("college_physics"));
    }

    @Test
    void mmluQuotedFieldsWithNewlinesStayInOneItem() {
        long multiLine = Datasets.mmlu(store).items().stream().filter(item -> item.question().contains("\n")).count();
        assertTrue(multiLine > 0, "some MMLU questions span several lines inside quotes");
        Datasets.mmlu(store).forEach(item -> assertEquals(4, item.options().size()));
    }

    @Test
    void strategyQaHas2290QuestionsWith46Point8PercentYes() {
        Dataset strategyQa = Datasets.strategyQa(store);
        long yes = strategyQa.items().stream().filter(item -> item.goldIndex() == 0).count();
        assertEquals(2290, strategyQa.size());
        assertEquals(1071, yes);
        assertEquals(46.8, Math.round(1000.0 * yes / strategyQa.size()) / 10.0);
    }

    @Test
    void strategyQaReasoningIsTheFactsJoinedBySpaces() {
        Item item = Datasets.strategyQa(store).find("2bc9c4f9c19c167187f2").orElseThrow();
        assertEquals(List.of("yes", "no"), item.options());
        assertEquals("yes", item.answer());
        assertTrue(item.reasoning().startsWith("Julius Caesar had three children. Genghis Khan had sixteen children."));
        assertEquals(3.0, item.hardness("num_steps").orElseThrow());
    }

    @Test
    void gsm8kHas8792ItemsAndA7792ItemProbingSet() {
        assertEquals(8792, Datasets.loadAll(DatasetId.GSM8K, store).size());
        assertEquals(7792, Datasets.gsm8k(store).size());
    }

    @Test
    void gsm8kSplitsReasoningFromTheAnswerAtTheMarker() {
        Item item = Datasets.loadAll(DatasetId.GSM8K, store).find("train:1").orElseThrow();
        assertFalse(item.isMultipleChoice());
        assertEquals("10", item.answer());
        assertEquals("Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\n"
                + "Working 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10.", item.reasoning());
        assertEquals(2.0, item.hardness("num_steps").orElseThrow());
    }

    @Test
    void gsm8kStepsAreCappedAtTen() {
        double max = Datasets.loadAll(DatasetId.GSM8K, store).items().stream()
                .mapToDouble(item -> item.hardness("num_steps").orElseThrow()).max().orElseThrow();
        assertEquals(10.0, max);
    }

    @Test
    void datasetBecomesATableWithOneRowPerItemAndAColumnPerMeasure() {
        Table table = Datasets.mmlu(store).toTable();
        assertEquals(1746, table.rowCount());
        assertTrue(table.columnNames().containsAll(List.of("id", "question", "subject", "human_hardness",
                "question_num_words", "answer_num_chars")));
        assertEquals(603, table.doubleColumn("human_hardness").sum());
    }
}
