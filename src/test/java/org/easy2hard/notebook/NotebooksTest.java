package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Registration against a real renderer of the kernel's base library (the same classes IJava uses). */
class NotebooksTest {

    private static Table table() {
        return Table.create("levels", StringColumn.create("level", "easy", "hard"), IntColumn.create("n", 3, 4));
    }

    private static CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(320).height(200).title("accuracy").build();
        chart.addSeries("probe", java.util.List.of("easy", "hard"), java.util.List.of(0.8, 0.6));
        return chart;
    }

    @Test
    void tablesRenderAsHtmlWithPlainTextFallback() {
        Renderer renderer = new Renderer();
        Notebooks.register(renderer);
        DisplayData data = renderer.render(table());
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<table") && html.contains("<caption>levels</caption>"), html);
        assertEquals(table().print(), data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void chartsRenderAsPngWithPlainTextFallback() throws Exception {
        Renderer renderer = new Renderer();
        Notebooks.register(renderer);
        DisplayData data = renderer.render(chart());
        Object png = data.getData(MIMEType.IMAGE_PNG);
        assertTrue(png instanceof String, "base64 text, as Jupyter expects: " + png);
        byte[] bytes = Base64.getMimeDecoder().decode((String) png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
        assertEquals("CategoryChart \"accuracy\" (320x200 px)", data.getData(MIMEType.TEXT_PLAIN));

        XYChart xy = new XYChartBuilder().width(100).height(80).build();
        xy.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        assertTrue(renderer.render(xy).hasDataForType(MIMEType.IMAGE_PNG), "every Chart subclass");
    }

    @Test
    void withoutRegistrationTheRendererFallsBackToText() {
        Renderer renderer = new Renderer();
        assertFalse(Notebooks.isRegistered(renderer));
        assertFalse(renderer.render(table()).hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void registeringTwiceIsHarmless() {
        Renderer renderer = new Renderer();
        Notebooks.register(renderer);
        assertTrue(Notebooks.isRegistered(renderer));
        String once = (String) renderer.render(table()).getData(MIMEType.TEXT_HTML);
        Notebooks.register(renderer);
        Notebooks.register(renderer);
        DisplayData again = renderer.render(table());
        assertEquals(once, again.getData(MIMEType.TEXT_HTML));
        assertTrue(again.hasDataForType(MIMEType.TEXT_PLAIN));
        // Another renderer (another kernel) is registered on its own.
        assertFalse(Notebooks.isRegistered(new Renderer()));
    }

    @Test
    void registerWithoutAKernelReportsFalse() {
        assertFalse(Notebooks.register(), "no IJava kernel in a test JVM");
    }

    @Test
    void theNotebooksModelIsTheEnvironmentsWhenSetElseTheBundledOneOfTheMode() {
        assertEquals("all-MiniLM-L6-v2-q", Notebooks.model(true, java.util.Map.of()));
        assertEquals("bge-small-en-v1.5", Notebooks.model(false, java.util.Map.of()));
        assertEquals("hf:HuggingFaceTB/SmolLM2-360M", Notebooks.model(true,
                java.util.Map.of("EASY2HARD_MODEL", " hf:HuggingFaceTB/SmolLM2-360M ")));
    }

    @Test
    void aComparisonAcrossModelsAddsTheEnvironmentsModelOnce() {
        assertEquals(java.util.List.of("all-MiniLM-L6-v2-q", "bge-small-en-v1.5", "/models/qwen"),
                Notebooks.models(false, java.util.Map.of("EASY2HARD_MODEL", "/models/qwen")));
        assertEquals(java.util.List.of("all-MiniLM-L6-v2-q"),
                Notebooks.models(true, java.util.Map.of("EASY2HARD_MODEL", "all-MiniLM-L6-v2-q")));
    }

    @Test
    void runsOnAnotherModelGetTheirOwnDirectory() {
        assertEquals(java.nio.file.Path.of("..", "runs", "notebooks", "quick-arc-human_grade"),
                Notebooks.runDirectory(true, "arc-human_grade", java.util.Map.of()));
        assertEquals(java.nio.file.Path.of("..", "runs", "notebooks", "arc-human_grade-hf_HuggingFaceTB_SmolLM2-360M"),
                Notebooks.runDirectory(false, "arc-human_grade",
                        java.util.Map.of("EASY2HARD_MODEL", "hf:HuggingFaceTB/SmolLM2-360M")));
    }

    @Test
    void quickModeIsOnOnlyWhenTheVariableIsOne() {
        assertTrue(Notebooks.quick(java.util.Map.of("EASY2HARD_QUICK", "1")));
        assertTrue(Notebooks.quick(java.util.Map.of("EASY2HARD_QUICK", " 1\n")));
        assertFalse(Notebooks.quick(java.util.Map.of("EASY2HARD_QUICK", "0")));
        assertFalse(Notebooks.quick(java.util.Map.of()));
    }

    @Test
    void theBannerSaysTheModeModelAndSampleAsTheIndexPageReadsIt() {
        assertEquals("QUICK MODE: all-MiniLM-L6-v2-q, every 3rd probing item, 40 training items x 2 draws"
                + " (set EASY2HARD_QUICK=0 for the paper's setting)",
                Notebooks.banner(true, "all-MiniLM-L6-v2-q", 3, 40, 2));
        assertEquals("Full setting: bge-small-en-v1.5, all probing items, 160 training items x 5 draws",
                Notebooks.banner(false, "bge-small-en-v1.5", 1, 160, 5));
    }

    @Test
    void ordinalsFollowEnglish() {
        assertEquals(java.util.List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "112th"),
                java.util.stream.IntStream.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 112).mapToObj(Notebooks::ordinal)
                        .toList());
    }

    @Test
    void aServerInTheEnvironmentIsTheServerNotTheProbedModel() {
        java.util.Map<String, String> environment = java.util.Map.of("EASY2HARD_MODEL", "http://gpu1:8000/v1#llama");
        assertEquals("bge-small-en-v1.5", Notebooks.model(false, environment));
        assertEquals(java.util.Optional.of("http://gpu1:8000/v1#llama"), Notebooks.server(environment));
        assertEquals(java.nio.file.Path.of("..", "runs", "notebooks", "arc-human_grade"),
                Notebooks.runDirectory(false, "arc-human_grade", environment));
        assertEquals(java.util.Optional.empty(), Notebooks.server(java.util.Map.of("EASY2HARD_MODEL", "hf:a/b")));
    }

    @Test
    void theDeprecatedServerVariablesStillNameTheServer() {
        assertEquals(java.util.Optional.of("http://gpu1:8000/v1#llama"), Notebooks.server(java.util.Map.of(
                "EASY2HARD_LM_URL", "http://gpu1:8000/v1", "EASY2HARD_LM_MODEL", "llama")));
    }
}
