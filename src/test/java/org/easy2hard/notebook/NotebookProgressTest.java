package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NotebookProgressTest {

    /** Records what a cell would show: "show id text" and "update id text". */
    private static final class RecordingDisplay implements NotebookProgress.CellDisplay {
        final List<String> events = new ArrayList<>();

        @Override
        public String show(String html, String text) {
            String id = "d" + events.size();
            assertTrue(html.contains("<progress") || !text.contains("%"), html);
            events.add("show " + id + " " + text);
            return id;
        }

        @Override
        public void update(String displayId, String html, String text) {
            events.add("update " + displayId + " " + text);
        }
    }

    @Test
    void updatesOneLinePerTaskAtMostEveryInterval() {
        RecordingDisplay display = new RecordingDisplay();
        AtomicLong clock = new AtomicLong(1_000);
        NotebookProgress progress = NotebookProgress.live(display, clock::get, 500);
        progress.update("encoding", 0, 100);
        for (int done = 1; done <= 100; done++) {
            clock.addAndGet(10); // 100 reports over one second: about two redraws, plus the last
            progress.update("encoding", done, 100);
        }
        progress.update("encoding", 100, 100); // a repeated final report draws nothing
        progress.update("runs", 1, 4);
        assertEquals("show d0 encoding:   0% (0/100), 0.0 s", display.events.get(0));
        assertEquals("update d0 encoding: 100% (100/100), 1.0 s", display.events.get(display.events.size() - 2));
        assertTrue(display.events.size() <= 5, display.events.toString());
        assertTrue(display.events.get(display.events.size() - 1).startsWith("show d"), "a new task gets a new line");
        assertTrue(display.events.get(display.events.size() - 1).endsWith("runs:  25% (1/4), 0.0 s"),
                display.events.toString());
    }

    @Test
    void aSecondPassOfTheSameTaskCountsEveryPassInItsLine() {
        RecordingDisplay display = new RecordingDisplay();
        AtomicLong clock = new AtomicLong(0);
        NotebookProgress progress = NotebookProgress.live(display, clock::get, 500);
        progress.update("encoding with m", 0, 14084);
        clock.set(547_900);
        progress.update("encoding with m", 14084, 14084);
        clock.set(548_000);
        progress.update("encoding with m", 600, 640); // the training set, mostly cached
        clock.set(548_400);
        progress.update("encoding with m", 640, 640);
        assertEquals("update d0 encoding with m: 100% (640/640 of pass 2; 14724 in all passes), 548.4 s",
                display.events.get(display.events.size() - 1));
        assertEquals(3, display.events.size(), display.events.toString()); // 600/640 came within the interval
    }

    @Test
    void printsALinePerTenthOutsideAKernel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NotebookProgress progress = NotebookProgress.printing(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int done = 0; done <= 1000; done++) {
            progress.update("encoding", done, 1000);
        }
        progress.update("download", 5, -1);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(12, lines.length, String.join("\n", lines));
        assertTrue(lines[10].startsWith("encoding: 100% (1000/1000)"), lines[10]);
        assertTrue(lines[11].startsWith("download: 5 done"), lines[11]);
    }

    @Test
    void inCellFallsBackToPrintingOutsideAKernel() {
        // No IJava kernel in a test JVM: reports become printed lines.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NotebookProgress.inCell(new PrintStream(bytes, true, StandardCharsets.UTF_8)).update("nothing", 1, 1);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("nothing: 100% (1/1)"),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
