package org.easy2hard.data.download;

import java.util.Objects;
import org.easy2hard.io.Sha256;

/**
 * One file a dataset must contain, pinned by size and SHA-256.
 *
 * @param path   where it goes, relative to the dataset's folder, with forward slashes (e.g.
 *               {@code ARC-Easy/ARC-Easy-Train.jsonl}); never absolute, never with {@code .} or {@code ..} parts
 * @param entry  the member's name inside the source archive, or {@code null} when the source is a plain file
 * @param size   the file's length in bytes
 * @param sha256 the file's SHA-256, 64 lower-case hex digits
 */
public record PinnedFile(String path, String entry, long size, String sha256) {

    /** Checks the values, so that a mistyped manifest fails when it is read rather than halfway through a download. */
    public PinnedFile {
        SafeNames.requireCleanRelativePath(path, "path");
        if (entry != null) {
            SafeNames.requireCleanRelativePath(entry, "entry");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        sha256 = Sha256.requireHex(Objects.requireNonNull(sha256, "sha256 of " + path), "sha256 of " + path);
    }
}
