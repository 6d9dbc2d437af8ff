package org.easy2hard.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Copies what one run of the notebooks found into the repository's {@code docs/results/}, so that a reader on
 * GitHub sees the figures and key tables without running anything: every figure as {@code NAME-figure-N.png}, a page
 * {@code README.md} with each notebook's title, question, setting, key table and figures, and {@value #MANIFEST},
 * which names for each figure the notebook and a line of the code cell that drew it ({@code ResultsSnapshotTest}
 * fails when that cell is gone from {@code notebooks/}, so stale figures are noticed).
 *
 * <pre>
 * java -cp 'target/easy2hard.jar:target/lib/*' org.easy2hard.notebook.ResultsSnapshot docs/results \
 *     target/notebooks-out/*.ipynb
 * </pre>
 */
public final class ResultsSnapshot {

    /** The manifest file: one line per figure, {@code FILE<TAB>NOTEBOOK<TAB>CELL LINE}. */
    public static final String MANIFEST = "figures.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One figure: its file, the notebook it came from and the last code line of the cell that drew it. */
    public record Figure(String file, String notebook, String cellLine) {
    }

    private ResultsSnapshot() {
    }

    /** The figures of one executed notebook, in output order, with the cell line that identifies each. */
    static List<Figure> figures(Path notebook, String stem) throws IOException {
        JsonNode root = JSON.readTree(notebook.toFile());
        List<Figure> figures = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("data").has("image/png")) {
                    figures.add(new Figure(stem + "-figure-" + (figures.size() + 1) + ".png", stem + ".ipynb",
                            identifyingLine(ExecutedNotebooks.joined(cell.path("source")))));
                }
            }
        }
        return figures;
    }

    /** The last non-blank line of a cell's source, stripped: the expression whose value was drawn. */
    static String identifyingLine(String source) {
        List<String> lines = source.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** Writes the snapshot of the given executed notebooks into {@code docs}. */
    public static void write(Path docs, List<Path> notebooks) throws IOException {
        Files.createDirectories(docs);
        StringBuilder page = new StringBuilder("""
                # What you will see

                Figures and key tables of one full default run of the notebooks (bundled `bge-small-en-v1.5` encoder,
                full data, 160 training items x 5 draws), regenerated with

                    EASY2HARD_DATA_DIR=../shared/datasets bin/notebooks
                    java -cp 'target/easy2hard.jar:target/lib/*' org.easy2hard.notebook.ResultsSnapshot docs/results target/notebooks-out/*.ipynb

                """);
        page.append("Notebooks in this snapshot: ").append(String.join(", ", notebooks.stream()
                .map(notebook -> "`" + notebook.getFileName() + "`").toList())).append(".\n\n");
        StringBuilder manifest = new StringBuilder();
        for (Path notebook : notebooks) {
            NotebookIndex.Entry entry = NotebookIndex.read(notebook);
            List<Figure> figures = figures(notebook, entry.stem());
            List<byte[]> pngs = ExecutedNotebooks.read(notebook).pngs();
            page.append("## ").append(entry.title()).append("\n\n").append(NotebookIndex.plain(entry.question()))
                    .append("\n\n");
            if (!entry.setting().isEmpty()) {
                page.append("`").append(entry.setting()).append("`\n\n");
            }
            if (!entry.keyTable().isEmpty()) {
                page.append(entry.keyTable().strip()).append("\n\n");
            }
            for (int i = 0; i < figures.size(); i++) {
                Figure figure = figures.get(i);
                Files.write(docs.resolve(figure.file()), pngs.get(i));
                page.append("![").append(entry.title()).append(", figure ").append(i + 1).append("](")
                        .append(figure.file()).append(")\n\n");
                manifest.append(figure.file()).append('\t').append(figure.notebook()).append('\t')
                        .append(figure.cellLine()).append('\n');
            }
        }
        Files.writeString(docs.resolve("README.md"), page.toString(), StandardCharsets.UTF_8);
        Files.writeString(docs.resolve(MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
    }

    /** Command line; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ResultsSnapshot DOCS_DIR EXECUTED.ipynb...");
            System.exit(2);
        }
        List<Path> notebooks = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            notebooks.add(Path.of(args[i]));
        }
        write(Path.of(args[0]), notebooks);
        System.out.println("results snapshot written to " + args[0]);
    }
}
