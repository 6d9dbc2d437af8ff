package org.easy2hard.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader, in this or another process, sees either no file or the complete file: the content
 * goes to a temporary file in the same directory, which is then renamed over the target in one step. Two writers of
 * the same target each rename their own complete file; the last rename wins.
 */
public final class AtomicFiles {

    /** Writes the content of a file given its path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically, creating its directory when missing. */
    public static void write(Path target, Writer writer) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // The temporary name starts with a dot and ends in .tmp: never mistaken for an entry by a reader.
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            writer.write(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically; "
                        + "put the cache on a local file system", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes bytes to {@code target} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, file -> Files.write(file, content));
    }
}
