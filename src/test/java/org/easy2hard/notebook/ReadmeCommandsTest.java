package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI runs what the README tells a newcomer to type: the first two commands of the README's first {@code bash} block
 * (without their trailing comments) stand word for word, each on a line of its own, in {@code .ci/run}. A README
 * that changes a command without {@code .ci/run} following fails here.
 */
class ReadmeCommandsTest {

    /** The commands of the README's first bash block, trailing {@code # ...} comments and blank lines removed. */
    static List<String> readmeCommands(List<String> readme) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : readme) {
            if (!inBlock) {
                inBlock = line.strip().equals("```bash");
                continue;
            }
            if (line.strip().startsWith("```")) {
                break;
            }
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    @Test
    void readsTheCommandsOfTheFirstBashBlockWithoutComments() {
        List<String> readme = List.of("# title", "```bash", "A=1 bin/x   # main", "", "mvn verify  # tests",
                "```", "```bash", "other", "```");
        assertEquals(List.of("A=1 bin/x", "mvn verify"), readmeCommands(readme));
    }

    @Test
    void ciRunsTheReadmesFirstTwoCommandsAsPrinted() throws IOException {
        List<String> commands = readmeCommands(Files.readAllLines(Path.of("README.md")));
        assertTrue(commands.size() >= 2, "README.md's first bash block has fewer than two commands: " + commands);
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip).toList();
        for (String command : commands.subList(0, 2)) {
            assertTrue(ci.contains(command), ".ci/run does not run the README command as printed: " + command);
        }
    }
}
