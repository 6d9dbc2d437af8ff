package org.easy2hard.data;

import java.nio.file.Path;

/**
 * A dataset file is missing or does not have the expected format. The message always names the file and, where
 * one applies, the 1-based line number and the field, so that a user can open the file at the right place.
 */
public class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file   the file at fault
     * @param line   1-based line number, or 0 when the problem concerns the whole file
     * @param detail what is wrong
     */
    public DataFormatException(Path file, long line, String detail) {
        this(file, line, detail, null);
    }

    /** As {@link #DataFormatException(Path, long, String)}, keeping the underlying cause. */
    public DataFormatException(Path file, long line, String detail, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail, cause);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
