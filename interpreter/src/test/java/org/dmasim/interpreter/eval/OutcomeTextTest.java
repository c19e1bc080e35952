package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;
import org.junit.jupiter.api.Test;

/** How a read's value is written, from one array or from the segments it is made of. */
class OutcomeTextTest {
    private static byte[] fill(int v, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code d} cut at the given offsets (sorted, within the array). */
    private static List<byte[]> cut(byte[] d, int... at) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int a : at) {
            parts.add(Arrays.copyOfRange(d, from, a));
            from = a;
        }
        parts.add(Arrays.copyOfRange(d, from, d.length));
        return parts;
    }

    @Test
    void oneArray() {
        assertEquals("(no bytes)", OutcomeText.bytes(new byte[0]));
        assertEquals("0x5a x4194304", OutcomeText.bytes(fill(0x5a, 4 << 20)));
        assertEquals("0x00 x1", OutcomeText.bytes(new byte[1]));
        assertEquals("\"hello\"", OutcomeText.bytes("hello".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("0x41 x8", OutcomeText.bytes(fill('A', 8)), "one repeated printable byte is a run, not a string");
        byte[] deadbeef = new byte[64];
        for (int i = 0; i < 64; i += 4) {
            deadbeef[i] = (byte) 0xef;
            deadbeef[i + 1] = (byte) 0xbe;
            deadbeef[i + 2] = (byte) 0xad;
            deadbeef[i + 3] = (byte) 0xde;
        }
        assertEquals("[ef be ad de] x16", OutcomeText.bytes(deadbeef));
        assertEquals("[ef be ad de] x16", OutcomeText.bytes(cut(deadbeef, 1, 6, 7, 33, 63)));
        byte[] two = concat(List.of(fill(0x5a, 32), fill(0, 32)));
        assertEquals("0x5a x32, 0x00 x32", OutcomeText.bytes(two));
        byte[] ramp = new byte[40];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) (i < 10 ? 1 : i < 20 ? 2 : i < 30 ? 3 : 4);
        }
        assertEquals("0x01 x10, 0x02 x10, 0x03 x10, 0x04 x10", OutcomeText.bytes(ramp), "four runs are listed");
        ramp[39] = 5;
        assertEquals("[01 01 01 01 01 01 01 01 01 01 02 02 02 02 02 02 ...] (40 bytes)", OutcomeText.bytes(ramp),
                "a fifth run gives the hex prefix");
    }

    @Test
    void runsGoOnAcrossParts() {
        byte[] two = concat(List.of(fill(0x5a, 4096 * 3), fill(0, 100)));
        assertEquals("0x5a x12288, 0x00 x100", OutcomeText.bytes(cut(two, 1, 4096, 8000, 12288, 12289)));
        assertEquals("0x5a x4194304", OutcomeText.bytes(cut(fill(0x5a, 4 << 20), 64, 4096, 1 << 20, 3 << 20)));
        assertEquals("\"hello world\"", OutcomeText.bytes(cut("hello world".getBytes(StandardCharsets.US_ASCII), 2, 2, 7)));
        assertEquals("(no bytes)", OutcomeText.bytes(List.of(new byte[0], new byte[0])));
    }

    @Test
    void aPeriodicValueCutAtOddOffsetsIsStillPeriodic() {
        byte[] d = new byte[8 * 1000];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (i % 8 * 17);
        }
        assertEquals("[00 11 22 33 44 55 66 77] x1000", OutcomeText.bytes(cut(d, 3, 5, 4099, 4100, 7999)));
        d[7999] = 9;
        String prefix = "[00 11 22 33 44 55 66 77 00 11 22 33 44 55 66 77 ...] (8000 bytes)";
        assertEquals(prefix, OutcomeText.bytes(cut(d, 3, 5, 4099, 4100, 7999)));
        assertEquals(prefix, OutcomeText.bytes(d));
    }

    @Test
    void aLineIsComposedFromTheSegmentsOfTheRead() {
        Witness w = new Witness("written at 3:1");
        Witness old = new Witness("memory since 1:1");
        List<Segment> segs = new ArrayList<>();
        segs.add(new Segment(0, 64, List.of(new Alternative(fill(0x5a, 64), w, false))));
        for (int l = 1; l < 4; l++) {
            segs.add(new Segment(64L * l, 64, List.of(new Alternative(fill(0x5a, 64), w, false),
                    new Alternative(fill(0, 64), old, true))));
        }
        ReadResult r = new ReadResult(256, segs);
        List<OutcomeText.Line> lines = OutcomeText.lines(r);
        assertEquals(2, lines.size());
        assertEquals("0x5a x256", lines.get(0).value());
        assertEquals("0x5a x64, 0x00 x192", lines.get(1).value());
        assertEquals(true, lines.get(1).stale());
        assertNull(lines.get(0).range());
        assertEquals("each of the 3 uncertain cache lines may take any of its values independently",
                OutcomeText.mixingNote(r));
    }

    /** Cutting a value anywhere never changes how it is written. */
    @Property(tries = 400)
    void theSameTextWhereverTheValueIsCut(@ForAll @IntRange(min = 0, max = 300) int length,
            @ForAll @IntRange(min = 0, max = 5) int kind, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] d = new byte[length];
        switch (kind) {
            case 0 -> r.nextBytes(d);
            case 1 -> { // a few runs
                int v = r.nextInt(3);
                for (int i = 0; i < length; i++) {
                    if (r.nextInt(60) == 0) {
                        v = r.nextInt(3);
                    }
                    d[i] = (byte) v;
                }
            }
            case 2, 3 -> { // periodic, sometimes broken once
                int p = 1 << r.nextInt(4);
                byte[] period = new byte[p];
                r.nextBytes(period);
                for (int i = 0; i < length; i++) {
                    d[i] = period[i % p];
                }
                if (kind == 3 && length > 0) {
                    d[r.nextInt(length)] ^= 1;
                }
            }
            case 4 -> { // printable
                for (int i = 0; i < length; i++) {
                    d[i] = (byte) (0x20 + r.nextInt(0x5f));
                }
            }
            default -> Arrays.fill(d, (byte) r.nextInt(256));
        }
        int cuts = r.nextInt(6);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = length == 0 ? 0 : r.nextInt(length + 1);
        }
        Arrays.sort(at);
        assertEquals(OutcomeText.bytes(d), OutcomeText.bytes(cut(d, at)));
        if (length > 0) {
            // a certain read of those pieces: its line (which may use the read's period) says the same
            List<Segment> segs = new ArrayList<>();
            long offset = 0;
            for (byte[] part : cut(d, at)) {
                if (part.length > 0) {
                    segs.add(new Segment(offset, part.length, List.of(new Alternative(part, new Witness("w"), false))));
                    offset += part.length;
                }
            }
            ReadResult read = new ReadResult(length, segs);
            assertEquals(OutcomeText.bytes(d), OutcomeText.lines(read).get(0).value());
            read.period();
            assertEquals(OutcomeText.bytes(d), OutcomeText.lines(read).get(0).value(), "once the period is known");
        }
    }
}
