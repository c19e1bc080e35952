package org.dmasim.engine.cache;

import org.dmasim.engine.memory.LongMap;

/** A sparse set of line indexes, a 64-bit word per 64 lines, with range operations. */
final class LineBits {
    private final LongMap<long[]> words = new LongMap<>();
    private long count;

    long count() {
        return count;
    }

    boolean get(long l) {
        long[] w = words.get(l >>> 6);
        return w != null && ((w[0] >>> (l & 63)) & 1) != 0;
    }

    /** The first member in {@code [from, last]}, or -1. */
    long next(long from, long last) {
        if (count == 0) {
            return -1;
        }
        for (long l = from; l <= last; l = (l | 63) + 1) {
            long[] w = words.get(l >>> 6);
            if (w != null) {
                long bits = w[0] >>> (l & 63);
                if (bits != 0) {
                    long found = l + Long.numberOfTrailingZeros(bits);
                    return found <= last ? found : -1;
                }
            }
        }
        return -1;
    }

    /** The first non-member in {@code [from, last]}, or {@code last + 1}. */
    long nextAbsent(long from, long last) {
        for (long l = from; l <= last; l = (l | 63) + 1) {
            long[] w = words.get(l >>> 6);
            if (w == null) {
                return l;
            }
            long bits = ~w[0] >>> (l & 63);
            if (bits != 0) {
                return Math.min(last + 1, l + Long.numberOfTrailingZeros(bits));
            }
        }
        return last + 1;
    }

    /** Whether {@code [first, last]} are all members or all not. */
    boolean allOrNone(long first, long last) {
        long n = next(first, last);
        return n < 0 || (n == first && nextAbsent(first, last) == last + 1);
    }

    boolean any(long first, long last) {
        return next(first, last) >= 0;
    }

    void set(long first, long last, boolean on) {
        if (!on && count == 0) {
            return;
        }
        for (long l = first; l <= last; l = (l | 63) + 1) {
            long key = l >>> 6;
            int lo = (int) (l & 63);
            int hi = (int) Math.min(63, last - (key << 6));
            long mask = (hi == 63 ? -1L : (1L << (hi + 1)) - 1) & (-1L << lo);
            long[] w = words.get(key);
            if (on) {
                if (w == null) {
                    w = new long[1];
                    words.put(key, w);
                }
                count += Long.bitCount(mask & ~w[0]);
                w[0] |= mask;
            } else if (w != null) {
                count -= Long.bitCount(mask & w[0]);
                w[0] &= ~mask;
                if (w[0] == 0) {
                    words.remove(key);
                }
            }
        }
    }
}
