package org.easy2hard.notebook;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes a Tablesaw {@link Table} as an HTML {@code <table>}: the table's name as caption, a header row of column
 * names, numbers right-aligned, cells as the columns print them (their print formatters apply), and at most a
 * given number of rows followed by a note of how many were left out.
 *
 * <p>Why not Tablesaw's own {@code tablesaw-html} (on Maven Central at our Tablesaw version, 0.44.4): it escapes text
 * and applies the print formatters as this class does, but it writes every row (an item-level table of a few thousand
 * rows would go into the notebook whole), has no caption (our tables' names are their titles in the notebooks and on
 * the index page), no right-aligned numbers without a custom element creator, and brings jsoup onto the kernel's
 * classpath. Wrapping it to add the row limit, caption, alignment and the "more rows" note would take about as much
 * code as this class, plus two dependencies.
 */
public final class HtmlTables {

    /** Rows shown when no limit is given: enough to read a table, few enough to keep a notebook small. */
    public static final int DEFAULT_ROW_LIMIT = 50;

    private HtmlTables() {
    }

    /** The table as HTML with at most {@link #DEFAULT_ROW_LIMIT} rows. */
    public static String toHtml(Table table) {
        return toHtml(table, DEFAULT_ROW_LIMIT);
    }

    /**
     * The table as HTML.
     *
     * @param table    the table
     * @param rowLimit the most rows to write; the rest are counted in a closing note
     */
    public static String toHtml(Table table, int rowLimit) {
        if (rowLimit < 0) {
            throw new IllegalArgumentException("row limit must not be negative: " + rowLimit);
        }
        int columns = table.columnCount();
        boolean[] numeric = new boolean[columns];
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"easy2hard-table\">\n");
        String name = table.name();
        if (name != null && !name.isBlank()) {
            html.append("<caption>").append(escape(name)).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (int j = 0; j < columns; j++) {
            Column<?> column = table.column(j);
            numeric[j] = column instanceof NumericColumn;
            html.append(numeric[j] ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">")
                    .append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rowLimit, table.rowCount());
        for (int i = 0; i < shown; i++) {
            html.append("<tr>");
            for (int j = 0; j < columns; j++) {
                // getString applies the column's print formatter, so notebooks show what table.print() shows.
                html.append(numeric[j] ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(table.column(j).getString(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n");
        int hidden = table.rowCount() - shown;
        if (hidden > 0) {
            html.append("<tfoot><tr><td colspan=\"").append(Math.max(1, columns)).append("\">… ")
                    .append(hidden).append(hidden == 1 ? " more row" : " more rows")
                    .append(" (").append(table.rowCount()).append(" in all)</td></tr></tfoot>\n");
        }
        html.append("</table>");
        return html.toString();
    }

    /** Escapes the characters that HTML text and attribute values give meaning to. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
