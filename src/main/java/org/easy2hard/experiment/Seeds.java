package org.easy2hard.experiment;

import java.util.SplittableRandom;
import org.easy2hard.io.Sha256;

/**
 * Seeds derived from labelled parts (purpose, experiment seed, condition, bootstrap), so that a draw or a fit depends
 * only on what it is for, never on the order in which a run happens to reach it: a resumed run repeats the numbers
 * of an uninterrupted one.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The first 8 bytes of SHA-256 over the parts joined by '|'. */
    public static long derive(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(key.length() == 0 ? "" : "|").append(part);
        }
        byte[] digest = Sha256.raw(key.toString());
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    /** A generator seeded with {@link #derive}. */
    public static SplittableRandom random(Object... parts) {
        return new SplittableRandom(derive(parts));
    }
}
