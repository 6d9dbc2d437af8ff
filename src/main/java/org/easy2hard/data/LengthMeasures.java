package org.easy2hard.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** The paper's added length columns (paper-spec §2, "Added columns"), computed the same way for every dataset. */
final class LengthMeasures {

    private LengthMeasures() {
    }

    /**
     * @param question  the question text
     * @param answer    the gold answer string
     * @param reasoning the reasoning text, or null when the dataset has none
     */
    static Map<String, Double> of(String question, String answer, String reasoning) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("question_num_words", (double) Text.wordCount(question));
        values.put("answer_num_words", (double) Text.wordCount(answer));
        values.put("answer_num_chars", (double) Text.charCount(answer));
        if (reasoning != null) {
            // The paper turns newlines into spaces before splitting; whitespace splitting already does that.
            values.put("reasoning_num_words", (double) Text.wordCount(reasoning));
        }
        return values;
    }
}
