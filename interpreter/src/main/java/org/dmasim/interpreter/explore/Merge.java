package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.engine.check.Severity;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Summary;

/**
 * The events of every execution merged into one report (docs/concurrency.md), folded in one
 * execution at a time so that a long exploration keeps only the merged state: a read shows the
 * union of its outcomes, each with the witness of the first execution giving it; a report is
 * shown once, with how many executions raised it; {@code expect} holds when it held in every
 * execution reaching it, {@code expect sometimes} and {@code expect report} when in one.
 */
final class Merge {
    /** A read over executions: its outcome lines, how many executions gave each, the shapes seen. */
    private static final class ReadKey {
        final ExecutionLog.Read first;
        final Map<String, ReadOverExecutions.Outcome> lines = new LinkedHashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        final Set<Set<String>> shapes = new HashSet<>();
        String note;
        int reached;

        ReadKey(ExecutionLog.Read first) {
            this.first = first;
        }

        /**
         * The first execution's read, not yet folded: a run of one execution shows it as it is,
         * so its outcome lines are made only when a second execution reaches the read.
         */
        private ExecutionLog.Read unfolded;

        void add(ExecutionLog.Read r) {
            if (reached == 0) {
                reached = 1;
                unfolded = r;
                return;
            }
            foldFirst();
            reached++;
            fold(r);
        }

        private void foldFirst() {
            if (unfolded != null) {
                fold(unfolded);
                unfolded = null;
            }
        }

        private void fold(ExecutionLog.Read r) {
            Set<String> shape = new LinkedHashSet<>();
            List<String> schedule = null; // made once and shared by the read's new lines (it may be long)
            for (OutcomeText.Line l : OutcomeText.lines(r.result())) {
                String k = l.range() + "|" + l.value() + "|" + l.stale();
                if (shape.add(k)) {
                    counts.merge(k, 1, Integer::sum);
                }
                if (!lines.containsKey(k)) {
                    if (schedule == null) {
                        schedule = r.schedule().get();
                    }
                    lines.put(k, new ReadOverExecutions.Outcome(l.range(), l.value(), l.stale(), l.witness(), 0,
                            schedule));
                    contexts.put(k, r.context());
                }
            }
            if (shapes.size() < 2) {
                shapes.add(shape);
            }
            if (note == null) {
                note = OutcomeText.mixingNote(r.result());
            }
        }

        final Map<String, String> contexts = new HashMap<>();

        ReadOverExecutions merged(int total) {
            foldFirst();
            boolean interleavingMatters = shapes.size() > 1;
            List<ReadOverExecutions.Outcome> out = new ArrayList<>();
            lines.forEach((k, o) -> {
                String ctx = contexts.get(k);
                String w = interleavingMatters && ctx != null && !ctx.isEmpty() ? o.witness() + ", " + ctx : o.witness();
                out.add(new ReadOverExecutions.Outcome(o.range(), o.value(), o.stale(), w, counts.get(k), o.schedule()));
            });
            return new ReadOverExecutions(first.result(), out, note, reached, total);
        }
    }

    /** An expectation over executions. */
    private static final class JudgedKey {
        final ExecutionLog.Judged first;
        int reached;
        int failed;
        String detail;

        JudgedKey(ExecutionLog.Judged first) {
            this.first = first;
        }

        void add(ExecutionLog.Judged j) {
            reached++;
            if (!j.passed()) {
                failed++;
                if (detail == null) {
                    detail = j.detail();
                }
            }
        }

        boolean holds() {
            return first.existential() ? failed < reached : failed == 0;
        }

        String why() {
            if (reached == 1) {
                return detail;
            }
            return (first.existential() ? "in none of the " + reached + " executions reaching it"
                    : "in " + failed + " of the " + reached + " executions reaching it") + (detail == null ? "" : ": "
                            + detail);
        }
    }

    private final KeyOrder order = new KeyOrder();
    private final Map<String, Object> byKey = new HashMap<>();
    private final Map<String, Integer> raisedCounts = new HashMap<>();
    private int logs;
    /** How many leading events of every execution went out at once, and what they counted. */
    private int prefix;
    private int prefixExpectations;
    private int prefixPassed;
    private int prefixErrors;
    private int prefixWarnings;

    /**
     * What the first run sent out at once (whether or not it completed as an execution): every
     * execution repeats those events, so they are shown once and only counted here.
     */
    void shownAtOnce(ExecutionLog first) {
        prefix = first.streamed();
        prefixExpectations = first.streamedExpectations();
        prefixPassed = first.streamedPassed();
        prefixErrors = first.streamedErrors();
        prefixWarnings = first.streamedWarnings();
    }

    /**
     * Folds one execution's events in, running {@code onTime} every {@link #BEAT} of them: it
     * throws when the run is out of time (a run that kept hundreds of thousands of reads for the
     * merge took longer to fold and show them than to make them, far past its time limit).
     */
    void add(ExecutionLog log, Runnable onTime) {
        // an execution that streamed nothing kept the part the first run showed: skip it
        int from = log.streamed() == 0 ? Math.min(prefix, log.entries().size()) : 0;
        List<ExecutionLog.Entry> entries = log.entries().subList(from, log.entries().size());
        List<String> keys = new ArrayList<>(entries.size());
        for (ExecutionLog.Entry e : entries) {
            keys.add(e.key());
        }
        logs++;
        order.add(keys, new HashSet<>(keys), onTime);
        int n = 0;
        for (ExecutionLog.Entry e : entries) {
            if ((++n & (BEAT - 1)) == 0) {
                onTime.run();
            }
            switch (e) {
                case ExecutionLog.Read r -> ((ReadKey) byKey.computeIfAbsent(e.key(), k -> new ReadKey(r))).add(r);
                case ExecutionLog.Judged j -> ((JudgedKey) byKey.computeIfAbsent(e.key(), k -> new JudgedKey(j))).add(j);
                case ExecutionLog.Raised p -> {
                    // unexpected in one execution is unexpected: show that one
                    byKey.merge(e.key(), p, (old, now) -> ((ExecutionLog.Raised) old).expectedBy() != null
                            && p.expectedBy() == null ? p : old);
                    raisedCounts.merge(e.key(), 1, Integer::sum);
                }
                case ExecutionLog.Printed p -> byKey.putIfAbsent(e.key(), p);
            }
        }
    }

    /** How many events {@link #add} and {@link #emit} handle between two looks at the clock. */
    static final int BEAT = 256;

    /** Emits the events not yet shown, without a summary (the run ends in a script error); {@code onTime} as in {@link #add}. */
    void emitEvents(RunListener out, int executions, boolean concurrent, Runnable onTime) {
        emit(out, executions, concurrent, false, false, onTime);
    }

    /** Emits the events not yet shown and the summary; returns the summary. {@code onTime} as in {@link #add}. */
    Summary emit(RunListener out, int executions, boolean concurrent, boolean bounded, Runnable onTime) {
        return emit(out, executions, concurrent, bounded, true, onTime);
    }

    private Summary emit(RunListener out, int executions, boolean concurrent, boolean bounded, boolean withSummary,
            Runnable onTime) {
        boolean plain = logs <= 1;
        int total = Math.max(1, logs);
        int expectations = prefixExpectations;
        int passed = prefixPassed;
        int errors = prefixErrors;
        int warnings = prefixWarnings;
        int n = 0;
        for (String key : order.keys()) {
            if ((++n & (BEAT - 1)) == 0) {
                onTime.run();
            }
            // the events that went out at once are not here: every one left is still to show
            switch (byKey.get(key)) {
                case ReadKey r -> {
                    if (plain) {
                        out.read(r.first.site(), r.first.source(), r.first.result());
                    } else {
                        out.read(r.first.site(), r.first.source(), r.merged(total));
                    }
                }
                case ExecutionLog.Raised p -> {
                    if (p.expectedBy() == null) {
                        if (p.report().severity() == Severity.ERROR) {
                            errors++;
                        } else {
                            warnings++;
                        }
                    }
                    if (plain) {
                        out.report(p.report(), p.expectedBy());
                    } else {
                        out.report(p.report(), p.expectedBy(), raisedCounts.get(key), total, p.context());
                    }
                }
                case JudgedKey j -> {
                    expectations++;
                    boolean holds = j.holds();
                    String detail = holds ? null : j.why();
                    // (one judged before the first choice point went out at once: the same in every execution, proven)
                    if (holds && bounded && !j.first.existential()) {
                        holds = false;
                        detail = "it held in every one of the " + total + " executions explored, but the exploration"
                                + " stopped at its bound: not proven (raise --max-executions)";
                    }
                    if (holds) {
                        passed++;
                    }
                    out.expectation(j.first.site(), j.first.source(), holds, detail);
                }
                case ExecutionLog.Printed p -> out.print(p.line());
                default -> throw new IllegalStateException("unknown merged event " + key);
            }
        }
        Summary s = new Summary(expectations, passed, expectations - passed, errors, warnings,
                concurrent ? executions : 0, bounded);
        if (withSummary) {
            out.summary(s);
        }
        return s;
    }
}
