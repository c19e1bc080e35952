package org.dmasim.engine.dma;

import java.util.Arrays;

/**
 * A set of byte ranges {@code [start, end)} of one mapping, kept as sorted disjoint pairs in a
 * small array: a mapping's ownership is almost always one range or none, so the common
 * questions cost a comparison or two.
 */
final class ByteRanges {
    private long[] pairs = new long[0];

    boolean isEmpty() {
        return pairs.length == 0;
    }

    void clear() {
        pairs = new long[0];
    }

    /** Adds {@code [from, to)}, merging with what it touches. */
    void add(long from, long to) {
        if (from >= to) {
            return;
        }
        long[] out = new long[pairs.length + 2];
        int n = 0;
        int i = 0;
        while (i < pairs.length && pairs[i + 1] < from) {
            out[n++] = pairs[i];
            out[n++] = pairs[i + 1];
            i += 2;
        }
        long lo = from;
        long hi = to;
        while (i < pairs.length && pairs[i] <= hi) {
            lo = Math.min(lo, pairs[i]);
            hi = Math.max(hi, pairs[i + 1]);
            i += 2;
        }
        out[n++] = lo;
        out[n++] = hi;
        while (i < pairs.length) {
            out[n++] = pairs[i];
            out[n++] = pairs[i + 1];
            i += 2;
        }
        pairs = Arrays.copyOf(out, n);
    }

    /** Removes {@code [from, to)}. */
    void remove(long from, long to) {
        if (from >= to || pairs.length == 0) {
            return;
        }
        long[] out = new long[pairs.length + 2];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            long a = pairs[i];
            long b = pairs[i + 1];
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
        pairs = Arrays.copyOf(out, n);
    }

    /** Some byte of {@code [from, to)} is in the set. */
    boolean intersects(long from, long to) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] < to && from < pairs[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Every byte of {@code [from, to)} is in the set. */
    boolean covers(long from, long to) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] <= from && to <= pairs[i + 1]) {
                return true;
            }
        }
        return from >= to;
    }

    /** The ranges, for descriptions: {@code [a, b) [c, d)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.isEmpty() ? "" : " ").append('[').append(pairs[i]).append(", ").append(pairs[i + 1]).append(')');
        }
        return b.toString();
    }
}
