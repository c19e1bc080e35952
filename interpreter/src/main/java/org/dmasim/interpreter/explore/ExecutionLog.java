package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dmasim.engine.Site;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.Severity;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * What one execution showed, event by event, each under a key that names the same event in
 * other executions: the kind, where it comes from, and the how-manieth time it happened there in
 * this execution. The first execution forwards its events at once while nothing can differ
 * between executions yet (before the first job starts and the first uncertain read), and keeps of
 * those only counts: they are the same in every execution, and a long run without jobs must not
 * hold every read it ever printed.
 */
final class ExecutionLog implements RunListener {
    /** One recorded event. {@code context} is what the jobs had done then (empty without jobs). */
    sealed interface Entry {
        String key();
    }

    record Read(String key, SourceSite site, String source, ReadResult result, String context,
            Supplier<List<String>> schedule) implements Entry {
    }

    record Raised(String key, Report report, SourceSite expectedBy, String context) implements Entry {
    }

    record Judged(String key, SourceSite site, String source, boolean passed, String detail, boolean existential)
            implements Entry {
    }

    record Printed(String key, String line) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Per key, how many events it keyed so far (a counter each: a loop's events box no count). */
    private final Map<String, int[]> occurrences = new HashMap<>();
    private final Supplier<String> context;
    private final java.util.function.IntFunction<List<String>> schedule;
    private final java.util.function.IntSupplier events;
    private RunListener stream;
    /** The first execution's stream, kept for statement ends after streaming stops (the timeline shows that execution). */
    private final RunListener firstStream;
    private int streamed;
    /** The expectations, passed expectations, unexpected errors and warnings among the streamed events. */
    private int streamedExpectations;
    private int streamedPassed;
    private int streamedErrors;
    private int streamedWarnings;
    private boolean holding;
    private int heldFrom;
    private Map<String, int[]> heldOccurrences;
    /** Events are dropped, not kept nor shown (a REPL entry's earlier entries, run again). */
    private boolean muted;
    /** Sees every read, muted or not (the explorer names the reads a branch restricted). */
    private ReadWatcher readSeen = (site, source, result) -> { };

    /** Sees each read as it happens. */
    @FunctionalInterface
    interface ReadWatcher {
        void seen(SourceSite site, String source, ReadResult result);
    }

    /**
     * @param stream where to forward events while nothing can differ yet, or null
     * @param context the interleaving in words at the current point
     * @param events how many steps there were so far
     * @param schedule the first n steps in words
     */
    ExecutionLog(RunListener stream, Supplier<String> context, java.util.function.IntSupplier events,
            java.util.function.IntFunction<List<String>> schedule) {
        this.stream = stream;
        this.firstStream = stream;
        this.context = context;
        this.events = events;
        this.schedule = schedule;
    }

    void mute(boolean on) {
        muted = on;
    }

    void watchReads(ReadWatcher watcher) {
        readSeen = watcher;
    }

    /** The events kept for the merge: those that did not go out at once. */
    List<Entry> entries() {
        return entries;
    }

    /**
     * How many leading events went out at once (every execution shares them; an execution that
     * streamed nothing keeps them among its entries).
     */
    int streamed() {
        return streamed;
    }

    int streamedExpectations() {
        return streamedExpectations;
    }

    int streamedPassed() {
        return streamedPassed;
    }

    int streamedErrors() {
        return streamedErrors;
    }

    int streamedWarnings() {
        return streamedWarnings;
    }

    /** From now on events may differ between executions: keep them for the merge. */
    void stopStreaming() {
        stream = null;
    }

    private String key(String kind, String where) {
        return numbered(kind + "|" + where);
    }

    private String numbered(String k) {
        return k + "#" + count(k);
    }

    /** One more occurrence of the events keyed {@code k}: which one this is (from 1). */
    private int count(String k) {
        int[] n = occurrences.get(k);
        if (n == null) {
            n = new int[1];
            occurrences.put(k, n);
        }
        return ++n[0];
    }

    /**
     * {@link #key(String, String)} of an event at {@code site} of a constant {@code kind}: the
     * {@code kind|where} text of the last sites (direct-mapped by span), as a loop's expectation
     * and read key the same text in every round.
     */
    private String key(String kind, SourceSite site) {
        return numbered(kindWhere(kind, site));
    }

    /** The {@code kind|where} text of {@link #key(String, SourceSite)}, without the occurrence. */
    private String kindWhere(String kind, SourceSite site) {
        int slot = site.span().start() & (KEYS - 1);
        SourceSite seen = keySites[slot];
        String k;
        if (seen != null && keyKinds[slot] == kind && seen.file() == site.file() && seen.span().equals(site.span())) {
            k = keyTexts[slot];
        } else {
            k = kind + "|" + where(site);
            keySites[slot] = site;
            keyKinds[slot] = kind;
            keyTexts[slot] = k;
            keyCounts[slot] = null;
        }
        return k;
    }

    /**
     * {@link #count} of {@link #kindWhere}: the counter is kept beside the text, as a loop's
     * expectation counts one more in every round (a hash look-up per round showed in the profile).
     */
    private int occurrence(String kind, SourceSite site) {
        String k = kindWhere(kind, site);
        int slot = site.span().start() & (KEYS - 1);
        int[] n = keyCounts[slot];
        if (n == null) {
            n = occurrences.computeIfAbsent(k, x -> new int[1]);
            keyCounts[slot] = n;
        }
        return ++n[0];
    }

    private static final int KEYS = 64;
    private final SourceSite[] keySites = new SourceSite[KEYS];
    private final String[] keyKinds = new String[KEYS];
    /** The {@link #occurrences} counter of {@link #keyTexts}' key, once asked (null: look it up). */
    private final int[][] keyCounts = new int[KEYS][];
    private final String[] keyTexts = new String[KEYS];

    static String where(Site site) {
        if (site instanceof SourceSite s) {
            return s.file().name() + ":" + s.span().start() + "-" + s.span().end();
        }
        return String.valueOf(site);
    }

    /**
     * Events from now on are held: a poll's evaluation shows only if it ends the wait
     * ({@link #release}).
     */
    void hold() {
        if (!holding) {
            holding = true;
            heldFrom = entries.size();
            heldOccurrences = copy(occurrences);
        }
    }

    private static Map<String, int[]> copy(Map<String, int[]> counts) {
        Map<String, int[]> out = new HashMap<>();
        counts.forEach((k, n) -> out.put(k, n.clone()));
        return out;
    }

    /** Ends {@link #hold}: keeps the held events, or forgets them as if they never happened. */
    void release(boolean keep) {
        if (!holding) {
            return;
        }
        holding = false;
        if (!keep) {
            forget(entries.subList(heldFrom, entries.size()));
            entries.subList(heldFrom, entries.size()).clear();
            occurrences.clear();
            occurrences.putAll(heldOccurrences); // its counters are the copies hold() made
            java.util.Arrays.fill(keyCounts, null);
            return;
        }
        List<Entry> held = entries.subList(heldFrom, entries.size());
        List<Entry> kept = new ArrayList<>(held.size());
        List<Entry> sent = new ArrayList<>();
        for (Entry e : held) {
            if (!send(e)) {
                kept.add(e);
            } else {
                sent.add(e);
            }
        }
        forget(sent);
        held.clear();
        entries.addAll(kept);
    }

    private void add(Entry e) {
        if (muted) {
            return;
        }
        if (holding || !send(e)) {
            keep(e);
        }
    }

    /**
     * Keeps an entry for the merge, charged to the machine's memory budget: a loop of reads after
     * the first job would otherwise fill the heap before any limit (a read's values are kilobytes,
     * what it prints a few lines).
     */
    private void keep(Entry e) {
        if (memory != null) {
            long cost = cost(e);
            var budget = memory.get();
            budget.require(cost, () -> "keeping " + (e instanceof Read ? "a read's values" : "an event")
                    + " to merge the executions");
            budget.charge(cost);
            charged += cost;
        }
        entries.add(e);
    }

    /** Gives back what {@code dropped} were charged. */
    private void forget(List<Entry> dropped) {
        if (memory == null) {
            return;
        }
        long cost = 0;
        for (Entry e : dropped) {
            cost += cost(e);
        }
        memory.get().release(cost);
        charged -= cost;
    }

    /** The memory budget kept entries are charged to (the machine's, which {@code machine {}} replaces), or null. */
    private java.util.function.Supplier<org.dmasim.engine.memory.MemoryBudget> memory;
    private long charged;

    /** From now on kept entries are charged to the budget {@code budget} gives (the execution's machine's). */
    void chargeTo(java.util.function.Supplier<org.dmasim.engine.memory.MemoryBudget> budget) {
        memory = budget;
    }

    /** What the kept entries were charged, in bytes. */
    long charged() {
        return charged;
    }

    /**
     * About the heap an entry holds while it is kept and merged (measured by ExecutionLogCostTest):
     * the record, its key and context, the merge's place for it, and a read's values (each possible
     * value's bytes of each segment, with the witness).
     */
    static long cost(Entry e) {
        long bytes = ENTRY_BYTES + 2L * e.key().length();
        if (e instanceof Read r) {
            // the read's schedule is a view of the execution's steps (charged as they were recorded)
            bytes += 2L * r.context().length();
            for (org.dmasim.engine.cache.Segment s : r.result().segments()) {
                bytes += SEGMENT_BYTES;
                for (org.dmasim.engine.cache.Alternative a : s.alternatives()) {
                    bytes += ALTERNATIVE_BYTES + (a.data().length + 7L & ~7L) + 2L * a.witness().text().length();
                }
            }
        }
        return bytes;
    }

    static final long ENTRY_BYTES = 1024;
    static final long SEGMENT_BYTES = 64;
    static final long ALTERNATIVE_BYTES = 96;

    /**
     * Out at once while nothing differs (then the entry is only counted: true); afterwards only to
     * the first execution's followers, and kept for the merge.
     */
    private boolean send(Entry e) {
        if (stream != null) {
            forward(e);
            return true;
        }
        if (firstStream != null) {
            switch (e) {
                case Read r -> firstStream.firstExecutionRead(r.site(), r.source(), r.result());
                case Raised p -> firstStream.firstExecutionReport(p.report(), p.expectedBy());
                case Judged j -> { }
                case Printed p -> { }
            }
        }
        return false;
    }

    private void forward(Entry e) {
        switch (e) {
            case Read r -> stream.read(r.site(), r.source(), r.result());
            case Raised p -> {
                stream.report(p.report(), p.expectedBy());
                if (p.expectedBy() == null) {
                    if (p.report().severity() == Severity.ERROR) {
                        streamedErrors++;
                    } else {
                        streamedWarnings++;
                    }
                }
            }
            case Judged j -> judged(j.site(), j.source(), j.passed(), j.detail(), j.existential());
            case Printed p -> stream.print(p.line());
        }
        streamed++;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        readSeen.seen(site, source, result);
        if (muted) {
            return;
        }
        if (stream != null && !result.isCertain()) {
            // a condition on it may fork: from here on executions may differ
            stopStreaming();
        }
        int upTo = events.getAsInt();
        add(new Read(key("read", site), site, source, result, context.get(), () -> schedule.apply(upTo)));
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        add(new Raised(key("report|" + report.code().name(), where(report.site())), report, expectedBy,
                context.get()));
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        expectation(site, source, passed, detail, false);
    }

    /** A pass streamed out shows where the stream shows it; one kept here for the merge counts. */
    @Override
    public boolean showsPassedExpectations() {
        return holding || stream == null || stream.showsPassedExpectations();
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail, boolean existential) {
        int n = occurrence("expect", site);
        if (muted) {
            return;
        }
        if (!holding && stream != null) {
            // out at once, as add() would send it: an expectation in a long loop makes no key nor entry
            judged(site, source, passed, detail, existential);
            streamed++;
            return;
        }
        add(new Judged(kindWhere("expect", site) + "#" + n, site, source, passed, detail, existential));
    }

    private void judged(SourceSite site, String source, boolean passed, String detail, boolean existential) {
        stream.expectation(site, source, passed, detail, existential);
        streamedExpectations++;
        if (passed) {
            streamedPassed++;
        }
    }

    @Override
    public void print(String line) {
        add(new Printed(key("print|" + line, "?"), line));
    }

    @Override
    public void print(SourceSite site, String line) {
        add(new Printed(key("print|" + line, where(site)), line));
    }

    /**
     * A statement's end goes to the first execution's stream, also after its other events are kept for
     * the merge: a timeline follows that execution (a scenario without jobs has only that one).
     */
    @Override
    public void statementDone(org.dmasim.interpreter.ast.Statement statement, SourceSite site,
            org.dmasim.interpreter.eval.Interpreter interpreter) {
        if (firstStream != null && !holding && !muted) {
            firstStream.statementDone(statement, site, interpreter);
        }
    }

    @Override
    public boolean followsStatements() {
        return firstStream != null && firstStream.followsStatements();
    }

    @Override
    public void summary(Summary summary) {
        // the explorer writes one summary for all executions
    }
}
