package org.easy2hard.data.download;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks on the names the downloader handles: relative paths from the manifest, and member names read from archives,
 * which come from the network and so are untrusted.
 */
final class SafeNames {

    private SafeNames() {
    }

    /**
     * Requires a clean relative path: forward slashes, no empty, {@code .} or {@code ..} parts, not absolute.
     * The manifest is written by us, so anything else is a mistake worth failing on at once.
     */
    static void requireCleanRelativePath(String path, String what) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + " must be a relative path with forward slashes: " + path);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException(what + " must not contain empty, '.' or '..' parts: " + path);
            }
        }
    }

    /**
     * Normalizes an archive member's name, or says why it is unsafe. Backslashes count as separators (an archive made
     * on Windows, or one crafted to slip {@code ..\} past a check that only splits on {@code /}); {@code .} parts
     * vanish; {@code ..} removes the previous part and is unsafe when there is none left to remove.
     *
     * @return the normalized name (empty for the archive's root directory)
     * @throws UnsafeEntryException when the name is absolute or climbs out of the extraction directory
     */
    static String normalizeEntry(String rawName) throws UnsafeEntryException {
        if (rawName == null || rawName.isEmpty()) {
            throw new UnsafeEntryException("empty entry name");
        }
        if (rawName.indexOf('\0') >= 0) {
            throw new UnsafeEntryException("entry name contains a NUL character");
        }
        String name = rawName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeEntryException("absolute path");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new UnsafeEntryException("path escapes the extraction directory");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Resolves a clean relative path under a directory and checks, as a second line of defence, that the result is
     * still inside it.
     */
    static Path resolveInside(Path directory, String relative) {
        Path resolved = directory.resolve(relative).normalize();
        if (!resolved.startsWith(directory.normalize())) {
            throw new IllegalArgumentException(relative + " resolves outside " + directory);
        }
        return resolved;
    }

    /** Why an archive member's name was refused. */
    static final class UnsafeEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsafeEntryException(String reason) {
            super(reason);
        }
    }
}
