package org.easy2hard.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.easy2hard.io.VerifiedDownload;

/**
 * Streams bytes into a new file while hashing them ({@link VerifiedDownload#receive}), reporting a local write
 * failure as a {@link DownloadException} so that it is never mistaken for a dropped connection and retried.
 */
final class HashingCopy {

    private HashingCopy() {
    }

    /**
     * Copies {@code in} into {@code target}, which must not exist yet.
     *
     * @param limit   the most bytes expected, or -1 for no limit; reading stops one byte past it, so that a wrong
     *                or hostile input cannot fill the disk before its size gives it away
     * @param onChunk told the running byte count after each chunk
     * @throws IOException         when reading fails (the caller knows whether that means a dropped connection
     *                             or a corrupt archive, and says so)
     * @throws DownloadException   when creating or writing the file fails
     */
    static VerifiedDownload.Received copy(InputStream in, Path target, long limit, LongConsumer onChunk)
            throws IOException {
        try {
            return VerifiedDownload.receive(in, target, VerifiedDownload.Start.NEW, limit, onChunk);
        } catch (VerifiedDownload.LocalWriteException e) {
            throw new DownloadException(null, e.getMessage(), e.getCause());
        }
    }

    /** The message part after "size mismatch for X: ": what was expected and what came ("more" past the limit). */
    static String sizeProblem(long expected, long got) {
        return "expected " + expected + " bytes, got " + (got > expected ? "more" : String.valueOf(got));
    }
}
