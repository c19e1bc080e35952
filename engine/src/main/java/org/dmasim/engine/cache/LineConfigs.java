package org.dmasim.engine.cache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The set of configurations one line could be in, and the access table of docs/semantics.md, "The CPU cache" as
 * functions from one set to the next. Sets are kept closed under the spontaneous events
 * (write-back, eviction, speculative fill), so every statement observes a closed set.
 */
final class LineConfigs {
    /** Distinct configurations in the order first seen; immutable, handed out as it is. */
    private final List<LineConfig> configs;

    private LineConfigs(Collection<LineConfig> in) {
        // sets hold a handful of configurations: a list scan is cheaper than a hash set, in time and heap
        List<LineConfig> distinct = new ArrayList<>(in.size());
        for (LineConfig c : in) {
            if (!distinct.contains(c)) {
                distinct.add(c);
            }
        }
        this.configs = List.copyOf(distinct);
    }

    static LineConfigs of(Collection<LineConfig> configs) {
        return new LineConfigs(configs);
    }

    /** The deterministic state: DRAM holds {@code m}; the line is Invalid or (maybe) Clean(m). */
    static LineConfigs trivial(LineValue m, boolean maybeCached, String cachedHow) {
        List<LineConfig> list = new ArrayList<>();
        list.add(LineConfig.invalid(m));
        if (maybeCached) {
            list.add(LineConfig.clean(new LineValue(m.bytes, m.head().map(h -> h + ", " + cachedHow)), m));
        }
        return new LineConfigs(list);
    }

    /** The configurations (immutable; no copy). */
    List<LineConfig> configs() {
        return configs;
    }

    int size() {
        return configs.size();
    }

    LineConfigs map(Function<LineConfig, LineConfig> f) {
        List<LineConfig> out = new ArrayList<>(configs.size());
        for (LineConfig c : configs) {
            out.add(f.apply(c));
        }
        return new LineConfigs(out);
    }

    /** The configurations that satisfy {@code keep} (the set may no longer be closed). */
    LineConfigs filter(java.util.function.Predicate<LineConfig> keep) {
        List<LineConfig> out = new ArrayList<>(configs.size());
        for (LineConfig c : configs) {
            if (keep.test(c)) {
                out.add(c);
            }
        }
        return new LineConfigs(out);
    }

    LineConfigs flatMap(Function<LineConfig, List<LineConfig>> f) {
        List<LineConfig> out = new ArrayList<>();
        for (LineConfig c : configs) {
            out.addAll(f.apply(c));
        }
        return new LineConfigs(out);
    }

    /**
     * Closes the set under the events the hardware may do on its own between statements:
     * write back a dirty line, evict a line (writing back dirty data), and, when the line is
     * speculable RAM, fill an Invalid line from memory.
     */
    LineConfigs close(boolean speculate, String when) {
        LinkedHashSet<LineConfig> seen = new LinkedHashSet<>(configs);
        Deque<LineConfig> work = new ArrayDeque<>(configs);
        while (!work.isEmpty()) {
            LineConfig c = work.poll();
            List<LineConfig> next = new ArrayList<>(2);
            switch (c.state()) {
                case DIRTY -> {
                    LineValue back = writtenBack(c, when);
                    next.add(LineConfig.clean(c.cache(), back));
                    next.add(LineConfig.invalid(back));
                }
                case CLEAN -> next.add(LineConfig.invalid(c.memory()));
                case INVALID -> {
                    if (speculate) {
                        next.add(LineConfig.clean(new LineValue(c.memory().bytes,
                                "cache line filled by speculative prefetch " + when
                                        + ", never invalidated"), c.memory()));
                    }
                }
            }
            for (LineConfig n : next) {
                if (seen.add(n)) {
                    work.add(n);
                }
            }
        }
        return new LineConfigs(seen);
    }

    /**
     * The memory value if the set is the deterministic state {Invalid/m} or {Invalid/m, Clean(m)/m},
     * else null. {@code cachedOut[0]} tells which of the two.
     */
    LineValue trivialMemory(boolean[] cachedOut) {
        LineValue m = null;
        boolean invalid = false;
        boolean cached = false;
        for (LineConfig c : configs) {
            if (m == null) {
                m = c.memory();
            } else if (!m.sameBytes(c.memory())) {
                return null;
            }
            switch (c.state()) {
                case INVALID -> invalid = true;
                case CLEAN -> {
                    if (!c.cache().sameBytes(c.memory())) {
                        return null;
                    }
                    cached = true;
                }
                case DIRTY -> {
                    return null;
                }
            }
        }
        if (!invalid || configs.size() != (cached ? 2 : 1)) {
            return null;
        }
        cachedOut[0] = cached;
        return m;
    }

    // ---- the access table (docs/semantics.md, "The CPU cache"), one configuration at a time

    /** CPU read through a cacheable view: Invalid -> Clean(m). */
    static LineConfig cpuReadCached(LineConfig c) {
        return c.state() == CacheState.INVALID ? LineConfig.clean(c.memory(), c.memory()) : c;
    }

    /** CPU write through a cacheable view: write-allocate, the line becomes Dirty. */
    static LineConfig cpuWriteCached(LineConfig c, int lo, int hi, byte[] p, long start, String w) {
        LineValue base = c.state() == CacheState.INVALID ? c.memory() : c.cache();
        return LineConfig.dirty(base.with(lo, hi, p, start, w), c.memory());
    }

    /** A CPU copy through the cache of a whole value with its own witnesses (a bounce). */
    static LineConfig cpuWriteCached(LineConfig c, int lo, int hi, byte[] value, LineWitness w) {
        LineValue base = c.state() == CacheState.INVALID ? c.memory() : c.cache();
        return LineConfig.dirty(base.with(lo, hi, value, 0, w), c.memory());
    }

    /** CPU write through an uncached/WC view, or a non-coherent device write: DRAM only. */
    static LineConfig memoryWrite(LineConfig c, int lo, int hi, byte[] p, long start, String w) {
        return new LineConfig(c.state(), c.cache(), c.memory().with(lo, hi, p, start, w));
    }

    /** Coherent device write: dirty data merged first, then memory updated, line invalidated. */
    static LineConfig coherentWrite(LineConfig c, int lo, int hi, byte[] p, long start, String w) {
        return LineConfig.invalid(c.snooped().with(lo, hi, p, start, w));
    }

    /** Clean: Dirty(d) -> Clean(d), memory := d. */
    static LineConfig clean(LineConfig c, String site) {
        return c.state() == CacheState.DIRTY ? LineConfig.clean(c.cache(), writtenBack(c, "at " + site)) : c;
    }

    /** Invalidate: the line is dropped; dirty data is discarded. */
    static LineConfig invalidate(LineConfig c) {
        return LineConfig.invalid(c.memory());
    }

    /** Clean+invalidate (also a forced eviction): write back, then Invalid. */
    static LineConfig cleanInvalidate(LineConfig c, String site) {
        return LineConfig.invalid(c.state() == CacheState.DIRTY ? writtenBack(c, "at " + site) : c.memory());
    }

    /** A forced fill: Invalid -> Clean(m). */
    static LineConfig prefetch(LineConfig c, String site) {
        return c.state() == CacheState.INVALID
                ? LineConfig.clean(new LineValue(c.memory().bytes, "cache line filled by prefetch at " + site),
                        c.memory())
                : c;
    }

    /** DRAM after a write-back {@code when} ("after 9:1", "at 12:1"): the dirty bytes, with their witness. */
    private static LineValue writtenBack(LineConfig c, String when) {
        if (c.cache().sameBytes(c.memory())) {
            // the cached bytes are the later event in program order: keep their witness
            return new LineValue(c.memory().bytes, c.cache().witness);
        }
        // per byte range: each run of the dirty data names the DRAM data it was written back over
        return new LineValue(c.cache().bytes, LineWitness.zip(c.cache().witness, c.memory().witness,
                (cache, memory) -> LineValue.head(cache).equals(LineValue.head(memory)) ? cache
                        : LineValue.head(cache) + ", written back " + when + " over (" + LineValue.head(memory) + ")"));
    }

    @Override
    public boolean equals(Object o) {
        // set equality: both lists are distinct, so equal sizes and containment suffice
        return o instanceof LineConfigs s && configs.size() == s.configs.size() && configs.containsAll(s.configs);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (LineConfig c : configs) {
            h += c.hashCode(); // order-independent, like a set's
        }
        return h;
    }

    @Override
    public String toString() {
        return configs.toString();
    }
}
