package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A read's period, found once and then used to answer {@code always}: the answers equal the
 * byte-by-byte definition for reads split into pieces anywhere, periodic or nearly so.
 */
class ReadPeriodTest {
    private static final Witness W = new Witness("CPU write at 1:1");

    /** A certain read of {@code data}, in pieces cut at {@code cuts}. */
    private static ReadResult read(byte[] data, int... cuts) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            if (cut > from && cut < data.length) {
                segments.add(new Segment(from, cut - from, List.of(new Alternative(Arrays.copyOfRange(data, from,
                        cut), W, false))));
                from = cut;
            }
        }
        segments.add(new Segment(from, data.length - from,
                List.of(new Alternative(Arrays.copyOfRange(data, from, data.length), W, false))));
        return new ReadResult(data.length, segments);
    }

    /** The definition: byte {@code i} is {@code pattern[i % length]} for every byte. */
    private static boolean naive(byte[] data, byte[] pattern) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] != pattern[i % pattern.length]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] repeat(byte[] period, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = period[i % period.length];
        }
        return out;
    }

    @Property(tries = 400, seed = "20261204")
    void alwaysAgreesWithTheDefinition(@ForAll @IntRange(min = 1, max = 8) int periodLength,
            @ForAll @IntRange(min = 1, max = 300) int length, @ForAll @IntRange(min = 1, max = 12) int patternLength,
            @ForAll @IntRange(min = 0, max = 3) int mode, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] period = new byte[periodLength];
        for (int i = 0; i < periodLength; i++) {
            period[i] = (byte) r.nextInt(3); // few values: patterns often agree
        }
        byte[] data = repeat(period, length);
        if (mode == 1) {
            data[r.nextInt(length)] ^= 1; // nearly periodic
        }
        byte[] pattern = mode == 2 ? Arrays.copyOf(period, periodLength) : new byte[patternLength];
        if (mode != 2) {
            for (int i = 0; i < patternLength; i++) {
                pattern[i] = mode == 3 ? period[i % periodLength] : (byte) r.nextInt(3);
            }
        }
        ReadResult read = read(data, r.nextInt(length + 1), r.nextInt(length + 1));
        boolean expected = naive(data, pattern);
        assertEquals(expected, read.always(pattern), "before the period was looked for");
        read.period();
        assertEquals(expected, read.always(pattern), "after");
    }

    @Test
    void thePeriodIsTheShortestOfOneTwoFourEightThatTilesTheRead() {
        assertArrayEquals(new byte[] {0x5A}, read(repeat(new byte[] {0x5A}, 4096), 1024).period());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, read(repeat(new byte[] {1, 2, 3, 4}, 400), 3, 7).period());
        // 6 bytes repeated is no power of two: none
        assertNull(read(repeat(new byte[] {1, 2, 3, 4, 5, 6}, 600)).period());
        // a length that is not a whole number of periods
        assertNull(read(repeat(new byte[] {1, 2}, 401)).period());
        // twice the period at least: 8 bytes are not "8 bytes repeated once"
        assertNull(read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).period());
    }

    @Test
    void anUncertainReadHasNoPeriod() {
        byte[] a = repeat(new byte[] {7}, 64);
        byte[] b = repeat(new byte[] {8}, 64);
        ReadResult r = new ReadResult(64, List.of(new Segment(0, 64, List.of(new Alternative(a, W, false),
                new Alternative(b, W, true)))));
        assertNull(r.period());
    }
}
