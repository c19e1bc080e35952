package org.dmasim.engine.memory;

/**
 * Page index to page array, two levels: a {@link LongMap} of 1 MiB groups of 256 slots, so
 * walking consecutive pages costs one hash lookup per group (the map remembers the last one).
 */
final class PageTable {
    private static final int BITS = 8;
    private static final int SLOTS = 1 << BITS;

    private static final class Group {
        final byte[][] pages = new byte[SLOTS][];
        int count;
    }

    private final LongMap<Group> groups = new LongMap<>();
    private long size;

    long size() {
        return size;
    }

    byte[] get(long index) {
        Group g = groups.get(index >>> BITS);
        return g == null ? null : g.pages[(int) (index & (SLOTS - 1))];
    }

    boolean containsKey(long index) {
        return get(index) != null;
    }

    /** Sets a page (non-null); returns the previous one or null. */
    byte[] put(long index, byte[] page) {
        Group g = groups.get(index >>> BITS);
        if (g == null) {
            g = new Group();
            groups.put(index >>> BITS, g);
        }
        int i = (int) (index & (SLOTS - 1));
        byte[] old = g.pages[i];
        g.pages[i] = page;
        if (old == null) {
            g.count++;
            size++;
        }
        return old;
    }

    byte[] remove(long index) {
        Group g = groups.get(index >>> BITS);
        if (g == null) {
            return null;
        }
        int i = (int) (index & (SLOTS - 1));
        byte[] old = g.pages[i];
        if (old != null) {
            g.pages[i] = null;
            size--;
            if (--g.count == 0) {
                groups.remove(index >>> BITS);
            }
        }
        return old;
    }
}
