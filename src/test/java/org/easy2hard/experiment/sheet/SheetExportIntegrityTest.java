package org.easy2hard.experiment.sheet;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.easy2hard.cli.Main;
import org.easy2hard.experiment.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sheet export} verifies every unit before writing, and marks what it exports partially. */
class SheetExportIntegrityTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int export(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("-d", root.resolve("no-data").toString(), "sheet",
                "export", root.resolve("run").toString(), "--out", root.resolve("sheet.csv").toString(),
                "--resamples", "20"));
        args.addAll(Arrays.asList(extra));
        return Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }

    private void halve(String unit) throws IOException {
        Path file = root.resolve("run/units/" + unit + ".jsonl");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void aDamagedUnitIsRefusedNamingIt() throws IOException {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        halve("easy-b1");
        assertEquals(1, export());
        assertTrue(err.toString().contains("damaged (file changed since it was written): easy-b1"), err.toString());
        assertTrue(err.toString().contains("--partial"), err.toString());
        assertTrue(Files.notExists(root.resolve("sheet.csv")));
    }

    @Test
    void aPartialExportIsMarkedOnEveryRow() throws IOException {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        halve("easy-b1");
        assertEquals(0, export("--partial"));
        List<String> lines = Files.readAllLines(root.resolve("sheet.csv"));
        assertTrue(lines.get(0).endsWith(",partial_export"), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith("6 of 7 units usable; damaged (file changed since it was written): easy-b1"),
                    line);
        }
    }

    @Test
    void aCompleteExportHasNoPartialColumn() throws IOException {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        assertEquals(0, export());
        assertTrue(!Files.readAllLines(root.resolve("sheet.csv")).get(0).contains("partial_export"));
    }
}
