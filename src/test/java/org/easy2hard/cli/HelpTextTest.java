package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} prints without a picocli warning: descriptions are format strings, so a literal
 * {@code %} must be written {@code %%} (picocli reports the slip on standard error, not through the command's
 * writers, hence the redirect).
 */
class HelpTextTest {

    private static void collect(CommandLine line, List<String> paths, String prefix) {
        paths.add((prefix + " " + line.getCommandName()).strip());
        line.getSubcommands().values().forEach(sub -> collect(sub, paths, prefix + " " + line.getCommandName()));
    }

    @Test
    void everyCommandsHelpPrintsWithoutAPicocliWarning() {
        List<String> commands = new ArrayList<>();
        new CommandLine(new Main()).getSubcommands().values().forEach(sub -> collect(sub, commands, ""));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String command : commands) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.add("--help");
                StringWriter out = new StringWriter();
                int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                        args.toArray(String[]::new));
                assertEquals(0, code, command);
                assertFalse(out.toString().isBlank(), command);
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "warnings while printing help of " + commands);
    }
}
