package org.easy2hard.data.download;

/** How the bytes fetched from a {@link Source} become the dataset's files. */
public enum SourceFormat {
    /** The download is itself the one file the source yields. */
    FILE,
    /** A ZIP archive; the wanted members are extracted, everything else in it is ignored. */
    ZIP,
    /** An uncompressed POSIX/GNU tar archive; the wanted members are extracted, everything else is ignored. */
    TAR;

    /** Whether files come out of an archive (and so name an {@link PinnedFile#entry() entry}). */
    public boolean isArchive() {
        return this != FILE;
    }
}
