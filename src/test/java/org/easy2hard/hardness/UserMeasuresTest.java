package org.easy2hard.hardness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.data.UserDataset;
import org.easy2hard.data.UserDatasetLoader;
import org.junit.jupiter.api.Test;

/** A user dataset's measures: 30/70 quantile cutoffs by default, the user's own rule where given. */
class UserMeasuresTest {

    private final UserDataset data = UserDatasetLoader.builder().build()
            .load(Path.of("src/test/resources/org/easy2hard/data/user/questions.csv"));

    private List<String> ids(Stratifier stratifier, Level level) {
        return stratifier.split(data.dataset()).get(level).stream().map(Item::id).toList();
    }

    @Test
    void fileColumnsGetThirtySeventyQuantileCutoffsByDefault() {
        HardnessMeasure steps = UserMeasures.find(UserMeasures.of(data), "steps");
        Stratifier stratifier = Stratifier.fit(steps, data.dataset());
        // steps 1, 2, -, 3, 2.5: numpy's linear 30th / 70th percentiles of [1, 2, 2.5, 3] are 1.9 and 2.55.
        assertEquals(1.9, stratifier.cutoffs().easyMax(), 1e-12);
        assertEquals(2.55, stratifier.cutoffs().hardMin(), 1e-12);
        assertEquals(List.of("q1"), ids(stratifier, Level.EASY));
        assertEquals(List.of("q2", "q5"), ids(stratifier, Level.MEDIUM));
        assertEquals(List.of("q4"), ids(stratifier, Level.HARD));
    }

    @Test
    void aGivenRuleReplacesTheQuantiles() {
        List<HardnessMeasure> measures = UserMeasures.of(data, Map.of("grade", new BinningRule.Fixed(2, 5)));
        Stratifier stratifier = Stratifier.fit(UserMeasures.find(measures, "grade"), data.dataset());
        assertEquals(List.of("q1"), ids(stratifier, Level.EASY));
        assertEquals(List.of("q4"), ids(stratifier, Level.MEDIUM));
        assertEquals(List.of("q2", "q3"), ids(stratifier, Level.HARD));
    }

    @Test
    void aRuleForAnUnknownMeasureIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> UserMeasures.of(data, Map.of("depth", new BinningRule.Fixed(1, 3))));
        assertEquals("cutoffs given for [depth], which questions does not have; its measures are [steps, grade, "
                + "question_num_words, answer_num_words, answer_num_chars, reasoning_num_words]", error.getMessage());
    }
}
