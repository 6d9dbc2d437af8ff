package org.easy2hard.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.easy2hard.data.download.DownloadProgress;
import org.easy2hard.data.download.ProgressListener;
import org.easy2hard.model.Progress;

/**
 * Renders progress reports as a progress bar on the terminal's error stream: one bar per task, replaced when the
 * task changes. Used by the command line for encoding, runs and downloads.
 */
final class ConsoleProgress implements Progress, ProgressListener, AutoCloseable {

    private final PrintStream stream;
    private ProgressBar bar;
    private String task;

    ConsoleProgress(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void update(String newTask, long done, long total) {
        if (bar == null || !newTask.equals(task) || bar.getMax() != total) {
            closeBar();
            task = newTask;
            bar = new ProgressBarBuilder()
                    .setTaskName(newTask)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(stream))
                    .setUpdateIntervalMillis(250)
                    .build();
        }
        bar.stepTo(done);
        if (done >= total) {
            closeBar();
        }
    }

    @Override
    public void onProgress(DownloadProgress progress) {
        update("download " + progress.dataset() + ": " + progress.name(), progress.bytesDone(),
                progress.totalKnown() ? progress.bytesTotal() : -1);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            task = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
