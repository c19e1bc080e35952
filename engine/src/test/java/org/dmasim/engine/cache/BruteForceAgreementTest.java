package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An independent reference: whole-machine configurations of two lines kept explicitly, closed by
 * enumerating every spontaneous event (write-back, eviction, fill) on either line between
 * operations. The engine's per-line sets must give exactly the same outcome set for every read
 * of many random programs of up to six operations.
 */
class BruteForceAgreementTest {
    static final int LINE = 8;
    static final int BYTES = 2 * LINE;
    static final long BASE = 0x2000;

    enum Op { CPU_READ_C, CPU_READ_U, CPU_WRITE_C, CPU_WRITE_U, DEV_READ_COH, DEV_READ_NC, DEV_WRITE_COH,
        DEV_WRITE_NC, CLEAN, INVAL, CLEAN_INV, EVICT, WRITEBACK, PREFETCH }

    /** One line in the reference: state 0 Invalid, 1 Clean, 2 Dirty; bytes as strings of chars. */
    record RLine(int st, String cache, String mem) {
    }

    /** A whole-machine configuration: both lines. */
    record RState(RLine a, RLine b) {
        RLine get(int i) {
            return i == 0 ? a : b;
        }

        RState with(int i, RLine l) {
            return i == 0 ? new RState(l, b) : new RState(a, l);
        }
    }

    record Step(Op op, int lo, int hi, int value) {
    }

    boolean speculate;
    Maintenance edges;

    @ParameterizedTest
    @CsvSource({"true, CLEAN_INVALIDATE, 1", "true, INVALIDATE, 2", "false, CLEAN_INVALIDATE, 3",
            "false, INVALIDATE, 4"})
    void engineAgreesWithTheEnumeration(boolean spec, Maintenance edgeRule, long seed) {
        speculate = spec;
        edges = edgeRule;
        BruteForceAgreementTest t = this;
        Random rnd = new Random(seed);
        for (int program = 0; program < 4000; program++) {
            List<Step> steps = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                int lo = rnd.nextInt(BYTES);
                int hi = lo + 1 + rnd.nextInt(BYTES - lo);
                steps.add(new Step(Op.values()[rnd.nextInt(Op.values().length)], lo, hi, 1 + rnd.nextInt(3)));
            }
            steps.add(new Step(Op.CPU_READ_U, 0, BYTES, 0));
            steps.add(new Step(Op.CPU_READ_C, 0, BYTES, 0));
            t.run(steps);
        }
    }

    void run(List<Step> steps) {
        MemoryBudget budget = new MemoryBudget(1L << 24);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        CacheDomain cache = new CacheDomain(LINE, new SparseBytes(budget, "mem"), budget, p -> speculate, edges,
                shadow::read);
        String zero = "\0".repeat(LINE);
        Set<RState> ref = close(Set.of(new RState(new RLine(0, null, zero), new RLine(0, null, zero))));
        for (Step s : steps) {
            byte[] pattern = {(byte) s.value};
            switch (s.op) {
                case CPU_READ_C, CPU_READ_U, DEV_READ_COH, DEV_READ_NC -> {
                    AccessKind kind = kindOf(s.op);
                    Set<String> engine = values(cache.read(kind, BASE + s.lo, s.hi - s.lo, "t"));
                    Set<String> expected = new HashSet<>();
                    for (RState st : ref) {
                        expected.add(readOf(st, s));
                    }
                    assertEquals(expected, engine, () -> "after " + steps + " at " + s + " speculate=" + speculate
                            + " edges=" + edges);
                    if (s.op == Op.CPU_READ_C) {
                        ref = close(apply(ref, s));
                    }
                }
                case CPU_WRITE_C, CPU_WRITE_U, DEV_WRITE_COH, DEV_WRITE_NC -> {
                    cache.write(kindOf(s.op), BASE + s.lo, s.hi - s.lo, pattern, 0, "w", "t");
                    ref = close(apply(ref, s));
                }
                case EVICT, WRITEBACK, PREFETCH -> {
                    if (s.op == Op.EVICT) {
                        cache.evict(BASE + s.lo, s.hi - s.lo, "t");
                    } else if (s.op == Op.WRITEBACK) {
                        cache.writeback(BASE + s.lo, s.hi - s.lo, "t");
                    } else {
                        cache.prefetch(BASE + s.lo, s.hi - s.lo, "t");
                    }
                    ref = close(apply(ref, s));
                }
                case CLEAN, INVAL, CLEAN_INV -> {
                    Maintenance m = s.op == Op.CLEAN ? Maintenance.CLEAN
                            : s.op == Op.INVAL ? Maintenance.INVALIDATE : Maintenance.CLEAN_INVALIDATE;
                    cache.maintain(m, BASE + s.lo, s.hi - s.lo, "t");
                    ref = close(apply(ref, s));
                }
            }
        }
    }

    static AccessKind kindOf(Op op) {
        return switch (op) {
            case CPU_READ_C, CPU_WRITE_C -> AccessKind.CPU_CACHED;
            case CPU_READ_U, CPU_WRITE_U -> AccessKind.CPU_UNCACHED;
            case DEV_READ_COH, DEV_WRITE_COH -> AccessKind.DEVICE_COHERENT;
            default -> AccessKind.DEVICE_NONCOHERENT;
        };
    }

    static Set<String> values(ReadResult r) {
        Set<String> acc = new HashSet<>(List.of(""));
        for (Segment seg : r.segments()) {
            Set<String> next = new HashSet<>();
            for (String prefix : acc) {
                for (Alternative a : seg.alternatives()) {
                    StringBuilder b = new StringBuilder(prefix);
                    for (byte x : a.data()) {
                        b.append((char) (x & 0xff));
                    }
                    next.add(b.toString());
                }
            }
            acc = next;
        }
        return acc;
    }

    /** What the read returns in one whole-machine configuration. */
    static String readOf(RState st, Step s) {
        StringBuilder b = new StringBuilder();
        for (int i = s.lo; i < s.hi; i++) {
            RLine l = st.get(i / LINE);
            String src = switch (s.op) {
                case CPU_READ_C -> l.st == 0 ? l.mem : l.cache;
                case DEV_READ_COH -> l.st == 2 ? l.cache : l.mem;
                default -> l.mem;
            };
            b.append(src.charAt(i % LINE));
        }
        return b.toString();
    }

    Set<RState> apply(Set<RState> states, Step s) {
        Set<RState> out = new HashSet<>();
        for (RState st : states) {
            RState next = st;
            for (int line = 0; line < 2; line++) {
                int ls = line * LINE;
                int lo = Math.max(s.lo, ls) - ls;
                int hi = Math.min(s.hi, ls + LINE) - ls;
                if (lo >= hi) {
                    continue;
                }
                next = next.with(line, step(next.get(line), s, lo, hi));
            }
            out.add(next);
        }
        return out;
    }

    RLine step(RLine l, Step s, int lo, int hi) {
        boolean whole = lo == 0 && hi == LINE;
        return switch (s.op) {
            case CPU_READ_C -> l.st == 0 ? new RLine(1, l.mem, l.mem) : l;
            case CPU_WRITE_C -> new RLine(2, put(l.st == 0 ? l.mem : l.cache, lo, hi, s.value), l.mem);
            case CPU_WRITE_U, DEV_WRITE_NC -> new RLine(l.st, l.cache, put(l.mem, lo, hi, s.value));
            case DEV_WRITE_COH -> new RLine(0, null, put(l.st == 2 ? l.cache : l.mem, lo, hi, s.value));
            case CLEAN, WRITEBACK -> l.st == 2 ? new RLine(1, l.cache, l.cache) : l;
            case EVICT -> new RLine(0, null, l.st == 2 ? l.cache : l.mem);
            case PREFETCH -> l.st == 0 ? new RLine(1, l.mem, l.mem) : l;
            case CLEAN_INV -> new RLine(0, null, l.st == 2 ? l.cache : l.mem);
            case INVAL -> whole || edges == Maintenance.INVALIDATE || edges == Maintenance.NONE
                    ? new RLine(0, null, l.mem)
                    : edges == Maintenance.CLEAN ? (l.st == 2 ? new RLine(1, l.cache, l.cache) : l)
                    : new RLine(0, null, l.st == 2 ? l.cache : l.mem);
            default -> l;
        };
    }

    static String put(String bytes, int lo, int hi, int value) {
        char[] c = bytes.toCharArray();
        for (int i = lo; i < hi; i++) {
            c[i] = (char) value;
        }
        return new String(c);
    }

    /** Every configuration reachable by any schedule of spontaneous events on either line. */
    Set<RState> close(Set<RState> start) {
        Set<RState> seen = new HashSet<>(start);
        Deque<RState> work = new ArrayDeque<>(start);
        while (!work.isEmpty()) {
            RState st = work.poll();
            for (int i = 0; i < 2; i++) {
                RLine l = st.get(i);
                List<RLine> next = new ArrayList<>();
                if (l.st == 2) {
                    next.add(new RLine(1, l.cache, l.cache));
                    next.add(new RLine(0, null, l.cache));
                }
                if (l.st == 1) {
                    next.add(new RLine(0, null, l.mem));
                }
                if (l.st == 0 && speculate) {
                    next.add(new RLine(1, l.mem, l.mem));
                }
                for (RLine n : next) {
                    RState s = st.with(i, n);
                    if (seen.add(s)) {
                        work.add(s);
                    }
                }
            }
        }
        return seen;
    }
}
