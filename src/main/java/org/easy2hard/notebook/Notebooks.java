package org.easy2hard.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.experiment.RunDefaults;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.model.ModelEnvironment;
import org.easy2hard.model.ModelReference;
import org.easy2hard.stats.SgrResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Teaches the IJava kernel how to show the library's objects: a Tablesaw {@link Table} as an HTML table (with its
 * plain-text print as fallback), an XChart chart as a PNG image, a {@link RunSummary} as its tables and SGR line.
 *
 * <p>The kernel installed by {@code bin/install-kernel} calls {@link #register()} from its start-up script, so
 * notebooks need no code for it. Registering again is harmless: the renderer itself records that it has the
 * library's renderers (see {@link #isRegistered(Renderer)}), so there is no static state here and each kernel (or
 * test renderer) is registered exactly once.
 */
public final class Notebooks {

    /** What the registration marker renders to once the library's renderers are in a renderer. */
    static final String REGISTERED = "easy2hard renderers registered";

    private Notebooks() {
    }

    /**
     * The environment variable naming the model the notebooks run on ({@code bin/notebooks --model REF}); the one
     * described in {@link ModelEnvironment}, which also reads the deprecated names.
     */
    public static final String MODEL_VARIABLE = ModelEnvironment.MODEL_VARIABLE;

    /** The bundled encoder of quick mode. */
    public static final String QUICK_MODEL = "all-MiniLM-L6-v2-q";

    /** The bundled encoder of the full setting. */
    public static final String DEFAULT_MODEL = "bge-small-en-v1.5";

    /** The environment variable that switches the notebooks to quick mode ({@code bin/notebooks --quick}, CI). */
    public static final String QUICK_VARIABLE = "EASY2HARD_QUICK";

    /** Whether the notebooks run in quick mode: {@code $EASY2HARD_QUICK} is {@code 1}. */
    public static boolean quick() {
        return quick(System.getenv());
    }

    static boolean quick(Map<String, String> environment) {
        String value = environment.get(QUICK_VARIABLE);
        return value != null && value.strip().equals("1");
    }

    /**
     * The line every notebook prints after its set-up, saying what it runs on. It starts with {@code QUICK MODE} or
     * {@code Full setting}, which the index page ({@link NotebookIndex}) picks up as the notebook's setting.
     *
     * @param quick     quick mode
     * @param model     the model the notebook runs on
     * @param everyNth  every how many probing items are kept (1: all)
     * @param trainSize training items per draw
     * @param draws     training draws per pool
     */
    public static String banner(boolean quick, String model, int everyNth, int trainSize, int draws) {
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1: " + everyNth);
        }
        String items = everyNth == 1 ? "all probing items" : "every " + ordinal(everyNth) + " probing item";
        String setting = model + ", " + items + ", " + trainSize + " training items x " + draws + " draws";
        return quick ? "QUICK MODE: " + setting + " (set " + QUICK_VARIABLE + "=0 for the paper's setting)"
                : "Full setting: " + setting;
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st. */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    /**
     * The model a notebook runs its probe studies on: {@code $EASY2HARD_MODEL} when set to a model with hidden states
     * (a bundled encoder, an ONNX directory, or a causal LM inside the JVM: {@code hf:owner/name[@revision]} or a
     * Hugging Face directory with {@code config.json}), else {@value #QUICK_MODEL} in quick mode and
     * {@value #DEFAULT_MODEL} otherwise. A server ({@code URL#NAME}) serves no hidden states: it is the
     * {@link #server()} instead.
     */
    public static String model(boolean quick) {
        return model(quick, System.getenv());
    }

    static String model(boolean quick, Map<String, String> environment) {
        return probed(environment, System.err::println).orElse(quick ? QUICK_MODEL : DEFAULT_MODEL);
    }

    /**
     * The models a comparison across models uses: the bundled encoders ({@value #QUICK_MODEL} alone in quick mode),
     * followed by {@code $EASY2HARD_MODEL} when it names another (and not a server).
     */
    public static List<String> models(boolean quick) {
        return models(quick, System.getenv());
    }

    static List<String> models(boolean quick, Map<String, String> environment) {
        List<String> models = new ArrayList<>(quick ? List.of(QUICK_MODEL) : List.of(QUICK_MODEL, DEFAULT_MODEL));
        probed(environment, System.err::println).filter(chosen -> !models.contains(chosen)).ifPresent(models::add);
        return List.copyOf(models);
    }

    /**
     * The OpenAI-compatible server the environment names, as a reference {@code URL[,URL...]#NAME}:
     * {@code $EASY2HARD_MODEL} set to one (or the deprecated {@code EASY2HARD_LM_URL} / {@code EASY2HARD_LM_MODEL});
     * empty when none is named.
     */
    public static Optional<String> server() {
        return server(System.getenv());
    }

    static Optional<String> server(Map<String, String> environment) {
        return ModelEnvironment.reference(environment, System.err::println).filter(ModelReference::namesServer);
    }

    /**
     * Where a notebook keeps a run: {@code ../runs/notebooks/[quick-]NAME}, with the model of
     * {@code $EASY2HARD_MODEL} appended when one is set (and not a server), so that a notebook rerun on another model
     * starts its own runs instead of being refused by the resume check of the default model's runs.
     */
    public static Path runDirectory(boolean quick, String name) {
        return runDirectory(quick, name, System.getenv());
    }

    static Path runDirectory(boolean quick, String name, Map<String, String> environment) {
        // Silent: the set-up cell's model(...) has already warned of deprecated names, once.
        String suffix = probed(environment, warning -> { })
                .map(chosen -> "-" + RunDefaults.safeName(chosen)).orElse("");
        return Path.of("..", "runs", "notebooks", (quick ? "quick-" : "") + name + suffix);
    }

    /** The model the environment names for the probe studies: any reference but a server's. */
    private static Optional<String> probed(Map<String, String> environment,
            java.util.function.Consumer<String> warnings) {
        return ModelEnvironment.reference(environment, warnings)
                .filter(chosen -> !ModelReference.namesServer(chosen));
    }

    /**
     * Registers the renderers with the IJava kernel this code runs in.
     *
     * @return true when a kernel was found (and now has the renderers), false outside an IJava kernel
     */
    public static boolean register() {
        Optional<Renderer> renderer = Kernels.current().map(kernel -> kernel.getRenderer());
        renderer.ifPresent(Notebooks::register);
        return renderer.isPresent();
    }

    /**
     * Registers the renderers with a renderer, once: a second call on the same renderer changes nothing.
     *
     * @param renderer the kernel's renderer ({@code IJava.getKernelInstance().getRenderer()}) or any other
     */
    public static void register(Renderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        // Two cells cannot run at once, but a start-up script and a notebook cell may both call this; the
        // renderer is the thing being changed, so it is the lock.
        synchronized (renderer) {
            if (isRegistered(renderer)) {
                return;
            }
            renderer.createRegistration(Table.class)
                    .preferring(MIMEType.TEXT_HTML)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((table, context) -> {
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> HtmlTables.toHtml(table));
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                    });
            registerCharts(renderer);
            renderer.createRegistration(RunSummary.class)
                    .preferring(MIMEType.TEXT_HTML)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((summary, context) -> {
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> summaryHtml(summary));
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, summary::format);
                    });
            // Last, so that a registration interrupted by an error is retried by the next call.
            renderer.createRegistration(RegistrationMarker.class)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((marker, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> REGISTERED));
        }
    }

    /**
     * Whether a renderer already has the library's renderers. The renderer offers no way to list its
     * registrations, so this renders a private marker object: only our registration turns it into
     * {@link #REGISTERED}; without it the renderer falls back to the marker's {@code toString}.
     */
    public static boolean isRegistered(Renderer renderer) {
        DisplayData data = renderer.render(new RegistrationMarker());
        return data != null && REGISTERED.equals(data.getData(MIMEType.TEXT_PLAIN));
    }

    // XChart's Chart is generic in its styler and series; the raw class is what the renderer keys on.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void registerCharts(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    // The kernel's own image renderer does the PNG encoding and base64 that Jupyter expects.
                    if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
                        Image.renderImage(BitmapEncoder.getBufferedImage((Chart) chart), context);
                    }
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe((Chart) chart));
                });
    }

    /** The plain-text stand-in for a chart: its kind, title and size. */
    static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : chart.getTitle();
        return chart.getClass().getSimpleName() + " \"" + title + "\" (" + chart.getWidth() + "x"
                + chart.getHeight() + " px)";
    }

    /** A run summary as HTML: the brief hard-test table, the SGR line, the accuracy-by-level table. */
    static String summaryHtml(RunSummary summary) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"easy2hard-run-summary\">\n");
        html.append(HtmlTables.toHtml(summary.hardTestAccuracyBrief())).append('\n');
        Optional<SgrResult> sgr = summary.supervisionGapRecovered();
        if (sgr.isPresent()) {
            html.append("<p><b>SGR (hard test items) = ").append(HtmlTables.escape(sgr.get().format()))
                    .append("</b><br/>").append(HtmlTables.escape(sgr.get().reason())).append("</p>\n");
        } else {
            html.append("<p>No SGR: the run lacks the unsupervised, easy or hard train pool.</p>\n");
        }
        html.append(HtmlTables.toHtml(summary.accuracyByTestLevel())).append("\n</div>");
        return html.toString();
    }

    /** Stands for the registration in the renderer's own registry; see {@link #isRegistered(Renderer)}. */
    static final class RegistrationMarker {
        @Override
        public String toString() {
            return "easy2hard renderers not registered";
        }
    }
}
