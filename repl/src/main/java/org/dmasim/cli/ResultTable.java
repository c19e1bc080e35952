package org.dmasim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.suite.ScenarioResult;

/** The table of {@code dmasim test}: scenario, result, time, reports (or why it was skipped or failed). */
final class ResultTable {
    private final List<ScenarioResult> results;

    ResultTable(List<ScenarioResult> results) {
        this.results = results;
    }

    void print(PrintWriter out) {
        print(out, Style.PLAIN);
    }

    /** The table, its result column coloured by {@code style} (padding outside the colour keeps the columns). */
    void print(PrintWriter out, Style style) {
        int width = Math.max("scenario".length(), results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String format = "%-" + width + "s  %s  %8s  %s%n";
        out.printf(Locale.ROOT, format, "scenario", "result ", "time", "reports");
        for (ScenarioResult r : results) {
            String reports = switch (r.status()) {
                case SKIPPED -> r.note();
                case ERROR -> r.note();
                default -> r.reportsText();
            };
            String time = r.status() == ScenarioResult.Status.SKIPPED ? "-" : time(r.time());
            String label = r.status().label();
            String painted = switch (r.status()) {
                case PASSED -> style.paint(Style.Role.PASS, label);
                case FAILED, ERROR -> style.paint(Style.Role.FAIL, label);
                case SKIPPED -> label;
            };
            out.printf(Locale.ROOT, format, r.name(), painted + " ".repeat(Math.max(0, 7 - label.length())), time,
                    reports);
        }
    }

    /** {@code 12 scenarios: 10 passed, 1 failed, 0 errors, 1 skipped}. */
    static String tally(List<ScenarioResult> results) {
        return results.size() + " scenario" + (results.size() == 1 ? "" : "s") + ": "
                + count(results, ScenarioResult.Status.PASSED) + " passed, "
                + count(results, ScenarioResult.Status.FAILED) + " failed, "
                + count(results, ScenarioResult.Status.ERROR) + " with errors, "
                + count(results, ScenarioResult.Status.SKIPPED) + " skipped";
    }

    static String time(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static long count(List<ScenarioResult> results, ScenarioResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
