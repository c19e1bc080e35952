package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an explicit line's set is apart from its bytes: the configurations in order, each with its
 * state, the witnesses of its values, and which of the line's distinct values (slots, numbered in
 * order of first appearance) it holds in the cache and in DRAM. Lines left uncertain by the same
 * events have the same shape whatever their bytes, so a shape is kept once ({@link ExplicitLines})
 * and a line holds only its distinct values. Immutable but for the bookkeeping fields.
 */
final class LineShape {
    private static final CacheState[] STATES = CacheState.values();
    private static final int KINDS = AccessKind.values().length;

    private final byte[] states;
    /** The slot of each configuration's cached value; -1 when Invalid. Ints: a line polled in a long loop can hold thousands of values. */
    private final int[] cacheSlots;
    private final int[] memorySlots;
    private final LineWitness[] cacheWitnesses;
    private final LineWitness[] memoryWitnesses;
    final int slots;
    private final int hash;
    /** Per {@link AccessKind}: the slots a read may return, in order of first appearance, and the first witness of each. */
    private final int[][] visibleSlots = new int[KINDS][];
    private final LineWitness[][] visibleWitnesses = new LineWitness[KINDS][];
    final boolean mayBeDirty;
    /** Kept by {@link ExplicitLines}: the id lines store, and how many lines have this shape. */
    int id = -1;
    int lines;

    private LineShape(byte[] states, int[] cacheSlots, int[] memorySlots, LineWitness[] cacheWitnesses,
            LineWitness[] memoryWitnesses, int slots) {
        this.states = states;
        this.cacheSlots = cacheSlots;
        this.memorySlots = memorySlots;
        this.cacheWitnesses = cacheWitnesses;
        this.memoryWitnesses = memoryWitnesses;
        this.slots = slots;
        int h = Arrays.hashCode(states);
        h = 31 * h + Arrays.hashCode(cacheSlots);
        h = 31 * h + Arrays.hashCode(memorySlots);
        h = 31 * h + Arrays.hashCode(cacheWitnesses);
        this.hash = 31 * h + Arrays.hashCode(memoryWitnesses);
        boolean dirty = false;
        for (byte s : states) {
            dirty |= STATES[s] == CacheState.DIRTY;
        }
        this.mayBeDirty = dirty;
        for (AccessKind kind : AccessKind.values()) {
            int[] seen = new int[slots];
            boolean[] listed = new boolean[slots];
            LineWitness[] witnesses = new LineWitness[slots];
            int n = 0;
            for (int c = 0; c < states.length; c++) {
                boolean fromCache = switch (kind) {
                    case CPU_CACHED -> STATES[states[c]] != CacheState.INVALID;
                    case CPU_UNCACHED, DEVICE_NONCOHERENT -> false;
                    case DEVICE_COHERENT -> STATES[states[c]] == CacheState.DIRTY;
                };
                int slot = fromCache ? cacheSlots[c] : memorySlots[c];
                if (!listed[slot]) {
                    listed[slot] = true;
                    seen[n] = slot;
                    witnesses[n++] = fromCache ? cacheWitnesses[c] : memoryWitnesses[c];
                }
            }
            visibleSlots[kind.ordinal()] = Arrays.copyOf(seen, n);
            visibleWitnesses[kind.ordinal()] = Arrays.copyOf(witnesses, n);
        }
    }

    /** The shape of {@code set}; its distinct values' bytes are appended to {@code values} (slot i at i). */
    static LineShape of(LineConfigs set, List<byte[]> values) {
        List<LineConfig> configs = set.configs();
        int n = configs.size();
        byte[] states = new byte[n];
        int[] cacheSlots = new int[n];
        int[] memorySlots = new int[n];
        LineWitness[] cacheWitnesses = new LineWitness[n];
        LineWitness[] memoryWitnesses = new LineWitness[n];
        for (int c = 0; c < n; c++) {
            LineConfig config = configs.get(c);
            states[c] = (byte) config.state().ordinal();
            cacheSlots[c] = config.cache() == null ? -1 : slot(config.cache().bytes, values);
            cacheWitnesses[c] = config.cache() == null ? null : config.cache().witness;
            memorySlots[c] = slot(config.memory().bytes, values);
            memoryWitnesses[c] = config.memory().witness;
        }
        return new LineShape(states, cacheSlots, memorySlots, cacheWitnesses, memoryWitnesses, values.size());
    }

    private static int slot(byte[] bytes, List<byte[]> values) {
        for (int i = 0; i < values.size(); i++) {
            if (Arrays.equals(values.get(i), bytes)) {
                return i;
            }
        }
        values.add(bytes);
        return values.size() - 1;
    }

    /** The set of a line of this shape whose slot {@code i} is {@code data[at + i*line, at + (i+1)*line)}. */
    LineConfigs configs(byte[] data, int at, int line) {
        byte[][] values = new byte[slots][];
        for (int i = 0; i < slots; i++) {
            values[i] = Arrays.copyOfRange(data, at + i * line, at + (i + 1) * line);
        }
        List<LineConfig> out = new ArrayList<>(states.length);
        for (int c = 0; c < states.length; c++) {
            LineValue memory = new LineValue(values[memorySlots[c]], memoryWitnesses[c]);
            LineValue cache = cacheSlots[c] < 0 ? null : new LineValue(values[cacheSlots[c]], cacheWitnesses[c]);
            out.add(new LineConfig(STATES[states[c]], cache, memory));
        }
        return LineConfigs.of(out);
    }

    /** The slots a read of {@code kind} may return, each once, in the order the set lists them. */
    int[] visibleSlots(AccessKind kind) {
        return visibleSlots[kind.ordinal()];
    }

    /** The witness of each of {@link #visibleSlots}: that of the first configuration showing it. */
    LineWitness[] visibleWitnesses(AccessKind kind) {
        return visibleWitnesses[kind.ordinal()];
    }

    /**
     * The heap this shape holds, from the objects' layout on a 64-bit JVM with compressed
     * references (12-byte headers, 4-byte references, 8-byte alignment), witnesses included but
     * not their texts ({@link ExplicitLines} charges each text once).
     */
    long heapBytes() {
        int n = states.length;
        long bytes = 64 + align(16 + n) + 4 * align(16 + 4L * n) + 2 * align(16 + 4L * KINDS);
        for (int k = 0; k < KINDS; k++) {
            bytes += align(16 + 4L * visibleSlots[k].length) + align(16 + 4L * visibleWitnesses[k].length);
        }
        List<LineWitness> seen = new ArrayList<>(2 * n);
        for (LineWitness[] ws : new LineWitness[][] {cacheWitnesses, memoryWitnesses}) {
            for (LineWitness w : ws) {
                if (w != null && addIdentity(seen, w)) {
                    bytes += w.heapBytes();
                }
            }
        }
        return bytes;
    }

    /** The witness texts of this shape, each String object once. */
    List<String> texts() {
        List<String> out = new ArrayList<>(4);
        for (LineWitness[] ws : new LineWitness[][] {cacheWitnesses, memoryWitnesses}) {
            for (LineWitness w : ws) {
                if (w != null) {
                    for (String text : w.texts()) {
                        addIdentity(out, text);
                    }
                }
            }
        }
        return out;
    }

    private static <T> boolean addIdentity(List<T> seen, T o) {
        for (T s : seen) {
            if (s == o) {
                return false;
            }
        }
        return seen.add(o);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineShape s && s.hash == hash && Arrays.equals(s.states, states)
                && Arrays.equals(s.cacheSlots, cacheSlots) && Arrays.equals(s.memorySlots, memorySlots)
                && Arrays.equals(s.cacheWitnesses, cacheWitnesses) && Arrays.equals(s.memoryWitnesses, memoryWitnesses);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
