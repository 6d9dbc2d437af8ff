package org.easy2hard.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads RFC-4180 CSV records with the line each one starts on (quoted cells may span lines), so that every format
 * error can name file and line. Shared by the loaders and the result-sheet readers.
 */
public final class CsvRows {

    private CsvRows() {
    }

    /** One record and the 1-based line of the file where it starts. */
    public record Located(CSVRecord record, long line) {

        /** The cell in column {@code index}. */
        public String get(int index) {
            return record.get(index);
        }

        /** Number of cells. */
        public int size() {
            return record.size();
        }
    }

    /**
     * A file with a header row: the header's names (stripped, a leading byte-order mark removed) and every later
     * record. Empty lines are skipped; every other record must have as many cells as the header.
     *
     * @param header the column names in file order
     * @param rows   the data records
     */
    public record Table(List<String> header, List<Located> rows) {
    }

    /**
     * Every record of a CSV source.
     *
     * @param source names the file in errors
     * @throws DataFormatException on malformed CSV, naming the line
     */
    public static List<Located> read(Path source, Reader reader) {
        List<Located> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().get().parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // The record starts on the line after the ones consumed so far.
                long line = parser.getCurrentLineNumber() + 1;
                try {
                    if (!records.hasNext()) {
                        return rows;
                    }
                    rows.add(new Located(records.next(), line));
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof java.nio.charset.CharacterCodingException && Files.isRegularFile(source)) {
                        throw Utf8.notUtf8(source, e);
                    }
                    throw new DataFormatException(source, line, "malformed CSV (" + e.getCause().getMessage() + ")", e);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            if (Files.isRegularFile(source)) {
                throw Utf8.notUtf8(source, e);
            }
            throw new DataFormatException(source, 0, "not valid UTF-8 (" + e + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /**
     * A CSV source with a header row.
     *
     * @param what what the header should look like, for the error on an empty file
     * @throws DataFormatException on malformed CSV, an empty file, or a row whose cell count differs from the header
     */
    public static Table readWithHeader(Path source, Reader reader, String what) {
        List<Located> records = read(source, reader);
        if (records.isEmpty()) {
            throw new DataFormatException(source, 0, "is empty (expected a header row: " + what + ")");
        }
        List<String> header = new ArrayList<>();
        records.get(0).record().forEach(cell -> header.add(cell.strip()));
        if (header.get(0).startsWith("\uFEFF")) {
            // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first column's name.
            header.set(0, header.get(0).substring(1).strip());
        }
        List<Located> rows = new ArrayList<>();
        for (Located row : records.subList(1, records.size())) {
            if (row.size() == 1 && row.get(0).isBlank() && header.size() > 1) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new DataFormatException(source, row.line(), "row has " + row.size() + " cells but the header has "
                        + header.size() + " columns");
            }
            rows.add(row);
        }
        return new Table(List.copyOf(header), List.copyOf(rows));
    }
}
