package org.dmasim.engine.cache;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * Where each line's configuration set lives, in the cheapest of three forms:
 * <ul>
 * <li><b>deterministic</b>: {Invalid/m} or {Invalid/m, Clean(m)/m}; only DRAM's bytes;</li>
 * <li><b>dirty</b>: the closure of {Dirty(d)/m}, i.e. {Dirty(d)/m, Clean(d)/d, Invalid/d}, what
 * every CPU store leaves; d in an overlay of pages, one bit per line, so bulk writes and syncs
 * are array copies;</li>
 * <li><b>stale clean</b> (speculating lines only): the closure of {Clean(c)/m}, i.e.
 * {Clean(c)/m, Invalid/m, Clean(m)/m}, what a non-coherent device store or an uncached store
 * leaves under a line that may be cached: the missing-sync_for_cpu case, c in the same overlay;</li>
 * <li><b>explicit</b>: any other set, kept as its shape and its distinct values ({@link ExplicitLines}).</li>
 * </ul>
 * Witnesses of the first two forms live in interval maps (one entry per write, not per line).
 */
final class LineStore {
    static final int PAGE = SparseBytes.PAGE;

    /**
     * What making a line explicit may cost at most, for the check before a statement makes lines
     * explicit: as if each line had a set of its own (one event's lines share one), six
     * configurations over four distinct values, each with a witness of about 100 characters.
     */
    static long explicitLineBound(int line) {
        return 56 + 16 + 16 + 40 + 6 * 24 + 4 * (24 + ((16 + line + 7) & ~7L) + 24 + 120);
    }

    final int line;
    final SparseBytes memory;
    final SparseBytes overlay;
    final MemoryBudget budget;
    final LongPredicate speculable;
    final ExplicitLines explicit;
    private final LineBits dirtyBits = new LineBits();
    private final LineBits staleBits = new LineBits();
    /** Deterministic lines holding Clean(m) where speculation would not have put it (no-speculation lines). */
    final Set<Long> mayBeCached = new HashSet<>();
    final Origins memOrigins = new Origins();
    final Origins overlayOrigins = new Origins();

    LineStore(int line, SparseBytes memory, MemoryBudget budget, LongPredicate speculable) {
        this.line = line;
        this.memory = memory;
        this.overlay = new SparseBytes(budget, "cache lines that differ from memory");
        overlay.seekEqualPages(false);
        this.budget = budget;
        this.speculable = speculable;
        this.explicit = new ExplicitLines(line, budget);
    }

    long pageOf(long l) {
        return l * line / PAGE;
    }

    boolean hasExplicit(long page) {
        return explicit.anyInPage(page);
    }

    boolean isDirty(long l) {
        return dirtyBits.get(l);
    }

    long dirtyLines() {
        return dirtyBits.count();
    }

    void setDirty(long l, boolean on) {
        dirtyBits.set(l, l, on);
    }

    boolean anyDirty(long first, long last) {
        return dirtyBits.any(first, last);
    }

    long nextDirty(long from, long last) {
        return dirtyBits.next(from, last);
    }

    long nextNotDirty(long from, long last) {
        return dirtyBits.nextAbsent(from, last);
    }

    void setDirtyRange(long first, long last, boolean on) {
        dirtyBits.set(first, last, on);
    }

    boolean isStale(long l) {
        return staleBits.get(l);
    }

    long staleLines() {
        return staleBits.count();
    }

    boolean anyStale(long first, long last) {
        return staleBits.any(first, last);
    }

    void setStaleRange(long first, long last, boolean on) {
        staleBits.set(first, last, on);
    }

    /** Any line of {@code [first, last]} kept in the overlay (dirty or stale clean). */
    boolean anyOverlay(long first, long last) {
        return dirtyBits.any(first, last) || staleBits.any(first, last);
    }

    boolean cachedWhenDeterministic(long l) {
        return speculable.test(l * line) || mayBeCached.contains(l);
    }

    /** The line's set, whatever form it is kept in. */
    LineConfigs materialize(long l, String site) {
        byte[] data = explicit.data(l);
        if (data != null) {
            return explicit.configs(data);
        }
        long ls = l * line;
        LineValue m = new LineValue(memory.read(ls, line), memOrigins.of(ls, line));
        boolean spec = speculable.test(ls);
        if (isDirty(l)) {
            LineValue d = new LineValue(overlay.read(ls, line), overlayOrigins.of(ls, line));
            return LineConfigs.of(List.of(LineConfig.dirty(d, m))).close(spec, "before " + site);
        }
        if (isStale(l)) {
            LineValue c = new LineValue(overlay.read(ls, line), overlayOrigins.of(ls, line));
            return LineConfigs.of(List.of(LineConfig.clean(c, m))).close(spec, "before " + site);
        }
        return LineConfigs.trivial(m, spec || mayBeCached.contains(l), spec
                ? "cache line filled by speculative prefetch before " + site + ", never invalidated"
                : "cache line filled by a CPU read before " + site + ", never invalidated");
    }

    /**
     * Whether lines {@code a} and {@code b} have the same configurations with the same bytes
     * (witnesses aside), decided from the compact forms without building either set; false for
     * explicit sets, which are not compared.
     */
    boolean sameBytes(long a, long b, byte[] scratchA, byte[] scratchB) {
        if (explicit.contains(a) || explicit.contains(b) || isDirty(a) != isDirty(b)
                || isStale(a) != isStale(b)
                || speculable.test(a * line) != speculable.test(b * line)
                || mayBeCached.contains(a) != mayBeCached.contains(b)) {
            return false;
        }
        memory.read(a * line, scratchA, 0, line);
        memory.read(b * line, scratchB, 0, line);
        if (!java.util.Arrays.equals(scratchA, scratchB)) {
            return false;
        }
        if (isDirty(a) || isStale(a)) {
            overlay.read(a * line, scratchA, 0, line);
            overlay.read(b * line, scratchB, 0, line);
            return java.util.Arrays.equals(scratchA, scratchB);
        }
        return true;
    }

    /**
     * Whether every line of the 4 KiB page {@code page} has the configurations and bytes (witnesses
     * aside) of the page's first line, decided for the page at once: no explicit line, the same
     * form for all lines, DRAM's (and the overlay's) bytes repeating line by line. False when unsure.
     */
    boolean uniformPage(long page) {
        if (hasExplicit(page)) {
            return false;
        }
        long first = page * PAGE / line;
        long last = first + PAGE / line - 1;
        if (!dirtyBits.allOrNone(first, last) || !staleBits.allOrNone(first, last)
                || speculable.test(first * line) != speculable.test(last * line)) {
            return false;
        }
        if (!mayBeCached.isEmpty()) {
            boolean cached = mayBeCached.contains(first);
            for (long l = first + 1; l <= last; l++) {
                if (mayBeCached.contains(l) != cached) {
                    return false;
                }
            }
        }
        long at = page * PAGE;
        return memory.periodicPage(at, line) && (!anyOverlay(first, first) || overlay.periodicPage(at, line));
    }

    /** Keeps a closed set in the cheapest form that represents it exactly. */
    void store(long l, LineConfigs set) {
        long ls = l * line;
        explicit.remove(l);
        setDirty(l, false);
        setStaleRange(l, l, false);
        boolean[] cached = new boolean[1];
        LineValue m = set.trivialMemory(cached);
        if (m != null) {
            memory.write(ls, m.bytes, 0, line);
            memOrigins.set(ls, line, m.witness);
            if (cached[0] && !speculable.test(ls)) {
                mayBeCached.add(l);
            } else {
                mayBeCached.remove(l);
            }
            return;
        }
        mayBeCached.remove(l);
        LineConfig d = dirtyOver(set, speculable.test(ls));
        if (d != null) {
            memory.write(ls, d.memory().bytes, 0, line);
            memOrigins.set(ls, line, d.memory().witness);
            overlay.write(ls, d.cache().bytes, 0, line);
            overlayOrigins.set(ls, line, d.cache().witness);
            setDirty(l, true);
            return;
        }
        LineConfig c = staleClean(set, speculable.test(ls));
        if (c != null) {
            memory.write(ls, c.memory().bytes, 0, line);
            memOrigins.set(ls, line, c.memory().witness);
            overlay.write(ls, c.cache().bytes, 0, line);
            overlayOrigins.set(ls, line, c.cache().witness);
            setStaleRange(l, l, true);
            return;
        }
        explicit.put(l, set);
    }

    /** Whether {@link #store} keeps {@code set} as an explicit line: no cheaper form holds it. */
    boolean explicitOnly(LineConfigs set, boolean speculate) {
        return set.trivialMemory(new boolean[1]) == null && dirtyOver(set, speculate) == null
                && staleClean(set, speculate) == null;
    }

    /** The line becomes deterministic with DRAM {@code bytes} (callers fix witnesses). */
    void forget(long l) {
        explicit.remove(l);
        setDirty(l, false);
        setStaleRange(l, l, false);
        mayBeCached.remove(l);
    }

    // ---- page-at-a-time paths for deterministic and dirty lines (CacheDomain checks the forms)

    /** CPU store through the cache on deterministic lines: write-allocate into the overlay. */
    void storeDirty(long first, long last, long a, long b, byte[] pattern, long start) {
        // write-allocate: partly written edge lines start from DRAM's bytes, and their witnesses
        if (a != first * line) {
            memory.copyTo(overlay, first * line, line);
            overlayOrigins.copy(memOrigins, first * line, a);
        }
        if (b != (last + 1) * line) {
            memory.copyTo(overlay, last * line, line);
            overlayOrigins.copy(memOrigins, b, (last + 1) * line);
        }
        setDirtyRange(first, last, true);
        forgetMayBeCached(first, last);
        overlay.fill(a, b - a, pattern, start);
    }

    /**
     * A store to DRAM only (non-coherent device, uncached CPU) on deterministic speculating
     * lines: the line may still be cached with the old bytes, so it becomes stale clean.
     */
    void storeStale(long first, long last, long a, long b, byte[] pattern, long start, String site) {
        long from = first * line;
        long to = (last + 1) * line;
        memory.copyTo(overlay, from, to - from);
        for (long p = from; p < to; ) {
            long e = Math.min(to, memOrigins.runEnd(p));
            String w = memOrigins.at(p);
            int comma = w.indexOf(", ");
            overlayOrigins.set(p, e, (comma < 0 ? w : w.substring(0, comma))
                    + ", cache line filled by speculative prefetch before " + site + ", never invalidated");
            p = e;
        }
        setStaleRange(first, last, true);
        memory.fill(a, b - a, pattern, start);
    }

    /** Coherent device store: dirty data merged into DRAM first, then the store, the line invalid. */
    void storeCoherent(long first, long last, long a, long b, byte[] pattern, long start) {
        writeBackRuns(first, last, false);
        dropOverlayPages(first, last);
        if (anyStale(first, last)) {
            setStaleRange(first, last, false);
            dropOverlayPage(first * line / PAGE * PAGE);
        }
        forgetMayBeCached(first, last);
        memory.fill(a, b - a, pattern, start);
    }

    /**
     * Drops {@code [first, last]} from {@link #mayBeCached}: by the set when it is the smaller (a
     * bulk store of millions of lines over a few such lines walks the few, not the millions).
     */
    void forgetMayBeCached(long first, long last) {
        if (mayBeCached.isEmpty()) {
            return;
        }
        if (mayBeCached.size() < last - first + 1) {
            mayBeCached.removeIf(l -> l >= first && l <= last);
        } else {
            for (long l = first; l <= last; l++) {
                mayBeCached.remove(l);
            }
        }
    }

    /**
     * Writes the dirty lines of {@code [first, last]} back: DRAM takes the overlay's bytes and
     * witnesses a run at a time, and the lines become deterministic ({@code cached}: Clean(d) may stay).
     */
    void writeBackRuns(long first, long last, boolean cached) {
        if (dirtyLines() == 0) {
            return;
        }
        for (long l = nextDirty(first, last); l >= 0; l = nextDirty(l, last)) {
            long runEnd = nextNotDirty(l, last) - 1;
            long from = l * line;
            long to = (runEnd + 1) * line;
            overlay.copyTo(memory, from, to - from);
            memOrigins.copy(overlayOrigins, from, to);
            setDirtyRange(l, runEnd, false);
            if (cached && !speculable.test(from)) {
                for (long k = l; k <= runEnd; k++) {
                    mayBeCached.add(k);
                }
            }
            l = runEnd + 1;
            if (l > last) {
                break;
            }
        }
    }

    /** Frees the overlay pages of {@code [first, last]} that no longer hold a line. */
    void dropOverlayPages(long first, long last) {
        long perPage = PAGE / line;
        for (long p = first / perPage; p <= last / perPage; p++) {
            dropOverlayPage(p * PAGE);
        }
    }

    /** Frees a page of the overlay once no line of it lives there. */
    void dropOverlayPage(long pageStart) {
        if (!anyOverlay(pageStart / line, (pageStart + PAGE) / line - 1)) {
            overlay.zero(pageStart, PAGE);
        }
    }

    /** The Clean(c)/m, c != m, whose speculating closure is exactly {@code set}, or null. */
    private static LineConfig staleClean(LineConfigs set, boolean spec) {
        if (!spec || set.size() != 3) {
            return null;
        }
        for (LineConfig c : set.configs()) {
            if (c.state() == CacheState.CLEAN && !c.cache().sameBytes(c.memory())
                    && LineConfigs.of(List.of(c)).close(true, "").equals(set)) {
                return c;
            }
        }
        return null;
    }

    /** The Dirty(d)/m whose closure is exactly {@code set}, or null. */
    private static LineConfig dirtyOver(LineConfigs set, boolean spec) {
        if (set.size() != 3) {
            return null;
        }
        LineConfig d = null;
        for (LineConfig c : set.configs()) {
            if (c.state() == CacheState.DIRTY) {
                if (d != null) {
                    return null;
                }
                d = c;
            }
        }
        if (d == null || !LineConfigs.of(List.of(d)).close(spec, "").equals(set)) {
            return null;
        }
        return d;
    }
}
