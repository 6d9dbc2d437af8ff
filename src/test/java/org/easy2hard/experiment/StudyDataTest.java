package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.HardnessMeasure;
import org.junit.jupiter.api.Test;

/** One data source per study: a paper dataset from a store, or data given loaded, resolved as the study is built. */
class StudyDataTest {

    private static final DataStore STORE = DataStore.at(Path.of("no-such-store"));

    @Test
    void aPaperDatasetIsNamedByItsShortNameAndStratifiedByItsMainMeasure() {
        EncoderStudy study = EncoderStudy.builder(STORE).setDataset(DatasetId.ARC).build();
        assertEquals("human_grade", study.measure());
        assertEquals(Path.of("runs", "arc-human_grade-bge-small-en-v1.5-s0"), study.runDirectory());
    }

    @Test
    void aMeasureNamedOnTheBuilderIsKept() {
        StudyData data = new StudyData.Paper(STORE, DatasetId.MMLU, null);
        assertEquals("question_num_words", data.measureName("question_num_words"));
        assertEquals("human_hardness", data.measureName(null));
    }

    @Test
    void aPaperStudyWithoutADatasetIsRefused() {
        NullPointerException error = assertThrows(NullPointerException.class,
                () -> EncoderStudy.builder(STORE).setMeasure("human_grade").build());
        assertEquals("dataset", error.getMessage());
    }

    @Test
    void givenDataKeepsItsChecksumsAndItsMeasuresRuleWinsOverAName() {
        HardnessMeasure mine = HardnessMeasure.of("num_steps", "steps", new BinningRule.Fixed(2, 4));
        EncoderStudy study = EncoderStudy.builder(Fixtures.dataset(), Map.of("synthetic.json", "abc"))
                .setMeasure("human_grade")
                .optMeasure(mine)
                .build();
        assertEquals("num_steps", study.measure());
        assertEquals(Path.of("runs", "synthetic-num_steps-bge-small-en-v1.5-s0"), study.runDirectory());
        StudyData data = new StudyData.Given(Fixtures.dataset(), Map.of("synthetic.json", "abc"), null)
                .withMeasure(mine);
        assertSame(mine, data.measure().orElseThrow());
        assertEquals(Map.of("synthetic.json", "abc"), data.checksums());
        assertEquals(DatasetId.STRATEGYQA, data.id());
    }
}
