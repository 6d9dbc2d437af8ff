package org.easy2hard.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.function.LongConsumer;
import org.easy2hard.io.Sha256;

/** Streams bytes into a new file while hashing them, so that nothing is read twice. */
final class HashingCopy {

    private static final int BUFFER = 1 << 16;

    private HashingCopy() {
    }

    /**
     * What was written.
     *
     * @param bytes  bytes written; {@code limit + 1} when the input was longer than the limit
     * @param sha256 SHA-256 of the bytes written, lower-case hex
     */
    record Copied(long bytes, String sha256) {
    }

    /**
     * Copies {@code in} into {@code target}, which must not exist yet.
     *
     * @param limit   the most bytes expected, or -1 for no limit; reading stops one byte past it, so that a wrong
     *                or hostile input cannot fill the disk before its size gives it away
     * @param onChunk told the running byte count after each chunk
     * @throws IOException         when reading fails (the caller knows whether that means a dropped connection
     *                             or a corrupt archive, and says so)
     * @throws DownloadException   when writing fails
     */
    static Copied copy(InputStream in, Path target, long limit, LongConsumer onChunk) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        long count = 0;
        OutputStream out;
        try {
            // CREATE_NEW: never write through a link or over a file someone else put there.
            out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DownloadException(null, "cannot create " + target + ": " + e, e);
        }
        boolean complete = false;
        try {
            while (true) {
                int wanted = limit < 0 ? BUFFER : (int) Math.min(BUFFER, limit + 1 - count);
                if (wanted <= 0) {
                    break;
                }
                int n = in.read(buffer, 0, wanted);
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException(null, "cannot write " + target + ": " + e, e);
                }
                count += n;
                onChunk.accept(count);
            }
            complete = true;
        } finally {
            if (!complete) {
                closeAfterFailure(out);
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new DownloadException(null, "cannot write " + target + ": " + e, e);
        }
        return new Copied(count, Sha256.hex(digest));
    }

    /** Closes after a failure that is already being reported; a second failure would only hide the first. */
    private static void closeAfterFailure(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // The caller deletes the whole staging folder, this file included.
        }
    }
}
