package org.easy2hard.model.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * When to ask a server again: which failures may not repeat, and how long to wait before the next attempt
 * (exponential backoff with jitter, or the server's own {@code Retry-After}).
 *
 * <p>The n-th retry waits a random time between half and all of {@code min(max, initial * 2^(n-1))} ("equal
 * jitter": replicas restarted together are not hit by every client at the same instant). A {@code Retry-After}
 * header (seconds or an HTTP date) replaces that wait, capped at {@link #RETRY_AFTER_LIMIT}.
 *
 * @param maxRetries how many times one request is sent again after a retryable failure (0: never)
 * @param initial    the first backoff's upper bound
 * @param max        the largest backoff
 */
record RetryPolicy(int maxRetries, Duration initial, Duration max) {

    /** The longest {@code Retry-After} honoured (a server asking for longer is asked again after this). */
    static final Duration RETRY_AFTER_LIMIT = Duration.ofMinutes(5);

    /** Checks the values. */
    RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initial.isNegative() || max.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + ", " + max);
        }
    }

    /**
     * How long to wait before a retry.
     *
     * @param retry      1 before the first retry, 2 before the second, ...
     * @param retryAfter the server's {@code Retry-After}, when it sent one
     * @param uniform    a random number in [0, 1)
     */
    Duration delay(int retry, Optional<Duration> retryAfter, double uniform) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(RETRY_AFTER_LIMIT) > 0 ? RETRY_AFTER_LIMIT : asked;
        }
        long bound = initial.toNanos();
        for (int i = 1; i < retry && bound < max.toNanos(); i++) {
            bound *= 2;
        }
        bound = Math.min(bound, max.toNanos());
        return Duration.ofNanos(bound / 2 + (long) (uniform * (bound - bound / 2)));
    }

    /**
     * Whether an HTTP status means "try again later": 408 (request timeout), 425 (too early), 429 (too many
     * requests) and the 5xx errors of an overloaded, restarting or proxied server (not 501 or 505, which say the
     * request will never work).
     */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429
                || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /**
     * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (a date in the past means now).
     *
     * @return empty when the header is absent or unreadable
     */
    static Optional<Duration> parseRetryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
