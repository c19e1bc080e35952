package org.dmasim.interpreter.explore;

import java.util.ArrayList;
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
 * The events of every execution merged into one report (CONCURRENCY.md §1): a read shows the
 * union of its outcomes, each with the witness of the first execution giving it; a report is
 * shown once, with how many executions raised it; {@code expect} holds when it held in every
 * execution reaching it, {@code expect sometimes} and {@code expect report} when in one.
 */
final class Merge {
    private final List<ExecutionLog> logs = new ArrayList<>();

    void add(ExecutionLog log) {
        logs.add(log);
    }

    /** Emits the events not yet shown, without a summary (the run ends in a script error). */
    void emitEvents(RunListener out, int executions, boolean concurrent) {
        emit(out, executions, concurrent, false, false);
    }

    /** Emits the events not yet shown and the summary; returns the summary. */
    Summary emit(RunListener out, int executions, boolean concurrent, boolean bounded) {
        return emit(out, executions, concurrent, bounded, true);
    }

    private Summary emit(RunListener out, int executions, boolean concurrent, boolean bounded, boolean withSummary) {
        if (logs.isEmpty()) {
            Summary s = new Summary(0, 0, 0, 0, 0, concurrent ? executions : 0, bounded);
            if (withSummary) {
                out.summary(s);
            }
            return s;
        }
        KeyOrder order = new KeyOrder();
        Map<String, List<ExecutionLog.Entry>> byKey = new LinkedHashMap<>();
        for (ExecutionLog log : logs) {
            List<String> keys = new ArrayList<>();
            for (ExecutionLog.Entry e : log.entries()) {
                keys.add(e.key());
                byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            }
            order.add(keys, new HashSet<>(keys));
        }
        Set<String> streamed = new HashSet<>();
        List<ExecutionLog.Entry> first = logs.get(0).entries();
        for (int i = 0; i < logs.get(0).streamed(); i++) {
            streamed.add(first.get(i).key());
        }
        boolean plain = logs.size() == 1;
        int total = logs.size();
        int expectations = 0;
        int passed = 0;
        int errors = 0;
        int warnings = 0;
        for (String key : order.keys()) {
            List<ExecutionLog.Entry> all = byKey.get(key);
            ExecutionLog.Entry e0 = all.get(0);
            boolean shown = streamed.contains(key);
            switch (e0) {
                case ExecutionLog.Read r -> {
                    if (!shown) {
                        if (plain) {
                            out.read(r.site(), r.source(), r.result());
                        } else {
                            out.read(r.site(), r.source(), read(all, total));
                        }
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
                    if (!shown) {
                        if (plain) {
                            out.report(p.report(), p.expectedBy());
                        } else {
                            out.report(p.report(), p.expectedBy(), all.size(), total, p.context());
                        }
                    }
                }
                case ExecutionLog.Judged j -> {
                    expectations++;
                    boolean holds = judge(all, j.existential());
                    String detail = holds ? null : detail(all, j.existential());
                    if (holds && bounded && !j.existential()) {
                        holds = false;
                        detail = "it held in every one of the " + total + " executions explored, but the exploration"
                                + " stopped at its bound: not proven (raise --max-executions)";
                    }
                    if (holds) {
                        passed++;
                    }
                    if (!shown) {
                        out.expectation(j.site(), j.source(), holds, detail);
                    }
                }
                case ExecutionLog.Printed p -> {
                    if (!shown) {
                        out.print(p.line());
                    }
                }
            }
        }
        Summary s = new Summary(expectations, passed, expectations - passed, errors, warnings,
                concurrent ? executions : 0, bounded);
        if (withSummary) {
            out.summary(s);
        }
        return s;
    }

    private static boolean judge(List<ExecutionLog.Entry> all, boolean existential) {
        for (ExecutionLog.Entry e : all) {
            boolean ok = ((ExecutionLog.Judged) e).passed();
            if (existential && ok) {
                return true;
            }
            if (!existential && !ok) {
                return false;
            }
        }
        return !existential;
    }

    private static String detail(List<ExecutionLog.Entry> all, boolean existential) {
        String d = null;
        int failed = 0;
        for (ExecutionLog.Entry e : all) {
            ExecutionLog.Judged j = (ExecutionLog.Judged) e;
            if (!j.passed()) {
                failed++;
                if (d == null) {
                    d = j.detail();
                }
            }
        }
        if (all.size() == 1) {
            return d;
        }
        return (existential ? "in none of the " + all.size() + " executions reaching it"
                : "in " + failed + " of the " + all.size() + " executions reaching it") + (d == null ? "" : ": " + d);
    }

    /** The union of a read's outcome lines over the executions that reached it. */
    private static ReadOverExecutions read(List<ExecutionLog.Entry> all, int total) {
        Map<String, ReadOverExecutions.Outcome> lines = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<Set<String>> shapes = new LinkedHashSet<>();
        String note = null;
        for (ExecutionLog.Entry e : all) {
            ExecutionLog.Read r = (ExecutionLog.Read) e;
            Set<String> shape = new LinkedHashSet<>();
            for (OutcomeText.Line l : OutcomeText.lines(r.result())) {
                String k = l.range() + "|" + l.value() + "|" + l.stale();
                if (shape.add(k)) {
                    counts.merge(k, 1, Integer::sum);
                }
                lines.putIfAbsent(k, new ReadOverExecutions.Outcome(l.range(), l.value(), l.stale(),
                        witness(l.witness(), r.context()), 0, r.schedule()));
            }
            shapes.add(shape);
            if (note == null) {
                note = OutcomeText.mixingNote(r.result());
            }
        }
        boolean interleavingMatters = shapes.size() > 1;
        List<ReadOverExecutions.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, ReadOverExecutions.Outcome> l : lines.entrySet()) {
            ReadOverExecutions.Outcome o = l.getValue();
            String w = interleavingMatters ? o.witness() : o.witness().split(" \u0000", 2)[0];
            outcomes.add(new ReadOverExecutions.Outcome(o.range(), o.value(), o.stale(), w.replace(" \u0000", ", "),
                    counts.get(l.getKey()), o.schedule()));
        }
        return new ReadOverExecutions(((ExecutionLog.Read) all.get(0)).result(), outcomes, note, all.size(), total);
    }

    /** The cache witness and, separated so it can be left out, the interleaving. */
    private static String witness(String cache, String context) {
        return context == null || context.isEmpty() ? cache : cache + " \u0000" + context;
    }
}
