package org.easy2hard.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One page that shows what the executed notebooks found, so a reader sees results without opening six notebooks:
 * for each notebook its title, the question it answers (the first paragraph after the title), the setting it ran in,
 * its key table, every figure inline, and links to the executed notebook and its HTML copy. {@code bin/run-notebooks}
 * writes it as {@code index.html} beside the executed notebooks.
 *
 * <p>The key table is the first {@code text/html} output of the code cell tagged {@value #KEY_TABLE_TAG} (Jupyter's
 * cell tags, {@code metadata.tags}), else the notebook's first HTML table. Figures are linked as
 * {@code NAME/figure-N.png}, the files {@link ExecutedNotebooks#writeFigures} writes, in output order.
 */
public final class NotebookIndex {

    /** The cell tag that marks a notebook's key table. */
    public static final String KEY_TABLE_TAG = "key-table";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the index shows of one executed notebook. */
    public record Entry(String stem, String title, String question, String setting, String keyTable, int figures) {
    }

    private NotebookIndex() {
    }

    /** Reads the index entry of one executed notebook. */
    public static Entry read(Path notebook) throws IOException {
        JsonNode root = JSON.readTree(notebook.toFile());
        if (root == null || !root.path("cells").isArray()) {
            throw new IOException(notebook + ": not a notebook (no cells array)");
        }
        String stem = new ExecutedNotebooks.Contents(notebook, Set.of(), List.of(), List.of()).stem();
        String title = stem;
        String question = "";
        String setting = "";
        String tagged = null;
        String firstTable = null;
        int figures = 0;
        boolean titleSeen = false;
        for (JsonNode cell : root.path("cells")) {
            if (!titleSeen && cell.path("cell_type").asText().equals("markdown")) {
                List<String> paragraphs = paragraphs(ExecutedNotebooks.joined(cell.path("source")));
                if (!paragraphs.isEmpty() && paragraphs.get(0).startsWith("# ")) {
                    String[] heading = paragraphs.get(0).split("\n", 2);
                    title = heading[0].substring(2).strip();
                    question = heading.length > 1 ? heading[1].strip() : paragraphs.size() > 1 ? paragraphs.get(1) : "";
                }
                titleSeen = true;
            }
            boolean key = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                key |= tag.asText().equals(KEY_TABLE_TAG);
            }
            for (JsonNode output : cell.path("outputs")) {
                if (setting.isEmpty() && output.path("output_type").asText().equals("stream")) {
                    setting = ExecutedNotebooks.joined(output.path("text")).lines()
                            .filter(line -> line.startsWith("QUICK MODE") || line.startsWith("Full setting"))
                            .findFirst().orElse("");
                }
                JsonNode html = output.path("data").path("text/html");
                if (!html.isMissingNode() && ExecutedNotebooks.joined(html).contains("<table")) {
                    if (firstTable == null) {
                        firstTable = ExecutedNotebooks.joined(html);
                    }
                    if (key && tagged == null) {
                        tagged = ExecutedNotebooks.joined(html);
                    }
                }
                if (output.path("data").has("image/png")) {
                    figures++;
                }
            }
        }
        String keyTable = tagged != null ? tagged : firstTable != null ? firstTable : "";
        return new Entry(stem, title, question, setting, keyTable, figures);
    }

    /** The page for the given entries, in order. */
    public static String html(List<Entry> entries) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>easy2hard: what the notebooks found</title>
                <style>
                body { font-family: sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em; color: #222; }
                section { border-top: 1px solid #ccc; margin-top: 2em; }
                .question { font-size: 1.05em; } .setting { color: #555; font-family: monospace; }
                table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
                th, td { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: right; }
                img { max-width: 100%; display: block; margin: 1em 0; border: 1px solid #eee; }
                </style></head><body>
                <h1>easy2hard: what the notebooks found</h1>
                <p>Each notebook's question, its key table and every figure, from the executed notebooks in this
                folder. Follow a title to the whole executed notebook.</p>
                """);
        page.append("<ul>\n");
        for (Entry entry : entries) {
            page.append("<li><a href=\"#").append(HtmlTables.escape(entry.stem())).append("\">")
                    .append(HtmlTables.escape(entry.title())).append("</a></li>\n");
        }
        page.append("</ul>\n");
        for (Entry entry : entries) {
            String stem = HtmlTables.escape(entry.stem());
            page.append("<section id=\"").append(stem).append("\">\n<h2><a href=\"").append(stem).append(".html\">")
                    .append(HtmlTables.escape(entry.title())).append("</a></h2>\n");
            page.append("<p class=\"question\">").append(HtmlTables.escape(plain(entry.question()))).append("</p>\n");
            if (!entry.setting().isEmpty()) {
                page.append("<p class=\"setting\">").append(HtmlTables.escape(entry.setting())).append("</p>\n");
            }
            if (!entry.keyTable().isEmpty()) {
                page.append("<h3>Key table</h3>\n").append(entry.keyTable()).append('\n');
            }
            page.append("<h3>Figures (").append(entry.figures()).append(")</h3>\n");
            for (int i = 1; i <= entry.figures(); i++) {
                page.append("<img src=\"").append(stem).append("/figure-").append(i).append(".png\" alt=\"")
                        .append(HtmlTables.escape(entry.title())).append(", figure ").append(i).append("\">\n");
            }
            page.append("<p><a href=\"").append(stem).append(".html\">the executed notebook</a> (<a href=\"")
                    .append(stem).append(".ipynb\">.ipynb</a>)</p>\n</section>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    /** Writes {@code index.html} for the given executed notebooks into {@code folder}; returns the file. */
    public static Path write(List<Path> notebooks, Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path notebook : notebooks) {
            entries.add(read(notebook));
        }
        Path file = folder.resolve("index.html");
        Files.writeString(file, html(entries), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Command line: {@code NotebookIndex FOLDER NOTEBOOK.ipynb...} writes {@code FOLDER/index.html}; exit status 2
     * when a notebook cannot be read.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: NotebookIndex FOLDER NOTEBOOK.ipynb...");
            System.exit(2);
        }
        List<Path> notebooks = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            notebooks.add(Path.of(args[i]));
        }
        try {
            System.out.println("index: " + write(notebooks, Path.of(args[0])));
        } catch (IOException | RuntimeException e) {
            System.err.println("index: cannot write: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Markdown emphasis and code marks removed, for a paragraph shown as plain text. */
    static String plain(String markdown) {
        return markdown.replaceAll("\\*\\*|__|`", "").replaceAll("(?<![\\w*])\\*(?!\\s)|(?<!\\s)\\*(?![\\w*])", "")
                .replaceAll("\\s*\\n\\s*", " ").strip();
    }

    private static List<String> paragraphs(String markdown) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : markdown.split("\\n\\s*\\n")) {
            if (!block.isBlank()) {
                paragraphs.add(block.strip());
            }
        }
        return paragraphs;
    }
}
