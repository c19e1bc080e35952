package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** A store into one line's bytes: the pattern at its phase, whatever its period. */
class LineValueTest {
    @Test
    void storesThePatternFromItsPhaseOverTheRangeOnly() {
        byte[] old = new byte[64];
        for (int i = 0; i < old.length; i++) {
            old[i] = (byte) (100 + i);
        }
        LineValue v = new LineValue(old, "old");
        for (byte[] pattern : new byte[][] {{7}, {1, 2}, {1, 2, 3}, {9, 8, 7, 6, 5}, new byte[70]}) {
            if (pattern.length == 70) {
                for (int i = 0; i < 70; i++) {
                    pattern[i] = (byte) (i * 3 + 1);
                }
            }
            for (long start : new long[] {0, 1, 2, 4, 69, 1L << 40}) {
                for (int[] range : new int[][] {{0, 64}, {0, 0}, {5, 6}, {3, 61}, {63, 64}}) {
                    byte[] expected = old.clone();
                    for (int i = range[0]; i < range[1]; i++) {
                        expected[i] = pattern[(int) ((start + i - range[0]) % pattern.length)];
                    }
                    assertArrayEquals(expected, v.with(range[0], range[1], pattern, start, "w").bytes,
                            "period " + pattern.length + " from " + start + " over " + range[0] + ".." + range[1]);
                }
            }
        }
        assertArrayEquals(old, v.bytes, "the old value is unchanged");
    }
}
