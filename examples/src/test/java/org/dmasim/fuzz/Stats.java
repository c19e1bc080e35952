package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzzing run did: programs by origin and outcome, and what it found. */
final class Stats {
    long generated;
    long mutated;
    long resolved;
    long completed;
    long scriptErrors;
    long limits;
    long jsCompared;
    long stateEntries;
    long stateFailures;
    /** Programs whose retained heap was measured against the budget ({@link HeapCheck}), and the largest of each. */
    long heapChecks;
    long maxRetained;
    long maxCharged;
    final Map<Integer, Long> exits = new TreeMap<>();
    final Map<String, Long> findings = new TreeMap<>();
    final List<Finding> examples = new ArrayList<>();
    long nanos;
    /** Where the time went: whole runs, REPL entries, JavaScript runs, heap measurements, shrinking. */
    long runNanos;
    long heapNanos;
    long stateNanos;
    long jsNanos;
    long shrinkNanos;

    synchronized void finding(Finding f) {
        findings.merge(f.kind(), 1L, Long::sum);
        if (examples.size() < 50) {
            examples.add(f);
        }
    }

    long programs() {
        return generated + mutated;
    }

    synchronized void add(Stats o) {
        generated += o.generated;
        mutated += o.mutated;
        resolved += o.resolved;
        completed += o.completed;
        scriptErrors += o.scriptErrors;
        limits += o.limits;
        jsCompared += o.jsCompared;
        stateEntries += o.stateEntries;
        stateFailures += o.stateFailures;
        heapChecks += o.heapChecks;
        maxRetained = Math.max(maxRetained, o.maxRetained);
        maxCharged = Math.max(maxCharged, o.maxCharged);
        o.exits.forEach((k, v) -> exits.merge(k, v, Long::sum));
        o.findings.forEach((k, v) -> findings.merge(k, v, Long::sum));
        examples.addAll(o.examples.subList(0, Math.min(o.examples.size(), Math.max(0, 50 - examples.size()))));
        nanos += o.nanos;
        runNanos += o.runNanos;
        heapNanos += o.heapNanos;
        stateNanos += o.stateNanos;
        jsNanos += o.jsNanos;
        shrinkNanos += o.shrinkNanos;
    }

    @Override
    public String toString() {
        long p = Math.max(1, programs());
        return String.format("%d programs (%d generated, %d mutated) in %.1f s (%.1f/s): %d (%.1f%%) valid past the"
                + " resolver,"
                + " %d ran to the end (exit 0/1), %d script errors (%d of them limits); exits %s;"
                + " %d compared with JavaScript; %d REPL entries checked (%d failed, state compared);"
                + " %d heaps measured (largest retained %.1f MiB, largest charged %.1f MiB); findings %s"
                + " (time: runs %.0f s, REPL %.0f s, JavaScript %.0f s, heaps %.0f s, shrinking %.0f s)",
                programs(), generated, mutated, nanos / 1e9, programs() / Math.max(1e-9, nanos / 1e9), resolved,
                100.0 * resolved / p, completed, scriptErrors,
                limits, exits, jsCompared, stateEntries, stateFailures, heapChecks, maxRetained / 1048576.0,
                maxCharged / 1048576.0, findings.isEmpty() ? "none" : findings,
                runNanos / 1e9, stateNanos / 1e9, jsNanos / 1e9, heapNanos / 1e9, shrinkNanos / 1e9);
    }
}
