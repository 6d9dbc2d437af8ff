package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookIndexTest {

    @TempDir
    Path dir;

    /** An executed notebook: title cell, a set-up cell printing the setting, two tables (the second tagged), two PNGs. */
    private Path executed() throws IOException {
        String png = "iVBORw0KGgo=";
        String json = """
                {"cells": [
                 {"cell_type": "markdown", "metadata": {}, "source": ["# RQ9: does *easy* help?\\n", "\\n",
                   "We ask **whether** easy labels\\n", "suffice.\\n", "\\n", "More prose."]},
                 {"cell_type": "code", "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout",
                   "text": ["loading\\n", "QUICK MODE: tiny-model, every 3rd item\\n"]}], "source": []},
                 {"cell_type": "code", "metadata": {}, "outputs": [{"output_type": "execute_result",
                   "data": {"text/html": "<table><tr><td>first</td></tr></table>", "image/png": "%s"}}], "source": []},
                 {"cell_type": "code", "metadata": {"tags": ["key-table"]}, "outputs": [{"output_type": "display_data",
                   "data": {"text/html": ["<table><tr>", "<td>key</td></tr></table>"]}},
                   {"output_type": "display_data", "data": {"image/png": "%s"}}], "source": []}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """.formatted(png, png);
        Path file = dir.resolve("09-easy.ipynb");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTitleQuestionSettingTaggedTableAndFigureCount() throws IOException {
        NotebookIndex.Entry entry = NotebookIndex.read(executed());
        assertEquals(new NotebookIndex.Entry("09-easy", "RQ9: does *easy* help?",
                "We ask **whether** easy labels\nsuffice.", "QUICK MODE: tiny-model, every 3rd item",
                "<table><tr><td>key</td></tr></table>", 2), entry);
    }

    @Test
    void withoutATagTheFirstTableIsTheKeyTable() throws IOException {
        Path file = executed();
        Files.writeString(file, Files.readString(file).replace("\"tags\": [\"key-table\"]", "\"tags\": []"));
        assertEquals("<table><tr><td>first</td></tr></table>", NotebookIndex.read(file).keyTable());
    }

    @Test
    void thePageShowsEveryFigureInlineAndLinksTheExecutedNotebook() throws IOException {
        Path index = NotebookIndex.write(List.of(executed()), dir);
        String page = Files.readString(index);
        assertTrue(page.contains("<a href=\"09-easy.html\">RQ9: does *easy* help?</a>"), page);
        assertTrue(page.contains("<p class=\"question\">We ask whether easy labels suffice.</p>"), page);
        assertTrue(page.contains("<img src=\"09-easy/figure-1.png\"") && page.contains("<img src=\"09-easy/figure-2.png\""),
                page);
        assertFalse(page.contains("figure-3.png"), page);
        assertTrue(page.contains("<td>key</td>"), page);
    }
}
