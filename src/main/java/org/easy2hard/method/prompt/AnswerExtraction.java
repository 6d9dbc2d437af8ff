package org.easy2hard.method.prompt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easy2hard.data.Text;

/**
 * Answers taken from a chain-of-thought completion, three ways (paper-spec §5.7):
 *
 * <ul>
 *   <li><b>paper</b> — the verdict that counts, as {@code metrics.generative_exact_match_accuracy_sum} computes it:
 *       lowercase, strip whitespace then periods; if {@code "the answer is"} occurs, take the text between its
 *       <em>first</em> occurrence and the next one (Python's {@code pred.split(trigger)[1]}), else there is no
 *       answer and the item is wrong; cut at the stop string ({@code "\n"} for prompting); strip whitespace, newlines,
 *       whitespace, periods; for GSM8k keep only digits and {@code '.'} of the last two whitespace-separated tokens,
 *       and if that leaves nothing (or only {@code "."}) use the <em>first</em> space-separated word containing a
 *       digit (the paper's loop walks the words from the end without stopping, so the earliest one wins); correct
 *       when equal to the gold answer lowercased and stripped of whitespace and periods. A comma in the gold answer
 *       (93 GSM8k items, e.g. {@code 14,000}) can therefore never be matched, as in the paper.</li>
 *   <li><b>strict</b> — the <em>last</em> {@code "The answer is <number>"} ({@code yes}/{@code no} for StrategyQA),
 *       case-insensitive, allowing {@code ':'}, spaces and {@code '$'} before the number;</li>
 *   <li><b>flexible</b> — the <em>last</em> number (or {@code yes}/{@code no} word) anywhere.</li>
 * </ul>
 *
 * Strict and flexible read the completion only up to its first blank line: a base model prompted with
 * demonstrations tends to go on with a new {@code "Q: ..."} block of its own, whose answer is not this item's
 * (demonstrations are separated by blank lines, and GSM8k reasoning has single newlines only). Their numbers lose
 * commas and a leading {@code '$'} and are compared with the gold answer as decimals (so {@code 1,234} and
 * {@code 1234.00} both match {@code 1234}).
 */
public final class AnswerExtraction {

    /** The paper's trigger phrase. */
    public static final String TRIGGER = "the answer is";
    /** The paper's stop string for prompting (fine-tuned models use none). */
    public static final String PROMPTING_STOP = "\n";

    private static final String NUMBER = "-?[0-9][0-9,]*(?:\\.[0-9]+)?";
    private static final Pattern STRICT_NUMBER = Pattern.compile(
            "the answer is[:\\s]*\\$?\\s*(" + NUMBER + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRICT_YES_NO = Pattern.compile(
            "the answer is[:\\s]*(yes|no)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern ANY_YES_NO = Pattern.compile("\\b(yes|no)\\b", Pattern.CASE_INSENSITIVE);

    private AnswerExtraction() {
    }

    /** What kind of answer an item has: a number (GSM8k, the paper's numeric filter) or yes/no (StrategyQA). */
    public enum AnswerType {
        /** GSM8k: a number. */
        NUMBER,
        /** StrategyQA: {@code yes} or {@code no}. */
        YES_NO
    }

    /**
     * The paper's answer, or empty when the completion has no trigger phrase (the paper then marks it wrong).
     *
     * @param completion the generated text
     * @param type       NUMBER applies the paper's GSM8k numeric filter
     * @param stop       where the answer ends after the trigger ({@link #PROMPTING_STOP}), or null for none
     */
    public static Optional<String> paper(String completion, AnswerType type, String stop) {
        String pred = standardize(completion);
        int at = pred.indexOf(TRIGGER);
        if (at < 0) {
            return Optional.empty();
        }
        String after = pred.substring(at + TRIGGER.length());
        int again = after.indexOf(TRIGGER);
        if (again >= 0) {
            after = after.substring(0, again);
        }
        if (stop != null) {
            int cut = after.indexOf(stop);
            if (cut >= 0) {
                after = after.substring(0, cut);
            }
        }
        after = Text.strip(Text.stripWhitespace(Text.strip(Text.stripWhitespace(after), "\n")), ".");
        return Optional.of(type == AnswerType.NUMBER ? numeric(after) : after);
    }

    /** Whether the paper's answer equals the gold answer (both standardized). */
    public static boolean paperCorrect(Optional<String> answer, String gold) {
        return answer.isPresent() && answer.get().equals(standardize(gold));
    }

    /** The paper's {@code standardize_preds_or_labels} for one text: {@code x.lower().strip().strip('.')}. */
    public static String standardize(String text) {
        return Text.strip(Text.stripWhitespace(text.toLowerCase(Locale.ROOT)), ".");
    }

    /** The paper's {@code extract_numeric}. */
    static String numeric(String pred) {
        List<String> tokens = whitespaceTokens(pred);
        String end = String.join(" ", tokens.subList(Math.max(0, tokens.size() - 2), tokens.size()));
        String numeric = digitsAndPoints(end);
        if (numeric.isEmpty() || numeric.equals(".")) {
            String[] words = pred.split(" ", -1);
            // No break in the paper's loop: every digit-bearing word overwrites, so the leftmost one is kept.
            for (int i = words.length - 1; i >= 0; i--) {
                if (words[i].codePoints().anyMatch(Character::isDigit)) {
                    numeric = digitsAndPoints(words[i]);
                }
            }
        }
        return numeric;
    }

    /** The last "the answer is X" (a number or yes/no) up to the first blank line, empty when none. */
    public static Optional<String> strict(String completion, AnswerType type) {
        return last(type == AnswerType.NUMBER ? STRICT_NUMBER : STRICT_YES_NO, ownAnswer(completion), type);
    }

    /** The last number (or yes/no word) up to the first blank line, empty when none. */
    public static Optional<String> flexible(String completion, AnswerType type) {
        return last(type == AnswerType.NUMBER ? ANY_NUMBER : ANY_YES_NO, ownAnswer(completion), type);
    }

    /**
     * Whether a strict or flexible answer matches the gold answer: as decimals for numbers (commas removed),
     * case-insensitively for yes/no.
     */
    public static boolean matches(Optional<String> answer, String gold, AnswerType type) {
        if (answer.isEmpty()) {
            return false;
        }
        if (type == AnswerType.YES_NO) {
            return answer.get().equalsIgnoreCase(Text.stripWhitespace(gold));
        }
        try {
            BigDecimal expected = new BigDecimal(Text.stripWhitespace(gold).replace(",", "").replace("$", ""));
            return new BigDecimal(answer.get()).compareTo(expected) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> last(Pattern pattern, String text, AnswerType type) {
        Matcher matcher = pattern.matcher(text);
        String found = null;
        while (matcher.find()) {
            found = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(type == AnswerType.NUMBER ? found.replace(",", "") : found.toLowerCase(Locale.ROOT));
    }

    private static String ownAnswer(String completion) {
        int blank = completion.indexOf("\n\n");
        return blank < 0 ? completion : completion.substring(0, blank);
    }

    private static String digitsAndPoints(String text) {
        StringBuilder kept = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ((c >= '0' && c <= '9') || c == '.') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Python's {@code str.split()}: runs of whitespace separate, no empty tokens. */
    private static List<String> whitespaceTokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            boolean space = Text.isPythonWhitespace(codePoint);
            if (space && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }
}
