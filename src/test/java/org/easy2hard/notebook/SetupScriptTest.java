package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * {@code notebooks/setup.jsh} compiles and runs against the library as it is now, in JShell (what IJava runs cells
 * on), without Jupyter: a renamed class or method the set-up uses fails here rather than in the notebooks' run. The
 * {@code %jars} magic lines are the kernel's; the test's class path stands in for them.
 */
class SetupScriptTest {

    /** The class path of this test JVM, also when surefire hides it in a manifest-only jar. */
    private static List<String> classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(entry)) {
                    String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestPath.trim().split("\\s+")) {
                        entries.add(Path.of(URI.create(url)).toString());
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    @Test
    void theSetUpRunsInJShellAndPrintsTheSetting() throws IOException {
        String script = Files.readString(Path.of("notebooks", "setup.jsh"));
        List<String> magics = script.lines().filter(line -> line.startsWith("%")).toList();
        assertEquals(List.of("%jars ../target/lib/*.jar", "%jars ../target/easy2hard.jar"), magics);
        String code = script.lines().filter(line -> !line.startsWith("%")).collect(Collectors.joining("\n"));

        // Local execution: the snippets run in this JVM on the test's class path (their println goes to its output).
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            classPath().forEach(shell::addToClasspath);
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = code;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo next = analysis.analyzeCompletion(remaining);
                assertEquals(SourceCodeAnalysis.Completeness.COMPLETE, next.completeness(), remaining);
                for (SnippetEvent event : shell.eval(next.source())) {
                    String problems = shell.diagnostics(event.snippet())
                            .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
                    assertEquals(Snippet.Status.VALID, event.status(), next.source() + ": " + problems);
                    assertEquals(null, event.exception(), next.source());
                }
                remaining = next.remaining();
            }
            for (String variable : List.of("quick", "store", "model", "models", "everyNth", "trainSize", "draws",
                    "bootstrap")) {
                assertTrue(shell.variables().anyMatch(v -> v.name().equals(variable)), "setup.jsh declares no "
                        + variable);
            }
            // The switches hold what the environment of this JVM asks for (no EASY2HARD_QUICK under mvn: full).
            boolean quick = Notebooks.quick();
            String expected = Notebooks.banner(quick, Notebooks.model(quick), quick ? 3 : 1, quick ? 40 : 160,
                    quick ? 2 : 5);
            List<SnippetEvent> banner = shell.eval("Notebooks.banner(quick, model, everyNth, trainSize, draws)");
            assertEquals("\"" + expected + "\"", banner.get(0).value());
        }
    }
}
