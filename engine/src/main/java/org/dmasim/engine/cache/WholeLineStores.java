package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stores of whole lines that leave them explicit, computed once per shape instead of once per
 * line. A store of a whole line makes no byte value but the one stored, so the set after it holds
 * the line's values from before (slots) and that one, and which configurations it has, in which
 * order and with which witnesses, depends only on the set's shape before, on which slot (if any)
 * the stored bytes equal, and on the store (kind, witness, site): never on the bytes themselves.
 * The first line of a kind goes the long way (the set built, mapped, closed); the lines after it
 * take its resulting shape and copy their own bytes into it. A write of a 64 MiB buffer under dirty
 * lines builds one set, not a million.
 */
final class WholeLineStores {
    /** The memo is dropped whole when it holds this many entries (a script rarely has more kinds of line). */
    private static final int MEMO_LIMIT = 256;

    /** A line in a compact form before the store: its form's witnesses (the shape for an explicit line). */
    private record Dirty(LineWitness cache, LineWitness memory, boolean same) {
    }

    private record Stale(LineWitness cache, LineWitness memory, boolean same) {
    }

    private record Trivial(LineWitness memory, boolean cached) {
    }

    private record Key(Object before, boolean speculate, AccessKind kind, String witness, String site, int equal) {
    }

    /**
     * What the store leaves: a shape and, for each of its slots, the slot before it holds the
     * bytes of, or -1 for the stored bytes; null shape: not an explicit line (the long way).
     */
    private record After(LineShape shape, int[] sources) {
    }

    private static final After LONG_WAY = new After(null, null);

    private final int line;
    private final LineStore s;
    private final Map<Key, After> memo = new HashMap<>();
    /** A line's values in a compact form (the overlay's, then DRAM's), read for each store. */
    private final byte[] scratch;
    /** The witness of DRAM's bytes for addresses below {@link #memoryEnd} from {@link #memoryFrom} (one write's walk). */
    private LineWitness memoryWitness;
    private long memoryFrom;
    private long memoryEnd;
    private LineWitness overlayWitness;
    private long overlayFrom;
    private long overlayEnd;

    WholeLineStores(int line, LineStore store) {
        this.line = line;
        this.s = store;
        this.scratch = new byte[2 * line];
    }

    /** Starts the walk of one write: witnesses remembered from an earlier one may have changed. */
    void begin() {
        memoryWitness = null;
        overlayWitness = null;
    }

    /**
     * Stores {@code value} (a whole line) into line {@code l} by {@code op}, closed after
     * {@code site}, when the result is an explicit line; false (nothing done) otherwise.
     */
    boolean store(long l, AccessKind kind, byte[] value, String witness, String site,
            Function<LineConfig, LineConfig> op) {
        long ls = l * line;
        boolean speculate = s.speculable.test(ls);
        byte[] data = s.explicit.data(l);
        if (data != null) {
            LineShape shape = s.explicit.shape(data);
            int at = ExplicitLines.HEAD;
            int equal = -1;
            for (int i = 0; i < shape.slots && equal < 0; i++) {
                if (Arrays.equals(data, at + i * line, at + (i + 1) * line, value, 0, line)) {
                    equal = i;
                }
            }
            return store(l, new Key(shape, speculate, kind, witness, site, equal), data, at, shape.slots, value, op,
                    site);
        }
        Object before;
        boolean dirty = s.isDirty(l);
        boolean stale = !dirty && s.isStale(l);
        byte[] both = scratch;
        int count = 1;
        LineWitness mw = memoryWitness(ls);
        if (dirty || stale) {
            s.overlay.read(ls, both, 0, line);
            s.memory.read(ls, both, line, line);
            LineWitness cw = overlayWitness(ls);
            boolean same = Arrays.equals(both, 0, line, both, line, 2 * line);
            before = dirty ? new Dirty(cw, mw, same) : new Stale(cw, mw, same);
            count = same ? 1 : 2;
        } else {
            s.memory.read(ls, both, 0, line);
            before = new Trivial(mw, speculate || s.mayBeCached.contains(l));
        }
        int equal = -1;
        for (int i = 0; i < count && equal < 0; i++) {
            if (Arrays.equals(both, i * line, (i + 1) * line, value, 0, line)) {
                equal = i;
            }
        }
        return store(l, new Key(before, speculate, kind, witness, site, equal), both, 0, count, value, op, site);
    }

    /** {@code slots}' slot i is {@code slots[at + i*line, at + (i+1)*line)}. */
    private boolean store(long l, Key key, byte[] slots, int at, int count, byte[] value,
            Function<LineConfig, LineConfig> op, String site) {
        After after = memo.get(key);
        if (after == null) {
            // the long way, which the lines after this one follow
            LineConfigs set = s.materialize(l, site).map(op).close(key.speculate(), "after " + site);
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            memo.put(key, derive(set, key.speculate(), slots, at, count, value));
            s.store(l, set);
            return true;
        }
        if (after.shape() == null) {
            return false;
        }
        s.forget(l);
        LineShape shape = s.explicit.intern(after.shape());
        byte[] out = s.explicit.newData(shape);
        int[] sources = after.sources();
        for (int j = 0; j < sources.length; j++) {
            if (sources[j] < 0) {
                System.arraycopy(value, 0, out, ExplicitLines.HEAD + j * line, line);
            } else {
                System.arraycopy(slots, at + sources[j] * line, out, ExplicitLines.HEAD + j * line, line);
            }
        }
        s.explicit.put(l, shape, out);
        return true;
    }

    /** The result of the long way as a shape over the slots before and the stored bytes. */
    private After derive(LineConfigs set, boolean speculate, byte[] slots, int at, int before, byte[] value) {
        if (!s.explicitOnly(set, speculate)) {
            return LONG_WAY;
        }
        List<byte[]> values = new ArrayList<>(4);
        LineShape shape = LineShape.of(set, values);
        int[] sources = new int[values.size()];
        for (int j = 0; j < sources.length; j++) {
            byte[] v = values.get(j);
            int source = -2;
            for (int i = 0; i < before && source == -2; i++) {
                if (Arrays.equals(slots, at + i * line, at + (i + 1) * line, v, 0, line)) {
                    source = i;
                }
            }
            if (source == -2 && Arrays.equals(v, value)) {
                source = -1;
            }
            if (source == -2) {
                return LONG_WAY; // a value made of parts (not a whole-line store after all)
            }
            sources[j] = source;
        }
        return new After(shape, sources);
    }

    private LineWitness memoryWitness(long ls) {
        if (memoryWitness == null || ls < memoryFrom || ls + line > memoryEnd) {
            memoryWitness = s.memOrigins.of(ls, line);
            memoryFrom = ls;
            memoryEnd = memoryWitness.runs() == 1 ? s.memOrigins.runEnd(ls) : ls + line;
        }
        return memoryWitness;
    }

    private LineWitness overlayWitness(long ls) {
        if (overlayWitness == null || ls < overlayFrom || ls + line > overlayEnd) {
            overlayWitness = s.overlayOrigins.of(ls, line);
            overlayFrom = ls;
            overlayEnd = overlayWitness.runs() == 1 ? s.overlayOrigins.runEnd(ls) : ls + line;
        }
        return overlayWitness;
    }
}
