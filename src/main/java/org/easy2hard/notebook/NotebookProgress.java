package org.easy2hard.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.easy2hard.model.Progress;

/**
 * Shows progress of long work inside the running notebook cell. In an IJava kernel each task gets one line (an
 * HTML progress bar with a plain-text twin) that is updated in place through the display id, at most every half
 * second and always at the end. Elsewhere (a plain JVM, a kernel without display updates) it prints a line per
 * tenth of the work instead.
 *
 * <p>Use {@link #inCell()} in a notebook: {@code runner.run(spec, NotebookProgress.inCell())}.
 */
public final class NotebookProgress implements Progress {

    /** How often a line in the cell is redrawn at most; more often only floods the kernel's message channel. */
    public static final long DEFAULT_INTERVAL_MILLIS = 500;

    /** Where a live progress line goes: shown once, then replaced in place. */
    interface CellDisplay {
        /** Shows a new output and returns its display id. */
        String show(String html, String text);

        /** Replaces the output with the given display id. */
        void update(String displayId, String html, String text);
    }

    private final CellDisplay display;
    private final PrintStream lines;
    private final LongSupplier clockMillis;
    private final long intervalMillis;

    private String task;
    private String displayId;
    private long startedMillis;
    private long shownMillis;
    private long shownDone = -1;
    private long shownTenth = -1;
    /** The last report of the current task, to tell a new pass of the same task (counts start again). */
    private long lastDone;
    private long lastTotal;
    /** Earlier passes of the current task: how many there were and how much they did in all. */
    private int earlierPasses;
    private long earlierDone;

    private NotebookProgress(CellDisplay display, PrintStream lines, LongSupplier clockMillis, long intervalMillis) {
        this.display = display;
        this.lines = lines;
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.intervalMillis = intervalMillis;
    }

    /** Progress in the current cell when running in an IJava kernel, else lines on standard output. */
    public static NotebookProgress inCell() {
        return inCell(System.out);
    }

    /** As {@link #inCell()}, printing to {@code fallback} outside a kernel. */
    static NotebookProgress inCell(PrintStream fallback) {
        return Kernels.current()
                .map(kernel -> new NotebookProgress(new KernelDisplay(kernel), null, System::currentTimeMillis,
                        DEFAULT_INTERVAL_MILLIS))
                .orElseGet(() -> printing(fallback));
    }

    /** Progress as a printed line per tenth of the work (and one per new task). */
    public static NotebookProgress printing(PrintStream out) {
        return new NotebookProgress(null, Objects.requireNonNull(out, "out"), System::currentTimeMillis, 0);
    }

    /** Live progress on a given display with a given clock: for tests. */
    static NotebookProgress live(CellDisplay display, LongSupplier clockMillis, long intervalMillis) {
        return new NotebookProgress(Objects.requireNonNull(display, "display"), null, clockMillis, intervalMillis);
    }

    @Override
    public synchronized void update(String newTask, long done, long total) {
        long now = clockMillis.getAsLong();
        boolean newLine = !newTask.equals(task);
        if (newLine) {
            task = newTask;
            displayId = null;
            startedMillis = now;
            shownDone = -1;
            shownTenth = -1;
            earlierPasses = 0;
            earlierDone = 0;
        } else if (done < lastDone || total != lastTotal) {
            // The same task again (an encoder called once for the whole probing set, then for a training set):
            // the line keeps its place but counts what all passes did, so it never shows only the last, small one.
            earlierPasses++;
            earlierDone += lastDone;
            shownDone = -1;
            shownTenth = -1;
        }
        lastDone = done;
        lastTotal = total;
        boolean finished = total > 0 && done >= total;
        if (display != null) {
            boolean due = newLine || now - shownMillis >= intervalMillis || (finished && done != shownDone);
            if (!due || (done == shownDone && !newLine)) {
                return;
            }
            String text = text(done, total, now);
            String html = html(done, total, text);
            if (displayId == null) {
                displayId = display.show(html, text);
            } else {
                display.update(displayId, html, text);
            }
        } else {
            long tenth = total > 0 ? Math.min(10, done * 10 / total) : -1;
            if (!newLine && tenth == shownTenth) {
                return;
            }
            shownTenth = tenth;
            lines.println(text(done, total, now));
            lines.flush();
        }
        shownMillis = now;
        shownDone = done;
    }

    private String text(long done, long total, long now) {
        String elapsed = String.format(Locale.ROOT, "%.1f s", (now - startedMillis) / 1000.0);
        if (total <= 0) {
            return task + ": " + done + " done, " + elapsed;
        }
        double percent = 100.0 * Math.min(done, total) / total;
        String passes = earlierPasses == 0 ? ""
                : String.format(Locale.ROOT, " of pass %d; %d in all passes", earlierPasses + 1, earlierDone + done);
        return String.format(Locale.ROOT, "%s: %3.0f%% (%d/%d%s), %s", task, percent, done, total, passes, elapsed);
    }

    private static String html(long done, long total, String text) {
        String bar = total > 0
                ? "<progress value=\"" + Math.min(done, total) + "\" max=\"" + total + "\" style=\"width:20em\"></progress> "
                : "";
        return "<div class=\"easy2hard-progress\">" + bar + "<code>" + HtmlTables.escape(text) + "</code></div>";
    }

    /** The kernel's display channel: display_data with a display id, then update_display_data for it. */
    private static final class KernelDisplay implements CellDisplay {
        private final BaseKernel kernel;

        KernelDisplay(BaseKernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public String show(String html, String text) {
            DisplayData data = data(html, text);
            String id = UUID.randomUUID().toString();
            data.setDisplayId(id);
            kernel.display(data);
            return id;
        }

        @Override
        public void update(String displayId, String html, String text) {
            kernel.getIO().display.updateDisplay(displayId, data(html, text));
        }

        private static DisplayData data(String html, String text) {
            DisplayData data = new DisplayData(text);
            data.putHTML(html);
            return data;
        }
    }
}
