package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTablesTest {

    private static Table sample(int rows) {
        StringColumn name = StringColumn.create("name <&>\"");
        IntColumn count = IntColumn.create("count");
        DoubleColumn share = DoubleColumn.create("share");
        for (int i = 0; i < rows; i++) {
            name.append(i == 0 ? "a<b & \"c\" > 'd'" : "row" + i);
            count.append(i);
            share.append(i / 2.0);
        }
        return Table.create("bins of <mmlu> & \"more\"", name, count, share);
    }

    @Test
    void escapesTextInCaptionHeaderAndCells() {
        String html = HtmlTables.toHtml(sample(2));
        assertTrue(html.contains("<caption>bins of &lt;mmlu&gt; &amp; &quot;more&quot;</caption>"), html);
        assertTrue(html.contains(">name &lt;&amp;&gt;&quot;</th>"), html);
        assertTrue(html.contains(">a&lt;b &amp; &quot;c&quot; &gt; &#39;d&#39;</td>"), html);
        assertFalse(html.contains("<mmlu>"), html);
    }

    @Test
    void rightAlignsNumbersAndLeftAlignsText() {
        String html = HtmlTables.toHtml(sample(2));
        assertTrue(html.contains("<th style=\"text-align:right\">count</th>"), html);
        assertTrue(html.contains("<th style=\"text-align:right\">share</th>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">1</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">row1</td>"), html);
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.endsWith("</table>"), html);
    }

    @Test
    void limitsRowsAndCountsTheRest() {
        String html = HtmlTables.toHtml(sample(10), 3);
        assertEquals(3 + 2, html.split("<tr>", -1).length - 1, "3 body rows, the header row and the note: " + html);
        assertFalse(html.contains(">row3<"), html);
        assertTrue(html.contains("… 7 more rows (10 in all)"), html);
        assertTrue(html.contains("colspan=\"3\""), html);
        assertFalse(HtmlTables.toHtml(sample(3), 3).contains("more row"));
        assertTrue(HtmlTables.toHtml(sample(4), 3).contains("… 1 more row ("));
        assertThrows(IllegalArgumentException.class, () -> HtmlTables.toHtml(sample(1), -1));
    }

    @Test
    void usesTheColumnsPrintFormat() {
        DoubleColumn value = DoubleColumn.create("value", 1234.5);
        value.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(2));
        String html = HtmlTables.toHtml(Table.create("t", value));
        assertTrue(html.contains(">1,234.50</td>"), html);
    }

    @Test
    void omitsCaptionForUnnamedTables() {
        assertFalse(HtmlTables.toHtml(Table.create("", IntColumn.create("x", 1))).contains("<caption>"));
    }
}
