package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Witnesses per byte range of a line: stores name only the bytes they wrote. */
class LineWitnessTest {
    @Test
    void aStoreIntoPartOfALineNamesOnlyThoseBytes() {
        LineWitness w = LineWitness.of("CPU write at 7:1").with(0, 32, "device write at 8:1", 64);
        assertEquals(2, w.runs());
        assertEquals("device write at 8:1", w.at(0));
        assertEquals("device write at 8:1", w.at(31));
        assertEquals("CPU write at 7:1", w.at(32));
        assertEquals("CPU write at 7:1", w.at(63));
        // a store over the whole line is one run again
        assertEquals(1, w.with(0, 64, "zeroed", 64).runs());
        // and a store of the same text over its neighbour merges the runs
        assertEquals(1, w.with(32, 64, "device write at 8:1", 64).runs());
    }

    @Test
    void aMiddleStoreSplitsTheRunAroundIt() {
        LineWitness w = LineWitness.of("a").with(16, 24, "b", 64);
        assertEquals(List.of("a", "b", "a"), List.of(w.at(0), w.at(16), w.at(24)));
        assertEquals(3, w.runs());
        assertEquals("[0..16] a; [16..24] b; [24..64] a", w.describe(0, 64, 0).text());
        // slices keep the runs they cross, from 0
        LineWitness s = w.slice(20, 40);
        assertEquals(List.of("b", "a"), List.of(s.at(0), s.at(4)));
        assertEquals("[100..104] b; [104..120] a", s.describe(0, 20, 100).text());
        // a slice inside one run is that run's text alone
        assertEquals("a", w.slice(30, 60).describe(0, 30, 0).text());
        assertEquals(1, w.slice(30, 60).runs());
    }

    @Test
    void anotherWitnessPlacedIntoALineKeepsItsRuns() {
        LineWitness copied = LineWitness.of("x").with(0, 8, "y", 16);
        LineWitness w = LineWitness.of("base").with(8, 16, copied, 64);
        assertEquals(List.of("base", "y", "x", "base"), List.of(w.at(0), w.at(8), w.at(16), w.at(24)));
    }

    @Test
    void zipCombinesByteForByte() {
        LineWitness cache = LineWitness.of("c1").with(0, 10, "c0", 64);
        LineWitness memory = LineWitness.of("m").with(40, 64, "m2", 64);
        LineWitness z = LineWitness.zip(cache, memory, (a, b) -> a + "/" + b);
        assertEquals(List.of("c0/m", "c1/m", "c1/m2"), List.of(z.at(5), z.at(20), z.at(50)));
        assertEquals(3, z.runs());
        LineWitness one = LineWitness.of("u");
        assertSame(one, one.with(0, 64, "u", 64), "an equal store changes nothing");
    }

    @Test
    void aWriteBackNamesEachRunOverWhatItReplaced() {
        LineValue cache = new LineValue(new byte[64], "zeroed at 1:1").with(32, 40, new byte[] {1}, 0,
                "CPU write at 5:1");
        LineValue memory = new LineValue(new byte[64], "zeroed at 1:1").with(0, 32, new byte[] {0x5a}, 0,
                "device write at 6:1");
        LineConfig after = LineConfigs.clean(LineConfig.dirty(cache, memory), "9:1");
        LineWitness w = after.memory().witness;
        assertEquals("zeroed at 1:1, written back at 9:1 over (device write at 6:1)", w.at(0));
        assertEquals("CPU write at 5:1, written back at 9:1 over (zeroed at 1:1)", w.at(32));
        assertEquals("zeroed at 1:1", w.at(40), "bytes neither side changed keep their witness");
    }
}
