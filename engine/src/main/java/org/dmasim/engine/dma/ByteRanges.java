package org.dmasim.engine.dma;

import java.util.Arrays;

/**
 * Sets of byte ranges {@code [start, end)} of one mapping, as sorted disjoint pairs in a
 * {@code long[]}; null is the empty set. A mapping's ownership is almost always one range or
 * none, so the common questions cost a comparison or two, and a million device-owned mappings
 * hold no arrays at all.
 */
final class ByteRanges {
    private ByteRanges() {
    }

    /** {@code set} with {@code [from, to)} added, merged with what it touches. */
    static long[] add(long[] set, long from, long to) {
        if (from >= to) {
            return set;
        }
        if (set == null) {
            return new long[] {from, to};
        }
        long[] out = new long[set.length + 2];
        int n = 0;
        int i = 0;
        while (i < set.length && set[i + 1] < from) {
            out[n++] = set[i];
            out[n++] = set[i + 1];
            i += 2;
        }
        long lo = from;
        long hi = to;
        while (i < set.length && set[i] <= hi) {
            lo = Math.min(lo, set[i]);
            hi = Math.max(hi, set[i + 1]);
            i += 2;
        }
        out[n++] = lo;
        out[n++] = hi;
        while (i < set.length) {
            out[n++] = set[i];
            out[n++] = set[i + 1];
            i += 2;
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code set} without {@code [from, to)}; null when nothing is left. */
    static long[] remove(long[] set, long from, long to) {
        if (from >= to || set == null) {
            return set;
        }
        long[] out = new long[set.length + 2];
        int n = 0;
        for (int i = 0; i < set.length; i += 2) {
            long a = set[i];
            long b = set[i + 1];
            if (b <= from || a >= to) {
                out[n++] = a;
                out[n++] = b;
                continue;
            }
            if (a < from) {
                out[n++] = a;
                out[n++] = from;
            }
            if (b > to) {
                out[n++] = to;
                out[n++] = b;
            }
        }
        return n == 0 ? null : Arrays.copyOf(out, n);
    }

    /** Some byte of {@code [from, to)} is in the set. */
    static boolean intersects(long[] set, long from, long to) {
        if (set != null) {
            for (int i = 0; i < set.length; i += 2) {
                if (set[i] < to && from < set[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every byte of {@code [from, to)} is in the set. */
    static boolean covers(long[] set, long from, long to) {
        if (from >= to) {
            return true;
        }
        if (set != null) {
            for (int i = 0; i < set.length; i += 2) {
                if (set[i] <= from && to <= set[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ranges, for descriptions: {@code [a, b) [c, d)}; empty for none. */
    static String describe(long[] set) {
        StringBuilder b = new StringBuilder();
        if (set != null) {
            for (int i = 0; i < set.length; i += 2) {
                b.append(b.isEmpty() ? "" : " ").append('[').append(set[i]).append(", ").append(set[i + 1]).append(')');
            }
        }
        return b.toString();
    }
}
