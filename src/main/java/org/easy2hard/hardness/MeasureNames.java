package org.easy2hard.hardness;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Messages for a hardness measure name nobody knows: the nearest valid name and the full list. */
public final class MeasureNames {

    private MeasureNames() {
    }

    /** The valid name closest to {@code name} by edit distance, when one is close enough to be a likely typo. */
    public static Optional<String> nearest(String name, Collection<String> valid) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return valid.stream()
                .min(Comparator.comparingInt((String candidate) -> distance.apply(name, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance.apply(name, candidate) <= Math.max(2, candidate.length() / 3));
    }

    /**
     * "unknown hardness measure 'human_grad' for arc; did you mean 'human_grade'? Valid: human_grade, ...".
     *
     * @param where what the measure was looked up in, e.g. a dataset's name
     */
    public static String unknown(String name, Collection<String> valid, String where) {
        StringBuilder text = new StringBuilder("unknown hardness measure '" + name + "'");
        if (where != null && !where.isEmpty()) {
            text.append(" for ").append(where);
        }
        Optional<String> nearest = nearest(name, valid);
        nearest.ifPresent(candidate -> text.append("; did you mean '").append(candidate).append("'?"));
        text.append(valid.isEmpty() ? " (none is defined)"
                : (nearest.isPresent() ? " Valid: " : "; valid: ") + String.join(", ", valid));
        return text.toString();
    }
}
