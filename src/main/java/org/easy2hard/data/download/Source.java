package org.easy2hard.data.download;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.easy2hard.io.Sha256;

/**
 * One download: a URL and the files it yields.
 *
 * <p>For a {@link SourceFormat#FILE} source the single file's hash pins the download itself. For an archive, the
 * archive's own {@code sha256} and {@code size} are optional: when they are {@code null} the archive is <em>not</em>
 * pinned and only the members listed in {@code files} are verified. That is the case for the ARC zip and the MMLU tar
 * in the bundled manifest, whose hashes could not be obtained when it was written; every member they must yield is
 * pinned all the same, so a different archive can only be accepted if it contains byte-identical files.
 *
 * @param url     where to fetch it (http or https)
 * @param format  what the bytes are
 * @param sha256  the SHA-256 of the downloaded bytes, or {@code null} when not pinned (archives only)
 * @param size    the length of the downloaded bytes, or {@code null} when not pinned (archives only)
 * @param licence the licence the data is distributed under, for people reading the manifest
 * @param note    free text for people reading the manifest, or {@code null}
 * @param files   the files it yields; exactly one for a plain file
 */
public record Source(URI url, SourceFormat format, String sha256, Long size, String licence, String note,
                     List<PinnedFile> files) {

    /** Checks the values and copies the list. */
    public Source {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format of " + url);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            // Only network URLs: a file: or jar: URL would let a manifest read arbitrary local files.
            throw new IllegalArgumentException("source URL must be an absolute http(s) URL: " + url);
        }
        if (sha256 != null) {
            sha256 = Sha256.requireHex(sha256, "sha256 of " + url);
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + url);
        }
        files = List.copyOf(Objects.requireNonNull(files, "files of " + url));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("source " + url + " lists no files");
        }
        if (format == SourceFormat.FILE) {
            if (files.size() != 1 || files.get(0).entry() != null) {
                throw new IllegalArgumentException("plain-file source " + url + " must list exactly one file, without an entry");
            }
            PinnedFile only = files.get(0);
            if ((sha256 != null && !sha256.equals(only.sha256())) || (size != null && size != only.size())) {
                throw new IllegalArgumentException("plain-file source " + url + " pins a hash or size that differs from its file's");
            }
        } else {
            Set<String> entries = new HashSet<>();
            for (PinnedFile file : files) {
                if (file.entry() == null) {
                    throw new IllegalArgumentException("archive source " + url + " lists " + file.path() + " without an entry name");
                }
                if (!entries.add(file.entry())) {
                    throw new IllegalArgumentException("archive source " + url + " lists entry " + file.entry() + " twice");
                }
            }
        }
    }

    /** The SHA-256 the downloaded bytes must have, or {@code null} when the download itself is not pinned. */
    String downloadSha256() {
        return format == SourceFormat.FILE ? files.get(0).sha256() : sha256;
    }

    /** The length the downloaded bytes must have, or -1 when it is not pinned. */
    long downloadSize() {
        if (format == SourceFormat.FILE) {
            return files.get(0).size();
        }
        return size == null ? -1 : size;
    }

    /** The last part of the URL's path, for naming the download in messages and progress. */
    String fileName() {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? url.getHost() : last;
    }
}
