package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.api.Test;

/**
 * Restricted reads: a read under a filter returns exactly the allowed values of each restricted
 * segment (the other segments unchanged), and restricting by every class of a partition of a
 * segment's values gives back, together, the unrestricted outcomes of that read and of the reads
 * after it. Programs are random sequences of the access table's operations on two lines.
 */
class RestrictedReadTest {
    static final int LINE = 8;
    static final long BASE = 0x4000;

    /** One operation of a random program: kind 0..9, a byte range of the two lines, a value. */
    record Op(int kind, int lo, int hi, int value) {
    }

    static List<Op> program(Random rnd) {
        List<Op> ops = new ArrayList<>();
        int n = 1 + rnd.nextInt(7);
        for (int i = 0; i < n; i++) {
            int lo = rnd.nextInt(2 * LINE);
            int hi = lo + 1 + rnd.nextInt(2 * LINE - lo);
            ops.add(new Op(rnd.nextInt(10), lo, hi, 1 + rnd.nextInt(3)));
        }
        return ops;
    }

    static CacheDomain replay(List<Op> ops, boolean speculate) {
        MemoryBudget budget = new MemoryBudget(1L << 24);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        CacheDomain c = new CacheDomain(LINE, new SparseBytes(budget, "mem"), budget, p -> speculate,
                Maintenance.CLEAN_INVALIDATE, shadow::read);
        for (Op o : ops) {
            long at = BASE + o.lo;
            int len = o.hi - o.lo;
            byte[] v = {(byte) o.value};
            switch (o.kind) {
                case 0 -> c.write(AccessKind.CPU_CACHED, at, len, v, 0, "cpu", "t");
                case 1 -> c.write(AccessKind.CPU_UNCACHED, at, len, v, 0, "uc", "t");
                case 2 -> c.write(AccessKind.DEVICE_NONCOHERENT, at, len, v, 0, "dev", "t");
                case 3 -> c.write(AccessKind.DEVICE_COHERENT, at, len, v, 0, "coh", "t");
                case 4 -> c.maintain(Maintenance.CLEAN, at, len, "t");
                case 5 -> c.maintain(Maintenance.INVALIDATE, at, len, "t");
                case 6 -> c.maintain(Maintenance.CLEAN_INVALIDATE, at, len, "t");
                case 7 -> c.evict(at, len, "t");
                case 8 -> c.prefetch(at, len, "t");
                default -> c.read(AccessKind.CPU_CACHED, at, len, "t");
            }
            shadow.fill(at, len, v, 0);
        }
        return c;
    }

    static final AccessKind[] KINDS = AccessKind.values();

    @Property(tries = 3000, seed = "10")
    void restrictionKeepsExactlyTheAllowedValuesAndPartitionsCoverTheRead(@ForAll long seed) {
        Random rnd = new Random(seed);
        boolean speculate = rnd.nextBoolean();
        List<Op> ops = program(rnd);
        AccessKind kind = KINDS[rnd.nextInt(KINDS.length)];
        int lo = rnd.nextInt(2 * LINE);
        int len = 1 + rnd.nextInt(2 * LINE - lo);
        AccessKind after = KINDS[rnd.nextInt(KINDS.length)];

        CacheDomain plain = replay(ops, speculate);
        ReadResult whole = plain.read(kind, BASE + lo, len, "r");
        Set<String> wholeAfter = BruteForceAgreementTest.values(plain.read(after, BASE, 2 * LINE, "a"));
        List<Segment> uncertain = whole.segments().stream().filter(s -> s.alternatives().size() > 1).toList();
        if (uncertain.isEmpty()) {
            return;
        }
        Segment seg = uncertain.get(rnd.nextInt(uncertain.size()));
        // a random partition of the segment's values into non-empty classes
        int classes = 1 + rnd.nextInt(seg.alternatives().size());
        List<List<byte[]>> partition = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            partition.add(new ArrayList<>());
        }
        for (int i = 0; i < seg.alternatives().size(); i++) {
            int k = i < classes ? i : rnd.nextInt(classes);
            partition.get(k).add(seg.alternatives().get(i).data());
        }
        Set<String> union = new HashSet<>();
        Set<String> unionAfter = new HashSet<>();
        for (List<byte[]> cls : partition) {
            CacheDomain c = replay(ops, speculate);
            ReadResult r = c.read(kind, BASE + lo, len, "r", ReadFilter.of(seg.offset(), cls));
            Set<String> expected = kept(BruteForceAgreementTest.values(whole), (int) seg.offset(), seg.length(), cls);
            assertEquals(expected, BruteForceAgreementTest.values(r), () -> "class of " + ops + " kind " + kind);
            union.addAll(BruteForceAgreementTest.values(r));
            unionAfter.addAll(BruteForceAgreementTest.values(c.read(after, BASE, 2 * LINE, "a")));
        }
        assertEquals(BruteForceAgreementTest.values(whole), union, () -> "the classes of " + ops + " " + kind);
        assertEquals(wholeAfter, unionAfter, () -> "the reads after the classes of " + ops + " " + kind);
    }

    @Property(tries = 1000, seed = "11")
    void restrictingTwoSegmentsAtOnceKeepsTheirProduct(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Op> ops = program(rnd);
        CacheDomain plain = replay(ops, true);
        ReadResult whole = plain.read(AccessKind.CPU_CACHED, BASE, 2 * LINE, "r");
        if (whole.segments().size() != 2 || whole.isCertain()) {
            return;
        }
        ReadFilter f = ReadFilter.NONE;
        List<List<byte[]>> chosen = new ArrayList<>();
        for (Segment s : whole.segments()) {
            byte[] one = s.alternatives().get(rnd.nextInt(s.alternatives().size())).data();
            f = f.and(ReadFilter.of(s.offset(), List.of(one)));
            chosen.add(List.of(one));
        }
        ReadResult r = replay(ops, true).read(AccessKind.CPU_CACHED, BASE, 2 * LINE, "r", f);
        assertTrue(r.isCertain(), r::toString);
        Set<String> expected = BruteForceAgreementTest.values(whole);
        for (int i = 0; i < 2; i++) {
            Segment s = whole.segments().get(i);
            expected = kept(expected, (int) s.offset(), s.length(), chosen.get(i));
        }
        assertEquals(expected, BruteForceAgreementTest.values(r));
    }

    @Test
    void aLogicalReadInPiecesTakesItsFilterPieceByPiece() {
        // line 0 stale clean (two values), line 1 as well: the second piece's filter is shifted
        List<Op> ops = List.of(new Op(8, 0, 16, 0), new Op(2, 0, 16, 5));
        CacheDomain plain = replay(ops, true);
        ReadResult whole = plain.read(AccessKind.CPU_CACHED, BASE, 16, "r");
        byte[] second = whole.segments().get(1).alternatives().get(1).data();
        CacheDomain c = replay(ops, true);
        c.restrictReads(ReadFilter.of(8, List.of(second)));
        ReadResult first = c.read(AccessKind.CPU_CACHED, BASE, 8, "r");
        ReadResult rest = c.read(AccessKind.CPU_CACHED, BASE + 8, 8, "r");
        c.endRestriction();
        assertEquals(2, first.segments().get(0).alternatives().size());
        assertEquals(bytesStrings(List.of(second)), strings(rest.segments().get(0).alternatives()));
        assertEquals(2, c.read(AccessKind.CPU_CACHED, BASE + 8, 8, "r").segments().get(0).alternatives().size(),
                "the restriction ends with the logical read, and the line is closed again");
    }

    @Test
    void aFilterThatExcludesEverythingIsTheCallersMistake() {
        CacheDomain c = replay(List.of(new Op(2, 0, 8, 5)), true);
        assertThrows(IllegalStateException.class,
                () -> c.read(AccessKind.CPU_CACHED, BASE, 8, "r", ReadFilter.of(0, List.of(new byte[8 - 1]))));
    }

    @Test
    void aDirtyLineReadAsWrittenBackStaysWrittenBack() {
        // CPU store leaves Dirty(1)/0: a non-coherent device may read 0 or 1; restricted to 1 (the
        // write-back happened), DRAM holds 1 for good, so every later device read returns 1
        List<Op> ops = List.of(new Op(0, 0, 8, 1));
        CacheDomain c = replay(ops, true);
        byte[] ones = Lines.fill(1, 8);
        c.read(AccessKind.DEVICE_NONCOHERENT, BASE, 8, "r", ReadFilter.of(0, List.of(ones)));
        ReadResult again = c.read(AccessKind.DEVICE_NONCOHERENT, BASE, 8, "r2");
        assertTrue(again.isCertain() && again.always(new byte[] {1}), again::toString);
        CacheDomain d = replay(ops, true);
        d.read(AccessKind.DEVICE_NONCOHERENT, BASE, 8, "r", ReadFilter.of(0, List.of(new byte[8])));
        assertEquals(2, d.read(AccessKind.DEVICE_NONCOHERENT, BASE, 8, "r2").segments().get(0).alternatives().size(),
                "not yet written back: it still may be, later");
    }

    /** The whole-read values whose bytes {@code [at, at+n)} are one of {@code allowed}. */
    private static Set<String> kept(Set<String> values, int at, int n, List<byte[]> allowed) {
        Set<String> keys = new HashSet<>();
        for (byte[] a : allowed) {
            StringBuilder b = new StringBuilder();
            for (byte x : a) {
                b.append((char) (x & 0xff));
            }
            keys.add(b.toString());
        }
        Set<String> out = new HashSet<>();
        for (String v : values) {
            if (keys.contains(v.substring(at, at + n))) {
                out.add(v);
            }
        }
        return out;
    }

    private static Set<String> strings(List<Alternative> alternatives) {
        return bytesStrings(alternatives.stream().map(Alternative::data).toList());
    }

    private static Set<String> bytesStrings(List<byte[]> values) {
        Set<String> out = new HashSet<>();
        for (byte[] v : values) {
            out.add(java.util.Arrays.toString(v));
        }
        return out;
    }
}
