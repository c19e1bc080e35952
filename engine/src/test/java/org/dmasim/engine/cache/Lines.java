package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/** A cache domain over test memory, and shorthand for configurations of uniform lines. */
final class Lines {
    static final int LINE = 64;

    final SparseBytes shadow;
    final CacheDomain cache;

    Lines(int line, boolean speculate, Maintenance invalEdges) {
        MemoryBudget budget = new MemoryBudget(1L << 28);
        this.shadow = new SparseBytes(budget, "shadow");
        this.cache = new CacheDomain(line, new SparseBytes(budget, "memory"), budget, p -> speculate, invalEdges,
                shadow::read);
    }

    static Lines speculating() {
        return new Lines(LINE, true, Maintenance.CLEAN_INVALIDATE);
    }

    static Lines notSpeculating() {
        return new Lines(LINE, false, Maintenance.CLEAN_INVALIDATE);
    }

    static byte[] fill(int v, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static LineValue v(int value) {
        return new LineValue(fill(value, LINE), "test");
    }

    static LineConfig inv(int mem) {
        return LineConfig.invalid(v(mem));
    }

    static LineConfig clean(int cache, int mem) {
        return LineConfig.clean(v(cache), v(mem));
    }

    static LineConfig dirty(int cache, int mem) {
        return LineConfig.dirty(v(cache), v(mem));
    }

    Set<LineConfig> configs(long phys) {
        return new HashSet<>(cache.lineConfigs(phys).configs());
    }

    void write(AccessKind kind, long phys, int length, int value) {
        cache.write(kind, phys, length, new byte[] {(byte) value}, 0, "write", "t");
    }

    /** Every value the read may return, as strings of hex bytes. */
    static Set<String> values(ReadResult r) {
        Set<String> acc = new HashSet<>(List.of(""));
        for (Segment s : r.segments()) {
            Set<String> next = new HashSet<>();
            for (String prefix : acc) {
                for (Alternative a : s.alternatives()) {
                    next.add(prefix + hex(a.data()));
                }
            }
            acc = next;
        }
        return acc;
    }

    static String hex(byte[] data) {
        StringBuilder b = new StringBuilder();
        for (byte x : data) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    static Set<String> uniform(int length, int... values) {
        Set<String> out = new HashSet<>();
        for (int v : values) {
            out.add(hex(fill(v, length)));
        }
        return out;
    }

    static List<LineConfig> list(LineConfig... c) {
        return new ArrayList<>(List.of(c));
    }
}
