package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * The one CPU cache domain and DRAM under it (SEMANTICS.md §2): for every line the set of
 * configurations the hardware could be in. A line in the deterministic state (Invalid or
 * Clean equal to memory) costs nothing beyond DRAM's bytes; only other lines keep an explicit
 * set, in a sparse map. Addresses are physical; views and handles are resolved by the caller.
 */
public final class CacheDomain {
    /** The shadow's bytes for a physical range (the caller maps bounce slots to originals). */
    public interface Shadow {
        byte[] read(long phys, int length);
    }

    private static final int CONFIG_COST = 48;

    private final int line;
    private final SparseBytes memory;
    private final MemoryBudget budget;
    private final LongPredicate speculable;
    private final Maintenance invalEdges;
    private final Shadow shadow;
    private final Map<Long, LineConfigs> explicit = new HashMap<>();
    /** Lines in {Invalid/m, Clean(m)/m} where speculation would not have put them there itself. */
    private final Set<Long> mayBeCached = new HashSet<>();
    private final Origins origins = new Origins();

    public CacheDomain(int lineSize, SparseBytes memory, MemoryBudget budget, LongPredicate speculable,
            Maintenance invalEdges, Shadow shadow) {
        this.line = lineSize;
        this.memory = memory;
        this.budget = budget;
        this.speculable = speculable;
        this.invalEdges = invalEdges;
        this.shadow = shadow;
    }

    public int lineSize() {
        return line;
    }

    /** Lines whose configuration set is not the deterministic one. */
    public int uncertainLines() {
        return explicit.size();
    }

    // ---- reads

    /** A read of {@code [phys, phys+length)}: every value it may return, marked stale against the shadow. */
    public ReadResult read(AccessKind kind, long phys, int length, String site) {
        require(phys, length);
        byte[] latest = shadow.read(phys, length);
        SegmentBuilder out = new SegmentBuilder(latest);
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            long ls = l * line;
            int lo = (int) Math.max(0, phys - ls);
            int hi = (int) Math.min(line, end - ls);
            LineConfigs set = explicit.get(l);
            if (set == null) {
                if (kind == AccessKind.CPU_CACHED && !speculable.test(ls)) {
                    mayBeCached.add(l);
                }
                out.certain(memory.read(ls + lo, hi - lo), origins.at(ls));
                continue;
            }
            Map<LineValue, String> values = new LinkedHashMap<>();
            for (LineConfig c : set.configs()) {
                LineValue v = switch (kind) {
                    case CPU_CACHED -> c.cpuVisible();
                    case CPU_UNCACHED, DEVICE_NONCOHERENT -> c.memory();
                    case DEVICE_COHERENT -> c.snooped();
                };
                values.putIfAbsent(new LineValue(Arrays.copyOfRange(v.bytes, lo, hi), ""), v.witness);
            }
            if (values.size() == 1) {
                Map.Entry<LineValue, String> only = values.entrySet().iterator().next();
                out.certain(only.getKey().bytes, only.getValue());
            } else {
                out.uncertain(values);
            }
            if (kind == AccessKind.CPU_CACHED) {
                store(l, set.map(LineConfigs::cpuReadCached).close(speculable.test(ls), site));
            }
        }
        return out.build(length);
    }

    // ---- writes

    /**
     * Stores {@code pattern}, repeated from {@code patternStart}, over {@code [phys, phys+length)}.
     * {@code witness} names the write ({@code CPU write at 6:1}).
     */
    public void write(AccessKind kind, long phys, long length, byte[] pattern, long patternStart, String witness,
            String site) {
        require(phys, length);
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            long ls = l * line;
            int lo = (int) Math.max(0, phys - ls);
            int hi = (int) Math.min(line, end - ls);
            long start = patternStart + (ls + lo - phys);
            Function<LineConfig, LineConfig> op = switch (kind) {
                case CPU_CACHED -> c -> LineConfigs.cpuWriteCached(c, lo, hi, pattern, start, witness);
                case CPU_UNCACHED, DEVICE_NONCOHERENT -> c -> LineConfigs.memoryWrite(c, lo, hi, pattern, start,
                        witness);
                case DEVICE_COHERENT -> c -> LineConfigs.coherentWrite(c, lo, hi, pattern, start, witness);
            };
            update(l, set -> set.map(op), site);
        }
    }

    /** The zeroing of a new allocation: DRAM is zero, the cache holds nothing dirty. */
    public void zero(long phys, long length, String witness) {
        long first = phys / line;
        long last = (phys + length - 1) / line;
        if (explicit.size() < last - first) {
            explicit.keySet().removeIf(l -> l >= first && l <= last);
        } else {
            for (long l = first; l <= last; l++) {
                explicit.remove(l);
            }
        }
        mayBeCached.removeIf(l -> l >= first && l <= last);
        memory.zero(first * line, (last - first + 1) * line);
        origins.set(first * line, (last + 1) * line, witness);
    }

    /**
     * A CPU memcpy through the cache (swiotlb bounces): a cached read of the source, then a
     * cached write of each value it may return. An uncertain source makes the destination
     * uncertain; correlations between lines are lost (an over-approximation).
     */
    public void copy(long src, long dst, int length, String how, String site) {
        require(src, length);
        require(dst, length);
        long end = dst + length;
        for (long l = dst / line; l * line < end; l++) {
            long ls = l * line;
            int lo = (int) Math.max(0, dst - ls);
            int hi = (int) Math.min(line, end - ls);
            ReadResult part = read(AccessKind.CPU_CACHED, src + (ls + lo - dst), hi - lo, site);
            List<LineValue> values = combinations(part, how);
            update(l, set -> set.flatMap(c -> {
                List<LineConfig> out = new ArrayList<>(values.size());
                for (LineValue v : values) {
                    out.add(LineConfigs.cpuWriteCached(c, lo, hi, v.bytes, 0, v.witness));
                }
                return out;
            }), site);
        }
    }

    // ---- maintenance and forced events

    /** {@code arch_sync_dma_*} primitives over a range; partial edge lines of an invalidate get the profile's rule. */
    public void maintain(Maintenance m, long phys, long length, String site) {
        if (m == Maintenance.NONE || length <= 0) {
            return;
        }
        require(phys, length);
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            long ls = l * line;
            boolean whole = ls >= phys && ls + line <= end;
            Maintenance op = m == Maintenance.INVALIDATE && !whole ? edgeRule() : m;
            update(l, set -> set.map(switch (op) {
                case CLEAN -> c -> LineConfigs.clean(c, site);
                case INVALIDATE -> LineConfigs::invalidate;
                case CLEAN_INVALIDATE -> c -> LineConfigs.cleanInvalidate(c, site);
                case NONE -> c -> c;
            }), site);
        }
    }

    /**
     * Whether {@code maintain(m, ...)} would discard dirty data that is the latest value of some
     * byte (the shadow) while DRAM holds something else there: a lost CPU write.
     */
    public boolean wouldDiscardLatest(Maintenance m, long phys, long length) {
        if (m != Maintenance.INVALIDATE) {
            return false;
        }
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            long ls = l * line;
            boolean whole = ls >= phys && ls + line <= end;
            LineConfigs set = explicit.get(l);
            if (set == null || (!whole && edgeRule() != Maintenance.INVALIDATE)) {
                continue;
            }
            byte[] latest = shadow.read(ls, line);
            for (LineConfig c : set.configs()) {
                if (c.state() == CacheState.DIRTY) {
                    for (int i = 0; i < line; i++) {
                        if (c.cache().bytes[i] == latest[i] && c.memory().bytes[i] != latest[i]) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Some configuration holds a line of the range dirty (a device write under it may be undone). */
    public boolean mayHoldDirty(long phys, long length) {
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            LineConfigs set = explicit.get(l);
            if (set != null && set.configs().stream().anyMatch(c -> c.state() == CacheState.DIRTY)) {
                return true;
            }
        }
        return false;
    }

    /** Forced eviction: every configuration's line becomes Invalid, dirty data written back. */
    public void evict(long phys, long length, String site) {
        forEachLine(phys, length, site, c -> LineConfigs.cleanInvalidate(c, site));
    }

    /** Forced fill of Invalid lines. */
    public void prefetch(long phys, long length, String site) {
        forEachLine(phys, length, site, c -> LineConfigs.prefetch(c, site));
    }

    /** Forced write-back of dirty lines. */
    public void writeback(long phys, long length, String site) {
        forEachLine(phys, length, site, c -> LineConfigs.clean(c, site));
    }

    /** One line per cache line of the range: its configurations, for {@code show()}. */
    public List<String> describe(long phys, long length) {
        List<String> out = new ArrayList<>();
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            LineConfigs set = explicit.get(l);
            out.add(set == null ? "deterministic (" + origins.at(l * line) + ")" : set.toString());
        }
        return out;
    }

    /** The configuration set of the line holding {@code phys} (tests look inside). */
    LineConfigs lineConfigs(long phys) {
        return configs(phys / line);
    }

    /** Every configuration of the lines of {@code [phys, phys+length)}, read-only. */
    public List<LineSnapshot> snapshot(long phys, long length) {
        return LineSnapshot.of(this, phys, length);
    }

    // ---- internals

    private Maintenance edgeRule() {
        // NONE and INVALIDATE both mean: the edge line is invalidated like the rest
        return invalEdges == Maintenance.NONE ? Maintenance.INVALIDATE : invalEdges;
    }

    private void forEachLine(long phys, long length, String site, Function<LineConfig, LineConfig> op) {
        require(phys, length);
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            update(l, set -> set.map(op), site);
        }
    }

    /** Check, then act: a failing operation must leave the machine unchanged. */
    private void require(long phys, long length) {
        if (length <= 0) {
            return;
        }
        long lines = (phys + length - 1) / line - phys / line + 1;
        budget.require(lines * 8L * (2L * line + CONFIG_COST), "cache line state");
        memory.requireBacking(phys, length);
    }

    private LineConfigs configs(long l) {
        LineConfigs set = explicit.get(l);
        if (set != null) {
            return set;
        }
        long ls = l * line;
        LineValue m = new LineValue(memory.read(ls, line), origins.at(ls));
        return LineConfigs.trivial(m, speculable.test(ls) || mayBeCached.contains(l));
    }

    private void update(long l, Function<LineConfigs, LineConfigs> op, String site) {
        store(l, op.apply(configs(l)).close(speculable.test(l * line), site));
    }

    private void store(long l, LineConfigs set) {
        LineConfigs old = explicit.remove(l);
        if (old != null) {
            budget.release(cost(old));
        }
        boolean[] cached = new boolean[1];
        LineValue m = set.trivialMemory(cached);
        if (m != null) {
            long ls = l * line;
            memory.write(ls, m.bytes, 0, line);
            origins.set(ls, ls + line, m.witness);
            if (cached[0] && !speculable.test(ls)) {
                mayBeCached.add(l);
            } else {
                mayBeCached.remove(l);
            }
            return;
        }
        budget.charge(cost(set));
        explicit.put(l, set);
    }

    private long cost(LineConfigs set) {
        return set.size() * (2L * line + CONFIG_COST);
    }

    /** Every full value of a copied range, one per combination of its segments' alternatives. */
    private static List<LineValue> combinations(ReadResult part, String how) {
        List<LineValue> acc = List.of(new LineValue(new byte[0], null));
        for (Segment s : part.segments()) {
            List<LineValue> next = new ArrayList<>();
            for (LineValue prefix : acc) {
                for (Alternative a : s.alternatives()) {
                    byte[] b = Arrays.copyOf(prefix.bytes, prefix.bytes.length + a.data().length);
                    System.arraycopy(a.data(), 0, b, prefix.bytes.length, a.data().length);
                    next.add(new LineValue(b, prefix.witness != null ? prefix.witness
                            : a.witness().text() + ", " + how));
                }
            }
            acc = next;
        }
        return acc;
    }
}
