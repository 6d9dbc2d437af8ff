package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code bin/notebooks} finds or makes a Jupyter ({@code --find-jupyter}), run with a PATH that holds only a
 * few real tools and fakes: a {@code jupyter} that works or lacks a part, {@code id} saying root or not, an
 * {@code apt-get} and a {@code python3} that record what they were asked to do and lay down a fake Jupyter.
 */
class NotebooksJupyterTest {

    /** A fake jupyter: every subcommand works except those named in MISSING. */
    private static final String FAKE_JUPYTER = """
            #!/bin/bash
            case " %s " in *" $1 "*) exit 1 ;; esac
            exit 0
            """;

    @TempDir
    Path dir;
    private Path bin;
    private Path venv;

    @BeforeEach
    void sandbox() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        venv = dir.resolve("venv");
        for (String tool : List.of("dirname", "mkdir", "cat", "chmod")) {
            Path real = Path.of("/usr/bin", tool);
            script(bin.resolve(tool), "#!/bin/bash\nexec " + (Files.exists(real) ? real : Path.of("/bin", tool))
                    + " \"$@\"\n");
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void fakeJupyter(Path file, String missing) throws IOException {
        script(file, FAKE_JUPYTER.formatted(missing));
    }

    private void fakeId(int uid) throws IOException {
        script(bin.resolve("id"), "#!/bin/bash\necho " + uid + "\n");
    }

    /** apt-get that logs its arguments and, on install, puts a working jupyter on PATH. */
    private void fakeAptGet() throws IOException {
        script(bin.resolve("apt-get"), """
                #!/bin/bash
                echo "$*" >> %s
                if [[ " $* " == *" install "* ]]; then printf '#!/bin/bash\\nexit 0\\n' > %s; chmod +x %s; fi
                """.formatted(dir.resolve("apt.log"), bin.resolve("jupyter"), bin.resolve("jupyter")));
    }

    /** python3 with venv and ensurepip: -m venv DIR makes DIR/bin/python, whose pip install makes a jupyter. */
    private void fakePython() throws IOException {
        script(bin.resolve("python3"), """
                #!/bin/bash
                [[ "$1" == -c ]] && exit 0
                if [[ "$1 $2" == "-m venv" ]]; then
                  mkdir -p "$3/bin"
                  printf '#!/bin/bash\\necho "$*" >> %s\\nprintf "#!/bin/bash\\\\nexit 0\\\\n" > "%s/bin/jupyter"\\nchmod +x "%s/bin/jupyter"\\n' > "$3/bin/python"
                  chmod +x "$3/bin/python"
                  exit 0
                fi
                exit 1
                """.formatted(dir.resolve("pip.log"), venv, venv));
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private Result findJupyter(String... extra) throws IOException, InterruptedException {
        return findJupyter(dir, Map.of(), extra);
    }

    private Result findJupyter(Path workingDirectory, Map<String, String> settings, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", Path.of("bin/notebooks").toAbsolutePath()
                .toString(), "--find-jupyter"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", bin.toString());
        environment.put("HOME", dir.toString());
        environment.put("EASY2HARD_JUPYTER_VENV", venv.toString());
        environment.putAll(settings);
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8).strip(),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void aWorkingJupyterOnPathIsUsedAndNamed() throws Exception {
        fakeJupyter(bin.resolve("jupyter"), "");
        fakeId(1000);
        Result result = findJupyter();
        assertEquals(0, result.status(), result.stderr());
        assertEquals(bin.resolve("jupyter").toString(), result.stdout());
        assertTrue(result.stderr().contains("using the Jupyter at " + bin.resolve("jupyter")), result.stderr());
    }

    @Test
    void aJupyterThatCannotExecuteIsPassedOverForThePrivateOne() throws Exception {
        fakeJupyter(bin.resolve("jupyter"), "execute");
        fakeJupyter(venv.resolve("bin/jupyter"), "");
        fakeId(1000);
        Result result = findJupyter();
        assertEquals(0, result.status(), result.stderr());
        assertEquals(venv.resolve("bin/jupyter").toString(), result.stdout());
    }

    @Test
    void withoutRootAndWithoutJupyterItMakesAPrivateVirtualEnvironment() throws Exception {
        fakeId(1000);
        fakeAptGet();
        fakePython();
        Result result = findJupyter();
        assertEquals(0, result.status(), result.stderr());
        assertEquals(venv.resolve("bin/jupyter").toString(), result.stdout());
        assertTrue(result.stderr().contains("python3 -m venv " + venv), result.stderr());
        String pip = Files.readString(dir.resolve("pip.log"));
        assertTrue(pip.startsWith("-m pip install") && pip.contains("nbconvert>=6.4,<8") && pip.contains("nbclient"),
                pip);
        assertFalse(pip.contains("notebook>="), pip);
        assertFalse(Files.exists(dir.resolve("apt.log")), "apt-get was called without root");
    }

    @Test
    void asRootOnDebianItInstallsDebiansPackages() throws Exception {
        fakeId(0);
        fakeAptGet();
        Result result = findJupyter();
        assertEquals(0, result.status(), result.stderr());
        assertEquals(bin.resolve("jupyter").toString(), result.stdout());
        String apt = Files.readString(dir.resolve("apt.log"));
        assertTrue(apt.contains("install") && apt.contains("jupyter-nbconvert") && apt.contains("python3-nbclient"), apt);
        assertFalse(apt.contains("jupyter-notebook"), apt);
    }

    @Test
    void openAlsoNeedsTheNotebookServer() throws Exception {
        fakeJupyter(bin.resolve("jupyter"), "notebook");
        fakeId(0);
        fakeAptGet();
        Result result = findJupyter("--open");
        assertEquals(0, result.status(), result.stderr());
        assertTrue(Files.readString(dir.resolve("apt.log")).contains("jupyter-notebook"));
    }

    @Test
    void withNoWayToGetJupyterItFailsSayingWhatToInstall() throws Exception {
        fakeId(1000);
        Result result = findJupyter();
        assertEquals(1, result.status());
        assertTrue(result.stderr().contains("no usable Jupyter") && result.stderr().contains("python3-venv"),
                result.stderr());
    }

    @Test
    void relativePathsReachJupyterAndTheKernelAbsoluteAgainstTheCallersDirectory() throws Exception {
        // The fake jupyter records the settings it (and so the kernel it would start) inherits.
        script(bin.resolve("jupyter"), "#!/bin/bash\necho \"$EASY2HARD_DATA_DIR|$EASY2HARD_CACHE_DIR|$EASY2HARD_MODEL\" > "
                + dir.resolve("seen") + "\n");
        fakeId(1000);
        Path caller = Files.createDirectories(dir.resolve("work/here"));
        Result result = findJupyter(caller, Map.of("EASY2HARD_DATA_DIR", "../shared/datasets",
                "EASY2HARD_CACHE_DIR", "/abs/cache"), "--model", "models/my-llama");
        assertEquals(0, result.status(), result.stderr());
        assertEquals(caller + "/../shared/datasets|/abs/cache|" + caller + "/models/my-llama",
                Files.readString(dir.resolve("seen")).strip());
    }

    @Test
    void aHubReferenceOrBundledNameIsNotAPath() throws Exception {
        script(bin.resolve("jupyter"), "#!/bin/bash\necho \"$EASY2HARD_MODEL\" > " + dir.resolve("seen") + "\n");
        fakeId(1000);
        assertEquals(0, findJupyter(dir, Map.of(), "--model", "hf:HuggingFaceTB/SmolLM2-360M").status());
        assertEquals("hf:HuggingFaceTB/SmolLM2-360M", Files.readString(dir.resolve("seen")).strip());
        assertEquals(0, findJupyter(dir, Map.of(), "--model", "bge-small-en-v1.5").status());
        assertEquals("bge-small-en-v1.5", Files.readString(dir.resolve("seen")).strip());
    }
}
