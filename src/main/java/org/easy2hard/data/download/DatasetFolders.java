package org.easy2hard.data.download;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;
import org.easy2hard.data.DatasetId;

/**
 * The dataset downloader's folder moves: the finished folder renamed into place in one step (an old folder that
 * failed verification set aside first and restored if the rename fails), the refusal to replace links or files, and
 * the removal of staging folders. Split out of {@link DatasetDownloader}.
 */
final class DatasetFolders {

    private DatasetFolders() {
    }

    /**
     * Renames the finished folder into place. The caller found the target absent, or present and failing
     * verification; in the second case the old folder goes into the staging folder first (and is deleted with it).
     */
    static DownloadResult.Outcome moveIntoPlace(DatasetId dataset, Path built, Path target, Path staging,
            boolean replacing, Supplier<VerificationReport> verify) throws DownloadException {
        if (replacing) {
            refuseLinkOrFile(target, target.getParent());
            Path old = staging.resolve("replaced-" + dataset.shortName());
            try {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // Someone removed it meanwhile; nothing to set aside.
                old = null;
            } catch (IOException e) {
                throw new DownloadException(null, "cannot move the incomplete " + target + " aside: " + e, e);
            }
            try {
                Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
                return DownloadResult.Outcome.REPLACED;
            } catch (IOException e) {
                DownloadException failure = new DownloadException(null, "cannot move the new " + dataset + " into "
                        + target + ": " + e, e);
                if (old != null) {
                    try {
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException restore) {
                        failure.addSuppressed(restore);
                    }
                }
                throw failure;
            }
        }
        try {
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
            return DownloadResult.Outcome.DOWNLOADED;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another download finished first: keep its folder if it is good.
            if (verify.get().complete()) {
                return DownloadResult.Outcome.ALREADY_PRESENT;
            }
            throw new DownloadException(null, target + " appeared during the download and fails verification; "
                    + "not replacing it: " + verify.get().summary(), e);
        } catch (IOException e) {
            throw new DownloadException(null, "cannot move the new " + dataset + " into " + target + ": " + e, e);
        }
    }

    /** Refuses a dataset folder that is a symbolic link or a plain file ({@code root}: the data directory). */
    static void refuseLinkOrFile(Path target, Path root) throws DownloadException {
        if (Files.isSymbolicLink(target)) {
            throw new DownloadException(null, target + " is a symbolic link; the downloader neither follows nor "
                    + "replaces links in the data directory " + root + " (remove it, or set the data directory "
                    + "to where it points)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DownloadException(null, target + " exists and is not a folder; not replacing it");
        }
    }

    /** Deletes a staging folder after a failure, attaching a failure to delete to the one being reported. */
    static void deleteAfterFailure(Path staging, Throwable failure) {
        try {
            deleteRecursively(staging);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Deletes a folder and everything in it, without following links (a link is removed, not its target). */
    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
