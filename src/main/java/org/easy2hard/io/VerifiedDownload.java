package org.easy2hard.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The steps every download shares, whatever its retry and resume policy: bytes stream into a part file while being
 * hashed (so nothing is read twice), what arrived is checked against the expected size and SHA-256, and only then is
 * the part file renamed onto its final name in one step, so that a file appears under its name complete and verified
 * or not at all. The hub downloader of model files and the dataset downloader both use it; each keeps its own
 * policy (resuming with HTTP ranges, or retrying whole transfers into a staging folder) and its own error messages.
 */
public final class VerifiedDownload {

    private static final int BUFFER = 1 << 16;

    private VerifiedDownload() {
    }

    /** How {@link #receive} treats an existing part file. */
    public enum Start {
        /** The part file must not exist (never written through a link or over a file someone else put there). */
        NEW,
        /** An existing part file is emptied first. */
        RESTART,
        /** The bytes are appended to an existing part file, whose bytes count in the size and hash. */
        RESUME
    }

    /**
     * What a part file holds.
     *
     * @param bytes  its length; {@code limit + 1} when the input was longer than {@link #receive}'s limit
     * @param sha256 SHA-256 of its bytes, lower-case hex
     */
    public record Received(long bytes, String sha256) {

        /**
         * How what arrived differs from what was expected, size first.
         *
         * @param expectedSize   the expected length, or a negative number when unknown
         * @param expectedSha256 the expected SHA-256 (lower-case hex), or null when unknown
         */
        public Optional<Mismatch> check(long expectedSize, String expectedSha256) {
            if (expectedSize >= 0 && bytes != expectedSize) {
                return Optional.of(new Mismatch(Mismatch.Kind.SIZE, String.valueOf(expectedSize),
                        String.valueOf(bytes)));
            }
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                return Optional.of(new Mismatch(Mismatch.Kind.SHA256, expectedSha256, sha256));
            }
            return Optional.empty();
        }
    }

    /**
     * A difference between a download and what was expected of it.
     *
     * @param kind     what differs
     * @param expected the expected value (a byte count or a hex digest)
     * @param actual   the value found
     */
    public record Mismatch(Kind kind, String expected, String actual) {

        /** What differs. */
        public enum Kind {
            /** The length. */
            SIZE,
            /** The SHA-256. */
            SHA256
        }
    }

    /** Raised when the local file cannot be created or written, as against the input failing. */
    public static final class LocalWriteException extends IOException {

        private static final long serialVersionUID = 1L;

        LocalWriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** The part file a download of {@code target} is received in: {@code <target>.part} next to it. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Streams {@code in} into a part file while hashing it.
     *
     * @param start   what to do with an existing part file
     * @param limit   the most bytes expected in the part file, or -1 for no limit; reading stops one byte past it,
     *                so that a wrong or hostile input cannot fill the disk before its size gives it away
     * @param onBytes told the part file's running length after each chunk
     * @throws LocalWriteException when the part file cannot be created or written
     * @throws IOException         when reading {@code in} fails (the caller knows whether that means a dropped
     *                             connection or a corrupt archive, and says so)
     */
    public static Received receive(InputStream in, Path part, Start start, long limit, LongConsumer onBytes)
            throws IOException {
        Objects.requireNonNull(in, "in");
        MessageDigest digest = Sha256.newDigest();
        long count = 0;
        if (start == Start.RESUME && Files.isRegularFile(part)) {
            count = hashInto(digest, part);
        }
        OutputStream out;
        try {
            out = switch (start) {
                case NEW -> Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                case RESTART -> Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                case RESUME -> Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            };
        } catch (IOException e) {
            throw new LocalWriteException("cannot create " + part + ": " + e, e);
        }
        boolean complete = false;
        byte[] buffer = new byte[BUFFER];
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
                    throw new LocalWriteException("cannot write " + part + ": " + e, e);
                }
                count += n;
                onBytes.accept(count);
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
            throw new LocalWriteException("cannot write " + part + ": " + e, e);
        }
        return new Received(count, Sha256.hex(digest));
    }

    /** Length and SHA-256 of a file already on disk (a part file that needs no more bytes). */
    public static Received measure(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long bytes = hashInto(digest, file);
        return new Received(bytes, Sha256.hex(digest));
    }

    /**
     * Renames a verified part file onto its final name in one step, replacing what is there.
     *
     * @throws IOException when the file system cannot rename atomically, or the rename fails
     */
    public static void install(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename " + part + " atomically", e);
        }
    }

    private static long hashInto(MessageDigest digest, Path file) throws IOException {
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return bytes;
    }

    /** Closes after a failure that is already being reported; a second failure would only hide the first. */
    private static void closeAfterFailure(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // The caller deletes the part file (or the folder holding it).
        }
    }
}
