package org.dmasim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.suite.ScenarioResult;

/**
 * The table of {@code dmasim test}: a row per scenario (name, result, time, reports or why it
 * was skipped or failed) printed as each one finishes, then the output of the failed ones and a
 * tally. On a terminal each row starts with {@code [n/N]}.
 */
final class ResultTable implements SuiteReport {
    private final PrintWriter out;
    private final boolean progress;
    private final boolean verbose;
    private final Style style;
    private String format;
    private String progressFormat;
    private int total;

    ResultTable(PrintWriter out, boolean progress, boolean verbose) {
        this(out, progress, verbose, Style.PLAIN);
    }

    /** A table whose result column is coloured by {@code style} (padding outside the colour keeps the columns). */
    ResultTable(PrintWriter out, boolean progress, boolean verbose, Style style) {
        this.out = out;
        this.progress = progress;
        this.verbose = verbose;
        this.style = style;
    }

    @Override
    public void start(String suite, List<String> names) {
        total = names.size();
        int width = Math.max("scenario".length(), names.stream().mapToInt(String::length).max().orElse(0));
        format = "%-" + width + "s  %-7s  %8s  %s%n";
        int digits = String.valueOf(total).length();
        progressFormat = "[%" + digits + "d/%d] ";
        String pad = progress ? " ".repeat(String.format(Locale.ROOT, progressFormat, total, total).length()) : "";
        out.printf(Locale.ROOT, pad + format, "scenario", "result", "time", "reports");
        out.flush();
    }

    @Override
    public void finished(ScenarioResult r, int n) {
        String reports = switch (r.status()) {
            case SKIPPED, ERROR -> r.note();
            case PASSED, FAILED -> r.reportsText();
        };
        String time = r.status() == ScenarioResult.Status.SKIPPED ? "-" : time(r.time());
        if (progress) {
            out.printf(Locale.ROOT, progressFormat, n, total);
        }
        String label = r.status().label();
        String painted = switch (r.status()) {
            case PASSED -> style.paint(Style.Role.PASS, label);
            case FAILED, ERROR -> style.paint(Style.Role.FAIL, label);
            case SKIPPED -> label;
        };
        // the padding of %-7s counts escape codes: pad the label itself
        out.printf(Locale.ROOT, format, r.name(), painted + " ".repeat(Math.max(0, 7 - label.length())), time, reports);
        out.flush();
    }

    @Override
    public void end(List<ScenarioResult> results, Duration wall, int atOnce) {
        for (ScenarioResult r : results) {
            if (r.failed() || (verbose && !r.output().isEmpty())) {
                out.println();
                out.println("--- " + r.name() + " (" + r.status().label() + ", exit " + r.exit() + ")");
                out.print(r.output());
            }
        }
        Duration summed = results.stream().map(ScenarioResult::time).reduce(Duration.ZERO, Duration::plus);
        Duration cpu = results.stream().map(ScenarioResult::cpu).reduce(Duration.ZERO, Duration::plus);
        out.println();
        out.println(tally(results) + " in " + time(wall) + " (scenario times add up to " + time(summed) + ", "
                + time(cpu) + " of it on a CPU; " + atOnce + " at once)");
        out.flush();
    }

    @Override
    public void note(String line) {
        out.println(line);
        out.flush();
    }

    /** {@code 12 scenarios: 10 passed, 1 failed, 0 with errors, 1 skipped}. */
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

    static long count(List<ScenarioResult> results, ScenarioResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
