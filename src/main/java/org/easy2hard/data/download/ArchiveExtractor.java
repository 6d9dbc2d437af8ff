package org.easy2hard.data.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.easy2hard.io.VerifiedDownload;

/**
 * Takes the pinned members out of a downloaded archive.
 *
 * <p>Safety does not rest on the member names: each file is written to the path the <em>manifest</em> gives, never
 * to a path taken from the archive, so an entry cannot land outside the dataset's folder. Even so, the whole archive
 * is refused when any entry is absolute, climbs out with {@code ..}, or is a symbolic or hard link, whether or not it
 * is one we want: the canonical ARC and MMLU archives contain no such entries, so one that does is not the release
 * the manifest describes. Each member is read only up to its pinned size plus one byte (so a decompression bomb
 * stops early), then checked against its pinned size and SHA-256.
 */
final class ArchiveExtractor {

    private final URI source;
    private final String datasetName;
    private final Path destination;
    /** Wanted members by normalized entry name, in manifest order. */
    private final Map<String, PinnedFile> wanted = new LinkedHashMap<>();
    private final Set<String> extracted = new HashSet<>();

    /**
     * @param source      the URL the archive came from, for messages
     * @param datasetName the dataset's folder name, for messages
     * @param files       the members to extract
     * @param destination the dataset's folder being built
     */
    ArchiveExtractor(URI source, String datasetName, List<PinnedFile> files, Path destination) {
        this.source = source;
        this.datasetName = datasetName;
        this.destination = destination;
        for (PinnedFile file : files) {
            wanted.put(file.entry(), file);
        }
    }

    /** Extracts and verifies every wanted member of the archive file, or throws naming the entry at fault. */
    void extract(SourceFormat format, Path archive) throws DownloadException {
        switch (format) {
            case ZIP -> extractZip(archive);
            case TAR -> extractTar(archive);
            default -> throw new IllegalArgumentException("not an archive format: " + format);
        }
        for (Map.Entry<String, PinnedFile> member : wanted.entrySet()) {
            if (!extracted.contains(member.getKey())) {
                throw new DownloadException(source, format.name().toLowerCase(Locale.ROOT) + " archive from " + source
                        + " has no entry '" + member.getKey() + "' (needed for " + label(member.getValue())
                        + "); it is truncated or not the release the manifest describes");
            }
        }
    }

    private void extractZip(Path archive) throws DownloadException {
        // ZipFile reads the central directory, which a truncated or garbled download lacks: that is caught here,
        // before anything is extracted.
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            // Check every name first, so that a hostile archive is refused before any of it is written.
            for (ZipArchiveEntry entry : entries) {
                normalized(entry.getName(), "zip");
                if (entry.isUnixSymlink()) {
                    throw unsafe("zip", entry.getName(), "symbolic link");
                }
            }
            for (ZipArchiveEntry entry : entries) {
                PinnedFile file = claim(normalized(entry.getName(), "zip"), entry.isDirectory(), "zip");
                if (file == null) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new DownloadException(source, "cannot read entry '" + entry.getName() + "' of zip archive from "
                            + source + ": unsupported compression method or encryption");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    write(file, in, "zip");
                }
            }
        } catch (DownloadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // commons-compress reports some malformed structures as unchecked exceptions.
            throw corrupt("zip", e);
        }
    }

    private void extractTar(Path archive) throws DownloadException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = normalized(entry.getName(), "tar");
                if (entry.isSymbolicLink()) {
                    throw unsafe("tar", entry.getName(), "symbolic link to '" + entry.getLinkName() + "'");
                }
                if (entry.isLink()) {
                    throw unsafe("tar", entry.getName(), "hard link to '" + entry.getLinkName() + "'");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw unsafe("tar", entry.getName(), "device or FIFO");
                }
                PinnedFile file = claim(name, entry.isDirectory(), "tar");
                if (file != null) {
                    write(file, tar, "tar");
                }
            }
        } catch (DownloadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt("tar", e);
        }
    }

    private String normalized(String rawName, String kind) throws DownloadException {
        try {
            return SafeNames.normalizeEntry(rawName);
        } catch (SafeNames.UnsafeEntryException e) {
            throw unsafe(kind, rawName, e.getMessage());
        }
    }

    /** The pinned file an entry provides, or null when we do not want it; refuses a wanted entry seen twice. */
    private PinnedFile claim(String name, boolean directory, String kind) throws DownloadException {
        PinnedFile file = directory ? null : wanted.get(name);
        if (file != null && !extracted.add(name)) {
            // Two entries with one name: which one a tool extracts differs, so neither can be trusted.
            throw new DownloadException(source, kind + " archive from " + source + " holds entry '" + name + "' twice");
        }
        return file;
    }

    private void write(PinnedFile file, InputStream in, String kind) throws IOException {
        Path target = SafeNames.resolveInside(destination, file.path());
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new DownloadException(source, "cannot create folder " + target.getParent() + ": " + e, e);
        }
        VerifiedDownload.Received copied = HashingCopy.copy(in, target, file.size(), bytes -> { });
        String where = label(file) + " (entry '" + file.entry() + "' of " + kind + " archive from " + source + ")";
        Optional<VerifiedDownload.Mismatch> mismatch = copied.check(file.size(), file.sha256());
        if (mismatch.isPresent()) {
            throw new DownloadException(source, switch (mismatch.get().kind()) {
                case SIZE -> "size mismatch for " + where + ": " + HashingCopy.sizeProblem(file.size(), copied.bytes());
                case SHA256 -> "sha256 mismatch for " + where + ": expected " + file.sha256() + ", got "
                        + copied.sha256();
            });
        }
    }

    private String label(PinnedFile file) {
        return datasetName + "/" + file.path();
    }

    private DownloadException unsafe(String kind, String rawName, String reason) {
        return new DownloadException(source, "unsafe entry '" + rawName + "' in " + kind + " archive from " + source
                + ": " + reason + "; refusing the whole archive");
    }

    private DownloadException corrupt(String kind, Exception cause) {
        return new DownloadException(source, "corrupt " + kind + " archive from " + source + ": " + cause.getMessage(), cause);
    }
}
