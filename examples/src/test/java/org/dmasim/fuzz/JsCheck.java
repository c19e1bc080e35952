package org.dmasim.fuzz;

import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;

/**
 * A program and its JavaScript translation (same statements, same lines) show the same reads,
 * reports and prints, and agree on whether the run got to its end: a {@code .dma} script error
 * is an uncaught {@code DmasimError} in JavaScript, at the same line, after the same events.
 */
final class JsCheck {
    static final String NAME = "fuzz.js";

    private JsCheck() {
    }

    static Finding check(String dma, String js, Runs.Run dmaRun, Stats stats) {
        return check(dma, js, dmaRun, stats, Oracle.options(dma.hashCode()));
    }

    /** {@code options}: the JavaScript run's limits (the campaign's are the {@code .dma} run's). */
    static Finding check(String dma, String js, Runs.Run dmaRun, Stats stats, ScenarioRunner.Options options) {
        Runs.Run jsRun = Runs.js(js, NAME, Oracle.WORK, options);
        String both = dma + "--- JavaScript ---\n" + js;
        Finding f = Invariants.check(jsRun, options, both, true);
        if (f != null) {
            return new Finding("js-" + f.kind(), f.detail(), both);
        }
        if (limited(dmaRun) || limited(jsRun)) {
            return null;
        }
        synchronized (stats) {
            stats.jsCompared++;
        }
        List<String> a = dmaRun.events().events;
        List<String> b = jsRun.events().events;
        if (dmaRun.exit() == ScenarioRunner.SCRIPT_ERROR && dmaRun.output().contains(": error: an integer has no field '")
                && b.size() >= a.size() && b.subList(0, a.size()).equals(a)) {
            // a field of an integer (an fd, the errno a failed call returned) is a script error in
            // .dma and undefined in JavaScript, whose numbers are the host language's own: the runs
            // agree up to there, and the guest goes on
            return null;
        }
        boolean dmaEnded = dmaRun.exit() == ScenarioRunner.PASS || dmaRun.exit() == ScenarioRunner.FAIL;
        boolean jsEnded = (jsRun.exit() == ScenarioRunner.PASS || jsRun.exit() == ScenarioRunner.FAIL)
                && !jsRun.output().contains("uncaught ");
        if (dmaEnded != jsEnded) {
            return new Finding("js-verdict", ".dma exit " + dmaRun.exit() + ", JavaScript exit " + jsRun.exit()
                    + "\n--- .dma output ---\n" + Invariants.firstLines(dmaRun.output())
                    + "--- JavaScript output ---\n" + Invariants.firstLines(jsRun.output()), both);
        }
        if (!a.equals(b)) {
            int i = 0;
            while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
                i++;
            }
            return new Finding("js-events", "first difference at event " + i + ":\n  .dma: "
                    + (i < a.size() ? a.get(i) : "(none)") + "\n  js:   " + (i < b.size() ? b.get(i) : "(none)")
                    + "\n--- .dma output ---\n" + Invariants.firstLines(dmaRun.output())
                    + "--- JavaScript output ---\n" + Invariants.firstLines(jsRun.output()), both);
        }
        return null;
    }

    /** A run stopped by a limit (time, steps, statements, memory): where exactly differs between front ends. */
    private static boolean limited(Runs.Run r) {
        String o = r.output();
        return o.contains("(the time limit") || o.contains("(the step budget") || o.contains("(the statement limit")
                || o.contains("memory budget exceeded") || o.contains("(the memory guard") || o.contains("recursed too deeply")
                || o.contains("out of memory");
    }
}
