package org.dmasim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.dmasim.interpreter.suite.ScenarioResult;

/**
 * {@code dmasim test --format ktap}: KTAP version 1 (Documentation/dev-tools/ktap.rst) laid out
 * as KUnit prints a run of one suite (lib/kunit/test.c, debugfs.c), so {@code kunit.py parse}
 * and other kernel CI tooling read it:
 *
 * <pre>
 * KTAP version 1
 * 1..1
 *     KTAP version 1
 *     # Subtest: examples
 *     1..3
 *     ok 1 rx-sync-arm64.dma
 *     # tx.dma: 1 expectation: 0 passed, 1 failed
 *     # ...what dmasim run printed...
 *     not ok 2 tx.dma
 *     ok 3 sweep.js # SKIP polyglot not available
 * # examples: pass:1 fail:1 skip:1 total:3
 * # Totals: pass:1 fail:1 skip:1 total:3
 * not ok 1 examples
 * </pre>
 *
 * Results are numbered in the order they finish (KTAP numbers count up by one); a failed
 * scenario's output comes first as diagnostic lines, as KUnit puts a failed case's log before
 * its result line; a script error gets the {@code ERROR} directive.
 */
final class KtapReport implements SuiteReport {
    /** KUNIT_SUBTEST_INDENT. */
    private static final String INDENT = "    ";

    private final PrintWriter out;
    private final boolean verbose;
    private String suite;

    KtapReport(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void start(String suiteName, List<String> names) {
        suite = description(suiteName);
        out.println("KTAP version 1");
        out.println("1..1");
        if (!names.isEmpty()) {
            out.println(INDENT + "KTAP version 1");
            out.println(INDENT + "# Subtest: " + suite);
            out.println(INDENT + "1.." + names.size());
        }
        out.flush();
    }

    @Override
    public void finished(ScenarioResult r, int n) {
        if (r.failed() || (verbose && !r.output().isEmpty())) {
            if (r.note() != null) {
                out.println(INDENT + "# " + r.name() + ": " + r.note());
            }
            r.output().lines().forEach(line -> out.println(diagnostic(line)));
        }
        String line = INDENT + (r.failed() ? "not ok " : "ok ") + n + " " + description(r.name());
        line += switch (r.status()) {
            case PASSED, FAILED -> "";
            case SKIPPED -> " # SKIP " + directiveText(r.note());
            case ERROR -> " # ERROR " + directiveText(r.note());
        };
        out.println(line);
        out.flush();
    }

    @Override
    public void end(List<ScenarioResult> results, Duration wall, int atOnce) {
        if (results.isEmpty()) {
            out.println("ok 1 " + suite + " # SKIP no scenarios to run");
            out.flush();
            return;
        }
        long passed = ResultTable.count(results, ScenarioResult.Status.PASSED);
        long failed = results.stream().filter(ScenarioResult::failed).count();
        long skipped = ResultTable.count(results, ScenarioResult.Status.SKIPPED);
        String counts = "pass:" + passed + " fail:" + failed + " skip:" + skipped + " total:" + results.size();
        out.println("# " + suite + ": " + counts);
        out.println("# Totals: " + counts);
        out.println((failed > 0 ? "not ok 1 " : "ok 1 ") + suite);
        out.flush();
    }

    @Override
    public void note(String line) {
        out.println("# " + line);
        out.flush();
    }

    /** A diagnostic line, indented like the scenario's result line; tabs and carriage returns flattened. */
    private static String diagnostic(String line) {
        String text = line.replace('\t', ' ').replace('\r', ' ');
        return text.isEmpty() ? INDENT + "#" : INDENT + "# " + text;
    }

    /** A description cannot hold {@code #} (ktap.rst), nor span lines. */
    static String description(String name) {
        return name.replace('#', '_').replace('\n', ' ').replace('\r', ' ').strip();
    }

    private static String directiveText(String note) {
        return note == null ? "" : note.replace('\n', ' ').replace('\r', ' ');
    }
}
