package org.easy2hard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.easy2hard.experiment.RunIntegrity;
import org.easy2hard.io.AtomicFiles;

/**
 * Keeps exports honest: every run's units are checked against its index before a sheet is written, an incomplete
 * or damaged run is refused unless the user asked for a partial export, and a partial export says so on every row.
 */
final class PartialExport {

    /** The column added to every row of a partial export. */
    static final String COLUMN = "partial_export";

    private PartialExport() {
    }

    /**
     * Checks the runs.
     *
     * @return empty when every run is complete, else a note describing what is missing (partial exports only)
     * @throws IllegalStateException when a run is incomplete or damaged and {@code partial} is false
     */
    static String check(List<Path> runs, boolean partial, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        for (Path run : runs) {
            RunIntegrity integrity = RunIntegrity.check(run);
            if (!integrity.complete()) {
                problems.add(integrity.describe());
            }
        }
        if (problems.isEmpty()) {
            return "";
        }
        String note = String.join(" | ", problems);
        if (!partial) {
            throw new IllegalStateException(note + "; resume the run (same command, same --out) to finish it, "
                    + "delete a damaged run to recompute it, or export anyway with --partial");
        }
        err.println("easy2hard: partial export: " + note);
        return note;
    }

    /** Adds the {@value #COLUMN} column, holding {@code note}, to every row of a written CSV file. */
    static void mark(Path file, String note) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(reader)) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            header.add(COLUMN);
            List<CSVRecord> records = parser.getRecords();
            AtomicFiles.write(file, target -> {
                try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
                    printer.printRecord(header);
                    for (CSVRecord record : records) {
                        List<String> row = new ArrayList<>(record.toList());
                        row.add(note);
                        printer.printRecord(row);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + file + " as a partial export", e);
        }
    }
}
