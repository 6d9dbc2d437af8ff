package org.easy2hard.model;

/**
 * The log-probability of a continuation given its context.
 *
 * @param logProbability        sum of the continuation tokens' log-probabilities (natural log, &le; 0)
 * @param tokenLogProbabilities each continuation token's log-probability, in order (a copy is kept)
 * @param greedy                whether every continuation token was the model's most probable next token
 */
public record LogLikelihood(double logProbability, double[] tokenLogProbabilities, boolean greedy) {

    /** Copies the per-token values and checks they are not empty. */
    public LogLikelihood {
        tokenLogProbabilities = tokenLogProbabilities.clone();
        if (tokenLogProbabilities.length == 0) {
            throw new IllegalArgumentException("a continuation has at least one token");
        }
    }

    /** A result whose sum is computed from the per-token values. */
    public static LogLikelihood ofTokens(double[] tokenLogProbabilities, boolean greedy) {
        double sum = 0;
        for (double value : tokenLogProbabilities) {
            sum += value;
        }
        return new LogLikelihood(sum, tokenLogProbabilities, greedy);
    }

    /** Number of continuation tokens. */
    public int tokens() {
        return tokenLogProbabilities.length;
    }

    /** The per-token log-probabilities (a copy). */
    @Override
    public double[] tokenLogProbabilities() {
        return tokenLogProbabilities.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogLikelihood that && Double.compare(logProbability, that.logProbability) == 0
                && greedy == that.greedy && java.util.Arrays.equals(tokenLogProbabilities, that.tokenLogProbabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(logProbability) + java.util.Arrays.hashCode(tokenLogProbabilities)
                + (greedy ? 1 : 0);
    }

    @Override
    public String toString() {
        return "LogLikelihood[" + logProbability + ", tokens=" + tokenLogProbabilities.length + ", greedy=" + greedy
                + "]";
    }
}
