package org.dmasim.engine.memory;

/**
 * Page index to page frame ({@link PageFrames}), two levels: a {@link LongMap} of 1 MiB groups of
 * 256 slots, so walking consecutive pages costs one hash lookup per group (the map remembers the
 * last one).
 */
final class PageTable {
    /** No frame at that index. */
    static final int NONE = -1;
    private static final int BITS = 8;
    private static final int SLOTS = 1 << BITS;

    private static final class Group {
        /** Frame + 1 per slot; 0 is none. */
        final int[] frames = new int[SLOTS];
        int count;
    }

    private final LongMap<Group> groups = new LongMap<>();
    private long size;

    long size() {
        return size;
    }

    int get(long index) {
        Group g = groups.get(index >>> BITS);
        return g == null ? NONE : g.frames[(int) (index & (SLOTS - 1))] - 1;
    }

    boolean containsKey(long index) {
        return get(index) != NONE;
    }

    /** Sets a frame; returns the previous one or {@link #NONE}. */
    int put(long index, int frame) {
        Group g = groups.get(index >>> BITS);
        if (g == null) {
            g = new Group();
            groups.put(index >>> BITS, g);
        }
        int i = (int) (index & (SLOTS - 1));
        int old = g.frames[i] - 1;
        g.frames[i] = frame + 1;
        if (old == NONE) {
            g.count++;
            size++;
        }
        return old;
    }

    int remove(long index) {
        Group g = groups.get(index >>> BITS);
        if (g == null) {
            return NONE;
        }
        int i = (int) (index & (SLOTS - 1));
        int old = g.frames[i] - 1;
        if (old != NONE) {
            g.frames[i] = 0;
            size--;
            if (--g.count == 0) {
                groups.remove(index >>> BITS);
            }
        }
        return old;
    }
}
