package org.easy2hard.data.download;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.easy2hard.data.DatasetId;

/**
 * The state of one dataset's folder against the manifest: which pinned files are missing or wrong.
 * Files in the folder that the manifest does not list are ignored.
 *
 * @param dataset   the dataset
 * @param directory its folder in the data directory
 * @param expected  how many files the manifest pins for it
 * @param problems  one entry per missing or wrong file (empty when complete)
 */
public record VerificationReport(DatasetId dataset, Path directory, int expected, List<Problem> problems) {

    /** Copies the list. */
    public VerificationReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(directory, "directory");
        problems = List.copyOf(problems);
    }

    /** Whether every pinned file is present with the right size and SHA-256. */
    public boolean complete() {
        return problems.isEmpty();
    }

    /** Whether the dataset's folder does not exist at all. */
    public boolean absent() {
        return problems.size() == 1 && problems.get(0).kind() == Kind.NO_DIRECTORY;
    }

    /** One line per problem, or "complete". */
    public String summary() {
        if (complete()) {
            return dataset + ": complete (" + expected + " files verified)";
        }
        return dataset + ": " + problems.size() + " problem(s)\n" + problems.stream()
                .map(problem -> "  " + problem)
                .collect(Collectors.joining("\n"));
    }

    /** What is wrong with a file. */
    public enum Kind {
        /** The dataset's folder does not exist. */
        NO_DIRECTORY,
        /** The file (or the folder) is a symbolic link or something else that is not a plain file or folder. */
        NOT_REGULAR,
        /** The file does not exist. */
        MISSING,
        /** The file's length differs from the pinned size. */
        WRONG_SIZE,
        /** The file's SHA-256 differs from the pinned one. */
        WRONG_SHA256,
        /** The file could not be read. */
        UNREADABLE
    }

    /**
     * One file that fails verification.
     *
     * @param path   the file relative to the data directory, e.g. {@code gsm8k/train.jsonl}
     * @param kind   what is wrong
     * @param detail expected against found, in words
     */
    public record Problem(String path, Kind kind, String detail) {

        @Override
        public String toString() {
            return path + ": " + detail;
        }
    }
}
