package org.easy2hard.method;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;

/**
 * The paper's rule for judging a generated chain-of-thought answer (paper-spec §5.7), used by the fine-tuned arm
 * until a caller plugs in the prompting arms' extraction: lowercase and strip; take the text after the trigger
 * {@code "the answer is"} (no trigger: wrong); cut at an optional stop string; strip whitespace and periods; for
 * GSM8k keep the digits and periods of the last two whitespace tokens, else the last word with a digit; correct when
 * equal to the gold answer, lowercased and stripped. For multiple-choice items the predicted option is the one whose
 * text equals the answer, else -1.
 */
final class PaperAnswerRule implements FineTuningMethod.AnswerJudge {

    private static final String TRIGGER = "the answer is";

    @Override
    public Prediction judge(Item item, String completion) {
        String answer = extract(item.dataset(), completion);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("completion", completion);
        outputs.put("answer.paper", answer == null ? "" : answer);
        String gold = item.answer().toLowerCase(Locale.ROOT).strip();
        boolean correct = answer != null && answer.equals(gold);
        int predicted = -1;
        for (int i = 0; answer != null && i < item.options().size(); i++) {
            if (item.options().get(i).toLowerCase(Locale.ROOT).strip().equals(answer)) {
                predicted = i;
                break;
            }
        }
        return Prediction.generated(item.id(), predicted, correct, outputs);
    }

    /** The extracted answer, or null when the trigger phrase is missing. */
    static String extract(DatasetId dataset, String completion) {
        String text = completion.toLowerCase(Locale.ROOT).strip();
        int at = text.indexOf(TRIGGER);
        if (at < 0) {
            return null;
        }
        String answer = stripPeriods(text.substring(at + TRIGGER.length()));
        if (dataset == DatasetId.GSM8K) {
            String[] words = answer.split("\\s+");
            StringBuilder kept = new StringBuilder();
            for (int i = Math.max(0, words.length - 2); i < words.length; i++) {
                for (char c : words[i].toCharArray()) {
                    if (Character.isDigit(c) || c == '.') {
                        kept.append(c);
                    }
                }
            }
            if (kept.length() == 0) {
                for (int i = words.length - 1; i >= 0; i--) {
                    if (words[i].chars().anyMatch(Character::isDigit)) {
                        return words[i];
                    }
                }
            }
            return kept.toString();
        }
        return answer;
    }

    private static String stripPeriods(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '.')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '.')) {
            end--;
        }
        return text.substring(start, end);
    }
}
