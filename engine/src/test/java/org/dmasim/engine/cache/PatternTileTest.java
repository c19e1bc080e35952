package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The word-wise pattern compare against the byte-by-byte definition, at its edges. */
class PatternTileTest {
    /** The definition: byte {@code from + i} is {@code pattern[(position + i) % period]}. */
    private static boolean naive(byte[] data, int from, int to, long position, byte[] pattern) {
        if (pattern.length == 0) {
            return from == to;
        }
        for (int i = from; i < to; i++) {
            if (data[i] != pattern[(int) ((position + i - from) % pattern.length)]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] repeat(byte[] pattern, long position, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = pattern[(int) ((position + i) % pattern.length)];
        }
        return out;
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void everyPhaseOfAShortPatternMatchesAndOnlyThat() {
        byte[] pattern = {1, 2, 3, 4, 5, 6, 7};
        PatternTile t = PatternTile.of(pattern);
        for (int position = 0; position < 2 * pattern.length; position++) {
            byte[] data = repeat(pattern, position, 3 * PatternTile.TILE + 5);
            assertTrue(t.matches(data, position), "phase " + position);
            assertFalse(t.matches(data, position + 1), "shifted phase " + position);
        }
    }

    @Test
    void aDifferenceIsFoundInEveryTileAndAtTheLastByte() {
        PatternTile t = PatternTile.of(new byte[] {0x5A});
        int n = 3 * PatternTile.TILE + 17;
        for (int at : new int[] {0, 1, PatternTile.TILE - 1, PatternTile.TILE, 2 * PatternTile.TILE + 3, n - 1}) {
            byte[] data = repeat(new byte[] {0x5A}, 0, n);
            data[at] = 0x5B;
            assertFalse(t.matches(data, 0), "difference at " + at);
        }
    }

    @Test
    void aPeriodLongerThanTheTileIsComparedAtItsPhase() {
        byte[] pattern = random(new Random(1), PatternTile.TILE + 1000);
        PatternTile t = PatternTile.of(pattern);
        for (long position : new long[] {0, 1, 999, PatternTile.TILE, pattern.length - 1, 5L * pattern.length + 3}) {
            byte[] data = repeat(pattern, position, 2 * pattern.length + 11);
            assertTrue(t.matches(data, position), "position " + position);
            assertFalse(t.matches(data, position + 1), "position " + (position + 1));
        }
    }

    @Test
    void anEmptyPatternMatchesOnlyNoBytes() {
        PatternTile t = PatternTile.of(new byte[0]);
        assertEquals(0, t.period());
        assertTrue(t.matches(new byte[0], 0));
        assertTrue(t.matches(new byte[8], 3, 3, 7));
        assertFalse(t.matches(new byte[1], 0));
    }

    @Test
    void aSubrangeIsComparedFromItsOwnPosition() {
        byte[] pattern = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
        byte[] data = new byte[100];
        System.arraycopy(repeat(pattern, 2, 50), 0, data, 30, 50);
        assertTrue(PatternTile.of(pattern).matches(data, 30, 80, 2));
        assertFalse(PatternTile.of(pattern).matches(data, 29, 80, 1));
    }

    @Test
    void readResultsJudgeSegmentsAtTheirOffsets() {
        byte[] pattern = {1, 2, 3};
        // segments at offsets 0, 5 and 5 + TILE + 1: none starts at phase 0 after the first
        int a = 5;
        int b = PatternTile.TILE + 1;
        int c = 40;
        Segment s1 = certain(0, repeat(pattern, 0, a));
        Segment s2 = new Segment(a, b, List.of(
                new Alternative(repeat(pattern, a, b), new Witness("fresh"), false),
                new Alternative(new byte[b], new Witness("stale"), true)));
        Segment s3 = certain(a + b, repeat(pattern, a + b, c));
        ReadResult r = new ReadResult(a + b + c, List.of(s1, s2, s3));
        assertTrue(r.sometimes(pattern));
        assertFalse(r.always(pattern));
        assertFalse(r.never(pattern));
        assertFalse(r.sometimes(new byte[] {2, 3, 1}), "the same pattern at another phase");
        ReadResult empty = new ReadResult(0, List.of());
        assertTrue(empty.always(new byte[0]) && empty.always(pattern));
    }

    private static Segment certain(long offset, byte[] data) {
        return new Segment(offset, data.length, List.of(new Alternative(data, new Witness("w"), false)));
    }

    @Property(tries = 300)
    void agreesWithTheDefinition(@ForAll @IntRange(min = 0, max = 9000) int period,
            @ForAll @IntRange(min = 0, max = 20000) int length, @ForAll @IntRange(min = 0, max = 100000) int position,
            @ForAll @IntRange(min = -1, max = 20000) int flip, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] pattern = random(r, period % 3 == 0 ? period % 9 : period); // many short periods, some long ones
        byte[] data = pattern.length == 0 ? new byte[0] : repeat(pattern, position, length);
        if (flip >= 0 && flip < data.length) {
            data[flip] ^= (byte) (1 + r.nextInt(255));
        }
        assertEquals(naive(data, 0, data.length, position, pattern), PatternTile.of(pattern).matches(data, position));
    }
}
