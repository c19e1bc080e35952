package org.dmasim.interpreter.render;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;

/**
 * The index of a suite's pages ({@code dmasim test DIR --html OUT/}): one self-contained page,
 * a row per scenario with its result, reports and time, linking to the scenario's page.
 */
public final class HtmlIndex {
    /**
     * One scenario: its name, its page relative to the index (null when it has none: skipped),
     * its result label, whether it failed, its reports in words, its time and why it failed or was skipped.
     */
    public record Row(String name, String page, String status, boolean failed, String reports, Duration time,
            String note) {
    }

    private HtmlIndex() {
    }

    public static void write(String suite, List<Row> rows, Duration wall, Writer out) throws IOException {
        long failed = rows.stream().filter(Row::failed).count();
        long skipped = rows.stream().filter(r -> r.status().equals("skipped")).count();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dmasim test: ")
                .append(HtmlPage.esc(suite)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n")
                .append("<h1>").append(HtmlPage.esc(suite)).append("</h1>\n<p id=\"totals\" class=\"")
                .append(failed == 0 ? "pass" : "fail").append("\">").append(rows.size() - failed - skipped)
                .append(" passed, ").append(failed).append(" failed, ").append(skipped).append(" skipped in ")
                .append(String.format("%.1f s", wall.toMillis() / 1000.0)).append("</p>\n<table id=\"scenarios\">")
                .append("<tr><th>scenario</th><th>result</th><th>reports</th><th>time</th><th></th></tr>\n");
        for (Row r : rows) {
            b.append("<tr class=\"").append(r.failed() ? "fail" : r.status().equals("skipped") ? "skip" : "pass")
                    .append("\"><td>");
            if (r.page() != null) {
                b.append("<a href=\"").append(HtmlPage.esc(r.page())).append("\">").append(HtmlPage.esc(r.name()))
                        .append("</a>");
            } else {
                b.append(HtmlPage.esc(r.name()));
            }
            b.append("</td><td class=\"status\">").append(HtmlPage.esc(r.status())).append("</td><td>")
                    .append(HtmlPage.esc(r.reports())).append("</td><td>").append(r.time().toMillis())
                    .append(" ms</td><td>").append(r.note() == null ? "" : HtmlPage.esc(r.note())).append("</td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        out.write(b.toString());
    }

    private static final String CSS = """
            body{font:14px system-ui,sans-serif;margin:12px;color:#222}h1{font-size:18px}
            table{border-collapse:collapse}td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #eee}
            .fail .status,#totals.fail{color:#c0392b;font-weight:bold}.pass .status,#totals.pass{color:#27ae60}
            .skip{color:#888}
            """;
}
