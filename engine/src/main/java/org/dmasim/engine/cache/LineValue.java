package org.dmasim.engine.cache;

import java.util.Arrays;

/**
 * The bytes of one cache line (in the cache or in DRAM) and the witness of how they got there.
 * Two values are the same value when their bytes are equal; the witness is only carried along.
 */
final class LineValue {
    final byte[] bytes;
    final String witness;

    LineValue(byte[] bytes, String witness) {
        this.bytes = bytes;
        this.witness = witness;
    }

    /** A copy with {@code data} (repeated from {@code patternStart}) stored over {@code [lo, hi)}. */
    LineValue with(int lo, int hi, byte[] pattern, long patternStart, String newWitness) {
        byte[] b = bytes.clone();
        int p = pattern.length;
        if (p == 1) {
            Arrays.fill(b, lo, hi, pattern[0]);
        } else {
            // a period at a time from the pattern's phase at lo, not a modulo per byte
            int phase = (int) Math.floorMod(patternStart, (long) p);
            for (int i = lo; i < hi; ) {
                int n = Math.min(hi - i, p - phase);
                System.arraycopy(pattern, phase, b, i, n);
                i += n;
                phase = 0;
            }
        }
        return new LineValue(b, newWitness);
    }

    /** The first clause of the witness, to keep composed witnesses short. */
    String head() {
        int comma = witness.indexOf(", ");
        return comma < 0 ? witness : witness.substring(0, comma);
    }

    boolean sameBytes(LineValue other) {
        return Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineValue v && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Arrays.toString(bytes) + " (" + witness + ")";
    }
}
