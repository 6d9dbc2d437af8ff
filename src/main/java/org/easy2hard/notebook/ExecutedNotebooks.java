package org.easy2hard.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * Checks executed notebooks (nbformat 4 JSON) for what a reader must see: at least one {@code text/html} output (a
 * table) and one {@code image/png} output (a figure), and no error output; optionally writes every PNG output to
 * {@code <figures>/<notebook name>/figure-N.png}. Needs only Jackson and picocli, not the kernel.
 *
 * <pre>
 * java -cp 'target/easy2hard.jar:target/lib/*' org.easy2hard.notebook.ExecutedNotebooks \
 *     [--figures DIR] [--require text/html,image/png] OUT.ipynb...
 * </pre>
 * Exit status: 0 when every notebook passes, 1 when one fails (each failure is named on standard error), 2 on a
 * usage or read error.
 */
public final class ExecutedNotebooks {

    /** The output types every notebook of the project must contain. */
    public static final List<String> DEFAULT_REQUIRED = List.of("text/html", "image/png");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one executed notebook holds. */
    public record Contents(Path notebook, Set<String> mimeTypes, List<byte[]> pngs, List<String> errors) {

        /** The required MIME types this notebook lacks. */
        public List<String> missing(List<String> required) {
            return required.stream().filter(type -> !mimeTypes.contains(type)).toList();
        }

        /** The notebook's file name without {@code .ipynb} (and without a {@code .nbconvert} part). */
        public String stem() {
            String name = notebook.getFileName().toString();
            name = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
            return name.endsWith(".nbconvert") ? name.substring(0, name.length() - ".nbconvert".length()) : name;
        }
    }

    private ExecutedNotebooks() {
    }

    /** Reads a notebook's outputs: the MIME types of all rich outputs, the PNGs in order, the error outputs. */
    public static Contents read(Path notebook) throws IOException {
        JsonNode root = JSON.readTree(notebook.toFile());
        if (root == null || !root.path("cells").isArray()) {
            throw new IOException(notebook + ": not a notebook (no cells array)");
        }
        Set<String> types = new LinkedHashSet<>();
        List<byte[]> pngs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                }
                JsonNode data = output.path("data");
                data.fieldNames().forEachRemaining(types::add);
                JsonNode png = data.path("image/png");
                if (!png.isMissingNode()) {
                    // nbformat allows a multi-line string as a list of lines; the MIME decoder skips the newlines.
                    pngs.add(Base64.getMimeDecoder().decode(joined(png)));
                }
            }
        }
        return new Contents(notebook, types, pngs, errors);
    }

    static String joined(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        StringBuilder text = new StringBuilder();
        value.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /** Writes a notebook's PNG outputs as {@code figure-1.png}, {@code figure-2.png}, … in a folder. */
    public static List<Path> writeFigures(Contents contents, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < contents.pngs().size(); i++) {
            Path file = folder.resolve("figure-" + (i + 1) + ".png");
            Files.write(file, contents.pngs().get(i));
            written.add(file);
        }
        return written;
    }

    /**
     * Checks notebooks and reports on the given streams.
     *
     * @return the exit status (0 all pass, 1 a notebook fails, 2 usage or read error)
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments = new Arguments();
        CommandLine command = new CommandLine(arguments);
        try {
            command.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            err.println(e.getMessage());
            command.usage(err, CommandLine.Help.Ansi.OFF);
            return 2;
        }
        Path figures = arguments.figures;
        List<String> required = arguments.required == null ? DEFAULT_REQUIRED
                : arguments.required.stream().map(String::strip).filter(type -> !type.isEmpty()).toList();
        List<Path> notebooks = arguments.notebooks;
        int status = 0;
        for (Path notebook : notebooks) {
            Contents contents;
            try {
                contents = read(notebook);
                if (figures != null) {
                    writeFigures(contents, figures.resolve(contents.stem()));
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println(notebook + ": cannot read: " + e.getMessage());
                return 2;
            }
            List<String> missing = contents.missing(required);
            if (!missing.isEmpty()) {
                err.println(notebook + ": FAIL: no " + String.join(" and no ", missing) + " output");
                status = 1;
            }
            if (!contents.errors().isEmpty()) {
                err.println(notebook + ": FAIL: " + contents.errors().size() + " error output(s), first: "
                        + contents.errors().get(0));
                status = 1;
            }
            if (missing.isEmpty() && contents.errors().isEmpty()) {
                out.println(notebook + ": ok (" + contents.pngs().size() + " figure(s), output types "
                        + contents.mimeTypes() + ")");
            }
        }
        return status;
    }

    /** The command line, parsed by picocli (the project's CLI library) rather than by hand. */
    @Command(name = "ExecutedNotebooks", description = "Check executed notebooks for tables and figures and no "
            + "errors; optionally write every figure as a PNG file.")
    static final class Arguments {

        @Option(names = "--figures", paramLabel = "DIR",
                description = "Write each notebook's PNG outputs to DIR/<notebook>/figure-N.png.")
        Path figures;

        // Left null when not given, so that the default is ours and not a list picocli would append to.
        @Option(names = "--require", split = ",", paramLabel = "TYPE",
                description = "Output MIME types every notebook must hold (default text/html,image/png; an empty "
                        + "value requires none).")
        List<String> required;

        @Parameters(arity = "1..*", paramLabel = "NOTEBOOK.ipynb", description = "Executed notebooks.")
        List<Path> notebooks;
    }

    /** Command-line entry; see the class comment. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }
}
