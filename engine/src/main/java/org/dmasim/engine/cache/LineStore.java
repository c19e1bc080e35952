package org.dmasim.engine.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <li><b>explicit</b>: any other set, kept in a sparse map.</li>
 * </ul>
 * Witnesses of the first two forms live in interval maps (one entry per write, not per line).
 */
final class LineStore {
    static final int PAGE = SparseBytes.PAGE;
    static final int CONFIG_COST = 48;

    final int line;
    final SparseBytes memory;
    final SparseBytes dirty;
    final MemoryBudget budget;
    final LongPredicate speculable;
    final Map<Long, LineConfigs> explicit = new HashMap<>();
    private final Map<Long, int[]> explicitPerPage = new HashMap<>();
    private final Map<Long, long[]> dirtyBits = new HashMap<>();
    /** Deterministic lines holding Clean(m) where speculation would not have put it (no-speculation lines). */
    final Set<Long> mayBeCached = new HashSet<>();
    final Origins memOrigins = new Origins();
    final Origins dirtyOrigins = new Origins();
    private long dirtyLines;

    LineStore(int line, SparseBytes memory, MemoryBudget budget, LongPredicate speculable) {
        this.line = line;
        this.memory = memory;
        this.dirty = new SparseBytes(budget, "dirty cache lines");
        this.budget = budget;
        this.speculable = speculable;
    }

    long pageOf(long l) {
        return l * line / PAGE;
    }

    boolean hasExplicit(long page) {
        return explicitPerPage.containsKey(page);
    }

    boolean isDirty(long l) {
        long[] w = dirtyBits.get(l >>> 6);
        return w != null && ((w[0] >>> (l & 63)) & 1) != 0;
    }

    long dirtyLines() {
        return dirtyLines;
    }

    void setDirty(long l, boolean on) {
        long key = l >>> 6;
        long bit = 1L << (l & 63);
        long[] w = dirtyBits.get(key);
        if (on) {
            if (w == null) {
                w = new long[1];
                dirtyBits.put(key, w);
            }
            if ((w[0] & bit) == 0) {
                w[0] |= bit;
                dirtyLines++;
            }
        } else if (w != null && (w[0] & bit) != 0) {
            w[0] &= ~bit;
            dirtyLines--;
            if (w[0] == 0) {
                dirtyBits.remove(key);
            }
        }
    }

    /** Any dirty line in {@code [first, last]}. */
    boolean anyDirty(long first, long last) {
        return nextDirty(first, last) >= 0;
    }

    /** The first dirty line in {@code [from, last]}, or -1 (a word of 64 lines at a time). */
    long nextDirty(long from, long last) {
        if (dirtyLines == 0) {
            return -1;
        }
        for (long l = from; l <= last; l = (l | 63) + 1) {
            long[] w = dirtyBits.get(l >>> 6);
            if (w != null) {
                long bits = w[0] >>> (l & 63);
                if (bits != 0) {
                    long found = l + Long.numberOfTrailingZeros(bits);
                    return found <= last ? found : -1;
                }
            }
        }
        return -1;
    }

    /** The first line in {@code [from, last]} that is not dirty, or {@code last + 1}. */
    long nextNotDirty(long from, long last) {
        for (long l = from; l <= last; l = (l | 63) + 1) {
            long[] w = dirtyBits.get(l >>> 6);
            if (w == null) {
                return l;
            }
            long bits = ~w[0] >>> (l & 63);
            if (bits != 0) {
                return Math.min(last + 1, l + Long.numberOfTrailingZeros(bits));
            }
        }
        return last + 1;
    }

    /** Sets or clears the dirty bits of {@code [first, last]}, a word at a time. */
    void setDirtyRange(long first, long last, boolean on) {
        for (long l = first; l <= last; l = (l | 63) + 1) {
            long key = l >>> 6;
            int lo = (int) (l & 63);
            int hi = (int) Math.min(63, last - (key << 6));
            long mask = (hi == 63 ? -1L : (1L << (hi + 1)) - 1) & (-1L << lo);
            long[] w = dirtyBits.get(key);
            if (on) {
                if (w == null) {
                    w = new long[1];
                    dirtyBits.put(key, w);
                }
                dirtyLines += Long.bitCount(mask & ~w[0]);
                w[0] |= mask;
            } else if (w != null) {
                dirtyLines -= Long.bitCount(mask & w[0]);
                w[0] &= ~mask;
                if (w[0] == 0) {
                    dirtyBits.remove(key);
                }
            }
        }
    }

    boolean cachedWhenDeterministic(long l) {
        return speculable.test(l * line) || mayBeCached.contains(l);
    }

    /** The line's set, whatever form it is kept in. */
    LineConfigs materialize(long l, String site) {
        LineConfigs set = explicit.get(l);
        if (set != null) {
            return set;
        }
        long ls = l * line;
        LineValue m = new LineValue(memory.read(ls, line), memOrigins.at(ls));
        boolean spec = speculable.test(ls);
        if (isDirty(l)) {
            LineValue d = new LineValue(dirty.read(ls, line), dirtyOrigins.at(ls));
            return LineConfigs.of(List.of(LineConfig.dirty(d, m))).close(spec, site);
        }
        return LineConfigs.trivial(m, spec || mayBeCached.contains(l), spec
                ? "cache line filled by speculative prefetch before " + site + ", never invalidated"
                : "cache line filled by a CPU read before " + site + ", never invalidated");
    }

    /** Keeps a closed set in the cheapest form that represents it exactly. */
    void store(long l, LineConfigs set) {
        long ls = l * line;
        LineConfigs old = explicit.remove(l);
        if (old != null) {
            budget.release(cost(old));
            long page = pageOf(l);
            int[] count = explicitPerPage.get(page);
            if (--count[0] == 0) {
                explicitPerPage.remove(page);
            }
        }
        setDirty(l, false);
        boolean[] cached = new boolean[1];
        LineValue m = set.trivialMemory(cached);
        if (m != null) {
            memory.write(ls, m.bytes, 0, line);
            memOrigins.set(ls, ls + line, m.witness);
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
            memOrigins.set(ls, ls + line, d.memory().witness);
            dirty.write(ls, d.cache().bytes, 0, line);
            dirtyOrigins.set(ls, ls + line, d.cache().witness);
            setDirty(l, true);
            return;
        }
        budget.charge(cost(set));
        explicit.put(l, set);
        explicitPerPage.computeIfAbsent(pageOf(l), k -> new int[1])[0]++;
    }

    /** The line becomes deterministic with DRAM {@code bytes} (callers fix witnesses). */
    void forget(long l) {
        LineConfigs old = explicit.remove(l);
        if (old != null) {
            budget.release(cost(old));
            long page = pageOf(l);
            int[] count = explicitPerPage.get(page);
            if (--count[0] == 0) {
                explicitPerPage.remove(page);
            }
        }
        setDirty(l, false);
        mayBeCached.remove(l);
    }

    // ---- page-at-a-time paths for deterministic and dirty lines (CacheDomain checks the forms)

    /** CPU store through the cache on deterministic lines: write-allocate into the overlay. */
    void storeDirty(long first, long last, long a, long b, byte[] pattern, long start) {
        // write-allocate: partly written edge lines start from DRAM's bytes
        if (a != first * line) {
            memory.copyTo(dirty, first * line, line);
        }
        if (b != (last + 1) * line) {
            memory.copyTo(dirty, last * line, line);
        }
        setDirtyRange(first, last, true);
        if (!mayBeCached.isEmpty()) {
            for (long l = first; l <= last; l++) {
                mayBeCached.remove(l);
            }
        }
        dirty.fill(a, b - a, pattern, start);
    }

    /** Coherent device store: dirty data merged into DRAM first, then the store, the line invalid. */
    void storeCoherent(long first, long last, long a, long b, byte[] pattern, long start) {
        writeBackRuns(first, last, false);
        if (!mayBeCached.isEmpty()) {
            for (long l = first; l <= last; l++) {
                mayBeCached.remove(l);
            }
        }
        memory.fill(a, b - a, pattern, start);
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
            dirty.copyTo(memory, from, to - from);
            memOrigins.copy(dirtyOrigins, from, to);
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
        long pageStart = first * line / PAGE * PAGE;
        if (!anyDirty(pageStart / line, (pageStart + PAGE) / line - 1)) {
            dirty.zero(pageStart, PAGE);
        }
    }

    long cost(LineConfigs set) {
        return set.size() * (2L * line + CONFIG_COST);
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
