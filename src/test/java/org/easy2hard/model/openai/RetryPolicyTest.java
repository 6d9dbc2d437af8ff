package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void backoffDoublesUpToTheMaximumWithHalfOfItRandom() {
        assertEquals(Duration.ofMillis(250), policy.delay(1, Optional.empty(), 0.0));
        assertEquals(Duration.ofMillis(500), policy.delay(1, Optional.empty(), 1.0));
        assertEquals(Duration.ofMillis(1500), policy.delay(3, Optional.empty(), 0.5)); // bound 2 s
        assertEquals(Duration.ofSeconds(30), policy.delay(7, Optional.empty(), 1.0)); // 32 s capped
        assertEquals(Duration.ofSeconds(15), policy.delay(40, Optional.empty(), 0.0));
    }

    @Test
    void retryAfterReplacesTheBackoffUpToItsLimit() {
        assertEquals(Duration.ofSeconds(7), policy.delay(1, Optional.of(Duration.ofSeconds(7)), 0.9));
        assertEquals(RetryPolicy.RETRY_AFTER_LIMIT, policy.delay(1, Optional.of(Duration.ofHours(1)), 0.9));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(12)), RetryPolicy.parseRetryAfter(Optional.of(" 12 "), now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryPolicy.parseRetryAfter(Optional.of("Mon, 30 Nov 2026 12:01:30 GMT"), now));
        assertEquals(Optional.of(Duration.ZERO),
                RetryPolicy.parseRetryAfter(Optional.of("Mon, 30 Nov 2026 11:00:00 GMT"), now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.of("soon"), now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.empty(), now));
    }

    @Test
    void overloadAndServerErrorsAreRetryableRefusalsAreNot() {
        for (int status : new int[] {408, 425, 429, 500, 502, 503, 504}) {
            assertTrue(RetryPolicy.retryable(status), Integer.toString(status));
        }
        for (int status : new int[] {400, 401, 403, 404, 422, 501, 505}) {
            assertFalse(RetryPolicy.retryable(status), Integer.toString(status));
        }
    }
}
