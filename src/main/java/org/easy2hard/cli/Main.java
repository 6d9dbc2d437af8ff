package org.easy2hard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.DataStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code easy2hard}: the command line. Each subcommand is a thin shell over library calls a notebook can make too.
 */
@Command(name = "easy2hard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Easy-to-hard generalization experiments (Hase et al. 2024): datasets, hardness, results.",
        subcommands = {DataCommand.class, RunCommand.class, SheetCommand.class, DriverCommands.AllToAllCommand.class,
            DriverCommands.PopulationCommand.class, DriverCommands.ThirdGradeCommand.class,
            DriverCommands.LearningCurvesCommand.class, DriverCommands.NoisyLabelsCommand.class,
            DriverCommands.ScaleAndGapCommand.class, DriverCommands.MdlCommand.class,
            OpenQuestionCommands.WindowCommand.class, OpenQuestionCommands.TransferCommand.class,
            ContaminationCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Dataset directory (default: -D" + DataStore.PROPERTY + ", $" + DataStore.ENVIRONMENT_VARIABLE
                    + ", else ~/.cache/easy2hard/datasets).")
    Path dataDir;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error too (default: one line saying what went wrong).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The data store the options and settings name. */
    DataStore store() {
        if (dataDir != null && java.nio.file.Files.exists(dataDir) && !java.nio.file.Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException(dataDir + " is not a directory: -d/--data-dir names the folder the "
                    + "datasets are in");
        }
        return dataDir != null ? DataStore.at(dataDir) : DataStore.fromSettings();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Runs the command line and returns its exit code: 0 on success, 1 on a data or input error (message only, no
     * stack trace), 2 on a usage error.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        Main main = commandLine.getCommand();
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            // One line with the cause and the fix; the stack trace only when asked for (--verbose).
            boolean expected = exception instanceof DataFormatException
                    || exception instanceof IllegalArgumentException || exception instanceof IllegalStateException
                    || exception instanceof java.io.IOException || exception instanceof java.io.UncheckedIOException
                    || exception instanceof org.easy2hard.model.LanguageModelException
                    || exception instanceof org.easy2hard.model.EncoderException;
            String message = exception.getMessage() != null ? exception.getMessage()
                    : exception.getClass().getSimpleName();
            line.getErr().println("easy2hard: " + (expected ? "" : exception.getClass().getSimpleName() + ": ")
                    + message.replace('\n', ' ') + (expected || main.verbose ? ""
                    : " (rerun with --verbose for the stack trace)"));
            if (main.verbose) {
                exception.printStackTrace(line.getErr());
            }
            return 1;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Entry point of the launcher {@code bin/easy2hard}. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"easy2hard " + (version == null ? "development" : version)};
        }
    }
}
