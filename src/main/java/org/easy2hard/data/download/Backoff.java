package org.easy2hard.data.download;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do between attempts when a transfer fails in a way that may not repeat (see
 * {@link DownloadException#isTransient()}). Injectable so that tests can retry without sleeping.
 */
@FunctionalInterface
public interface Backoff {

    /**
     * Waits before another attempt.
     *
     * @param retry   1 before the first retry, 2 before the second, ...
     * @param failure why the previous attempt failed
     * @throws InterruptedException when interrupted while waiting; the download then stops
     */
    void pause(int retry, DownloadException failure) throws InterruptedException;

    /** Retries at once. */
    static Backoff none() {
        return (retry, failure) -> { };
    }

    /** Sleeps {@code first}, then twice that, four times that, and so on. */
    static Backoff exponential(Duration first) {
        Objects.requireNonNull(first, "first");
        if (first.isNegative()) {
            throw new IllegalArgumentException("negative backoff " + first);
        }
        return (retry, failure) -> Thread.sleep(first.toMillis() << Math.min(retry - 1, 20));
    }
}
