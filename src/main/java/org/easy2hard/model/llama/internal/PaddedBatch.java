package org.easy2hard.model.llama.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Token sequences of different lengths as one left-padded matrix: row b's real tokens are its last
 * {@code lengths[b]} entries, so every row ends at the same column (the next-token position of each sequence is
 * the last column, which is what generation and final-token features need). Padding is never attended to, and
 * positions count real tokens only, so padding does not change a row's results.
 *
 * @param tokens  the rows, all of one width
 * @param lengths each row's number of real tokens (&ge; 1)
 */
public record PaddedBatch(long[][] tokens, int[] lengths) {

    /** Checks the rows. */
    public PaddedBatch {
        if (tokens.length == 0 || tokens.length != lengths.length) {
            throw new IllegalArgumentException("a batch needs at least one row and one length per row");
        }
        int width = tokens[0].length;
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b].length != width || lengths[b] < 1 || lengths[b] > width) {
                throw new IllegalArgumentException("row " + b + " has width " + tokens[b].length + " and length "
                        + lengths[b] + " in a batch of width " + width);
            }
        }
        tokens = Arrays.stream(tokens).map(long[]::clone).toArray(long[][]::new);
        lengths = lengths.clone();
    }

    /** Left-pads the sequences with {@code padId} to the longest one. */
    public static PaddedBatch leftPadded(List<long[]> sequences, long padId) {
        int width = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[][] rows = new long[sequences.size()][width];
        int[] lengths = new int[sequences.size()];
        for (int b = 0; b < rows.length; b++) {
            long[] sequence = sequences.get(b);
            Arrays.fill(rows[b], padId);
            System.arraycopy(sequence, 0, rows[b], width - sequence.length, sequence.length);
            lengths[b] = sequence.length;
        }
        return new PaddedBatch(rows, lengths);
    }

    /** Number of rows. */
    public int size() {
        return tokens.length;
    }

    /** Number of columns. */
    public int width() {
        return tokens[0].length;
    }

    /** Row b's number of padding columns. */
    public int padding(int b) {
        return width() - lengths[b];
    }

    /** The tokens, row-major. */
    public long[] flat() {
        long[] flat = new long[size() * width()];
        for (int b = 0; b < size(); b++) {
            System.arraycopy(tokens[b], 0, flat, b * width(), width());
        }
        return flat;
    }

    /** The rows (a copy). */
    @Override
    public long[][] tokens() {
        return Arrays.stream(tokens).map(long[]::clone).toArray(long[][]::new);
    }

    /** The lengths (a copy). */
    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PaddedBatch that && Arrays.deepEquals(tokens, that.tokens)
                && Arrays.equals(lengths, that.lengths);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(tokens) * 31 + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "PaddedBatch[" + size() + " x " + width() + "]";
    }
}
