package org.easy2hard.method.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.method.prompt.AnswerExtraction.AnswerType;

/**
 * A completion judged by the three extractors of {@link AnswerExtraction}; the paper's verdict is the one that counts.
 *
 * @param completion      the generated text
 * @param paperAnswer     the paper's extracted answer; empty when the completion has no trigger phrase
 * @param strictAnswer    the strict extractor's answer; empty when none
 * @param flexibleAnswer  the flexible extractor's answer; empty when none
 * @param paperCorrect    the paper's verdict
 * @param strictCorrect   whether the strict answer matches the gold answer
 * @param flexibleCorrect whether the flexible answer matches the gold answer
 */
public record AnswerCheck(String completion, Optional<String> paperAnswer, Optional<String> strictAnswer,
        Optional<String> flexibleAnswer, boolean paperCorrect, boolean strictCorrect, boolean flexibleCorrect) {

    /** Output keys, as the runner stores them with each item result. */
    public static final String COMPLETION = "completion";
    /** The paper's answer ("" when none). */
    public static final String ANSWER_PAPER = "answer.paper";
    /** The strict answer ("" when none). */
    public static final String ANSWER_STRICT = "answer.strict";
    /** The flexible answer ("" when none). */
    public static final String ANSWER_FLEXIBLE = "answer.flexible";

    /** Checks that nothing is null. */
    public AnswerCheck {
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(paperAnswer, "paperAnswer");
        Objects.requireNonNull(strictAnswer, "strictAnswer");
        Objects.requireNonNull(flexibleAnswer, "flexibleAnswer");
    }

    /**
     * Judges a completion against the gold answer.
     *
     * @param completion the generated text
     * @param gold       the gold answer (GSM8k number, StrategyQA yes/no)
     * @param type       number or yes/no
     * @param stop       the paper's stop string after the trigger ({@link AnswerExtraction#PROMPTING_STOP})
     */
    public static AnswerCheck of(String completion, String gold, AnswerType type, String stop) {
        Optional<String> paper = AnswerExtraction.paper(completion, type, stop);
        Optional<String> strict = AnswerExtraction.strict(completion, type);
        Optional<String> flexible = AnswerExtraction.flexible(completion, type);
        return new AnswerCheck(completion, paper, strict, flexible, AnswerExtraction.paperCorrect(paper, gold),
                AnswerExtraction.matches(strict, gold, type), AnswerExtraction.matches(flexible, gold, type));
    }

    /**
     * The completion, the three answers ({@code ""} when an extractor found none) and the three verdicts
     * ({@code correct.paper}, {@code correct.strict}, {@code correct.flexible}: {@code true}/{@code false}).
     */
    public Map<String, String> outputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(COMPLETION, completion);
        outputs.put(ANSWER_PAPER, paperAnswer.orElse(""));
        outputs.put(ANSWER_STRICT, strictAnswer.orElse(""));
        outputs.put(ANSWER_FLEXIBLE, flexibleAnswer.orElse(""));
        outputs.put("correct.paper", Boolean.toString(paperCorrect));
        outputs.put("correct.strict", Boolean.toString(strictCorrect));
        outputs.put("correct.flexible", Boolean.toString(flexibleCorrect));
        return outputs;
    }
}
