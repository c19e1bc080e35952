package org.dmasim.engine.cache;

import java.util.Arrays;

/**
 * The bytes of one cache line (in the cache or in DRAM) and the witness of how each byte range got
 * there. Two values are the same value when their bytes are equal; the witness is only carried along.
 */
final class LineValue {
    final byte[] bytes;
    final LineWitness witness;

    LineValue(byte[] bytes, String witness) {
        this(bytes, LineWitness.of(witness));
    }

    LineValue(byte[] bytes, LineWitness witness) {
        this.bytes = bytes;
        this.witness = witness;
    }

    /** A copy with {@code data} (repeated from {@code patternStart}) stored over {@code [lo, hi)}, named {@code newWitness} there. */
    LineValue with(int lo, int hi, byte[] pattern, long patternStart, String newWitness) {
        return with(lo, hi, pattern, patternStart, LineWitness.of(newWitness));
    }

    /** As above, with {@code newWitness}'s runs from 0 placed at {@code lo}. */
    LineValue with(int lo, int hi, byte[] pattern, long patternStart, LineWitness newWitness) {
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
        return new LineValue(b, witness.with(lo, hi - lo, newWitness, bytes.length));
    }

    /** The first clause of each witness run, to keep composed witnesses short. */
    LineWitness head() {
        return witness.map(LineValue::head);
    }

    /** The first clause of a witness text. */
    static String head(String witness) {
        int comma = witness.indexOf(", ");
        return comma < 0 ? witness : witness.substring(0, comma);
    }

    /** The witness in words, each byte range with its own when they differ. */
    String describeWitness() {
        return witness.describe(0, bytes.length, 0).text();
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
        return Arrays.toString(bytes) + " (" + describeWitness() + ")";
    }
}
