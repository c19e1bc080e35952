package org.dmasim.engine.cache;

import static org.dmasim.engine.cache.Lines.LINE;
import static org.dmasim.engine.cache.Lines.clean;
import static org.dmasim.engine.cache.Lines.dirty;
import static org.dmasim.engine.cache.Lines.inv;
import static org.dmasim.engine.cache.Lines.uniform;
import static org.dmasim.engine.cache.Lines.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.dmasim.engine.machine.Maintenance;
import org.junit.jupiter.api.Test;

/** One test per row of the access table of docs/semantics.md, "The CPU cache", plus the spontaneous-event closure. */
class AccessTableTest {
    static final long P = 0x10000;

    /** A line the CPU wrote 0xAB over memory 0x00: {Dirty(AB)/00, Clean(AB)/AB, Invalid/AB}. */
    static Lines dirtyLine(Lines l) {
        l.write(AccessKind.CPU_CACHED, P, LINE, 0xAB);
        return l;
    }

    @Test
    void untouchedMemoryIsOneZeroValueAndCostsNothing() {
        Lines l = Lines.speculating();
        ReadResult r = l.cache.read(AccessKind.CPU_CACHED, P, 4096, "t");
        assertEquals(1, r.segments().size());
        assertEquals(uniform(4096, 0), values(r));
        assertEquals(0, l.cache.uncertainLines());
    }

    @Test
    void cpuReadCacheableFillsAnInvalidLine() {
        Lines l = Lines.notSpeculating();
        assertEquals(Set.of(inv(0)), l.configs(P));
        assertEquals(uniform(LINE, 0), values(l.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
        assertEquals(Set.of(inv(0), clean(0, 0)), l.configs(P));
    }

    @Test
    void cpuWriteCacheableAllocatesADirtyLine() {
        Lines l = dirtyLine(Lines.speculating());
        assertEquals(Set.of(dirty(0xAB, 0), clean(0xAB, 0xAB), inv(0xAB)), l.configs(P));
        assertEquals(uniform(LINE, 0xAB), values(l.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
    }

    @Test
    void cpuWritePartialLineUpdatesOnlyTheTouchedBytes() {
        Lines l = Lines.speculating();
        l.write(AccessKind.CPU_CACHED, P + 8, 8, 0x11);
        ReadResult r = l.cache.read(AccessKind.CPU_CACHED, P, 24, "t");
        assertEquals(Set.of("00".repeat(8) + "11".repeat(8) + "00".repeat(8)), values(r));
        // memory may or may not have the new bytes yet
        assertEquals(2, values(l.cache.read(AccessKind.CPU_UNCACHED, P, 24, "t")).size());
    }

    @Test
    void cpuReadUncachedReturnsMemoryAndLeavesTheCache() {
        Lines l = dirtyLine(Lines.speculating());
        Set<LineConfig> before = l.configs(P);
        assertEquals(uniform(LINE, 0, 0xAB), values(l.cache.read(AccessKind.CPU_UNCACHED, P, LINE, "t")));
        assertEquals(before, l.configs(P));
    }

    @Test
    void cpuWriteUncachedUpdatesMemoryAndLeavesAnOlderCleanLine() {
        Lines l = Lines.speculating();
        l.write(AccessKind.CPU_UNCACHED, P, LINE, 0x11);
        assertEquals(Set.of(inv(0x11), clean(0, 0x11), clean(0x11, 0x11)), l.configs(P));
        assertEquals(uniform(LINE, 0x11), values(l.cache.read(AccessKind.CPU_UNCACHED, P, LINE, "t")));
    }

    @Test
    void cpuWriteUncachedUnderADirtyLineMayBeOverwrittenByTheWriteBack() {
        Lines l = dirtyLine(Lines.speculating());
        l.write(AccessKind.CPU_UNCACHED, P, LINE, 0x11);
        assertTrue(l.configs(P).contains(dirty(0xAB, 0x11)));
        assertEquals(uniform(LINE, 0x11, 0xAB), values(l.cache.read(AccessKind.CPU_UNCACHED, P, LINE, "t")));
    }

    @Test
    void nonCoherentDeviceReadReturnsMemory() {
        Lines l = dirtyLine(Lines.speculating());
        assertEquals(uniform(LINE, 0, 0xAB), values(l.cache.read(AccessKind.DEVICE_NONCOHERENT, P, LINE, "t")));
    }

    @Test
    void nonCoherentDeviceWriteUpdatesMemoryOnly() {
        Lines l = Lines.speculating();
        l.write(AccessKind.DEVICE_NONCOHERENT, P, LINE, 0x5A);
        assertEquals(Set.of(inv(0x5A), clean(0, 0x5A), clean(0x5A, 0x5A)), l.configs(P));
        assertEquals(uniform(LINE, 0, 0x5A), values(l.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
    }

    @Test
    void nonCoherentDeviceWriteOnANeverCachedLineWithoutSpeculationIsCertain() {
        Lines l = Lines.notSpeculating();
        l.write(AccessKind.DEVICE_NONCOHERENT, P, LINE, 0x5A);
        assertEquals(Set.of(inv(0x5A)), l.configs(P));
        assertEquals(0, l.cache.uncertainLines());
    }

    @Test
    void coherentDeviceReadSnoopsDirtyData() {
        Lines l = dirtyLine(Lines.speculating());
        assertEquals(uniform(LINE, 0xAB), values(l.cache.read(AccessKind.DEVICE_COHERENT, P, LINE, "t")));
    }

    @Test
    void coherentDeviceWriteMergesDirtyDataThenInvalidates() {
        Lines l = dirtyLine(Lines.speculating());
        l.write(AccessKind.DEVICE_COHERENT, P, 8, 0x22);
        String expect = "22".repeat(8) + "ab".repeat(LINE - 8);
        assertEquals(Set.of(expect), values(l.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
        assertEquals(Set.of(expect), values(l.cache.read(AccessKind.CPU_UNCACHED, P, LINE, "t")));
        assertEquals(0, l.cache.uncertainLines());
    }

    @Test
    void cleanWritesBackDirtyData() {
        Lines l = dirtyLine(Lines.speculating());
        l.cache.maintain(Maintenance.CLEAN, P, LINE, "t");
        assertEquals(Set.of(inv(0xAB), clean(0xAB, 0xAB)), l.configs(P));
        assertEquals(0, l.cache.uncertainLines());
    }

    @Test
    void invalidateDiscardsDirtyData() {
        Lines l = dirtyLine(Lines.speculating());
        l.cache.maintain(Maintenance.INVALIDATE, P, LINE, "t");
        assertEquals(Set.of(inv(0), inv(0xAB), clean(0, 0), clean(0xAB, 0xAB)), l.configs(P));
        assertEquals(uniform(LINE, 0, 0xAB), values(l.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
    }

    @Test
    void invalidateOfAPartlyCoveredLineFollowsTheProfileEdgeRule() {
        Lines arm = dirtyLine(new Lines(LINE, true, Maintenance.CLEAN_INVALIDATE));
        arm.cache.maintain(Maintenance.INVALIDATE, P, LINE / 2, "t");
        assertEquals(uniform(LINE, 0xAB), values(arm.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
        Lines plain = dirtyLine(new Lines(LINE, true, Maintenance.INVALIDATE));
        plain.cache.maintain(Maintenance.INVALIDATE, P, LINE / 2, "t");
        assertEquals(uniform(LINE, 0, 0xAB), values(plain.cache.read(AccessKind.CPU_CACHED, P, LINE, "t")));
    }

    @Test
    void cleanInvalidateWritesBackThenDrops() {
        Lines l = dirtyLine(Lines.notSpeculating());
        l.cache.maintain(Maintenance.CLEAN_INVALIDATE, P, LINE, "t");
        assertEquals(Set.of(inv(0xAB)), l.configs(P));
    }

    @Test
    void dirtyLineClosesUnderWriteBackAndEviction() {
        Lines l = dirtyLine(Lines.notSpeculating());
        assertEquals(Set.of(dirty(0xAB, 0), clean(0xAB, 0xAB), inv(0xAB)), l.configs(P));
        LineConfigs closed = LineConfigs.of(Lines.list(dirty(1, 2))).close(false, "t");
        assertEquals(Set.of(dirty(1, 2), clean(1, 1), inv(1)), Set.copyOf(closed.configs()));
    }

    @Test
    void speculationFillsInvalidLinesOnlyWhenTheProfileAllowsIt() {
        assertEquals(Set.of(inv(3), clean(3, 3)),
                Set.copyOf(LineConfigs.of(Lines.list(inv(3))).close(true, "t").configs()));
        assertEquals(Set.of(inv(3)), Set.copyOf(LineConfigs.of(Lines.list(inv(3))).close(false, "t").configs()));
    }

    @Test
    void forcedEventsPickOneOutcome() {
        Lines l = dirtyLine(Lines.notSpeculating());
        l.cache.writeback(P, LINE, "t");
        assertEquals(Set.of(clean(0xAB, 0xAB), inv(0xAB)), l.configs(P));
        l.cache.evict(P, LINE, "t");
        assertEquals(Set.of(inv(0xAB)), l.configs(P));
        l.cache.prefetch(P, LINE, "t");
        assertEquals(Set.of(inv(0xAB), clean(0xAB, 0xAB)), l.configs(P));
    }

    @Test
    void staleAlternativesAreMarkedAgainstTheShadow() {
        Lines l = Lines.speculating();
        l.write(AccessKind.DEVICE_NONCOHERENT, P, LINE, 0x5A);
        l.shadow.fill(P, LINE, new byte[] {0x5A}, 0);
        ReadResult r = l.cache.read(AccessKind.CPU_CACHED, P, LINE, "7:1");
        assertEquals(1, r.segments().size());
        for (Alternative a : r.segments().get(0).alternatives()) {
            assertEquals(a.data()[0] != 0x5A, a.stale());
        }
        assertTrue(r.hasStale());
    }

    @Test
    void certainLinesMergeIntoOneSegment() {
        Lines l = Lines.speculating();
        l.write(AccessKind.DEVICE_COHERENT, P, 4096, 0x33);
        l.shadow.fill(P, 4096, new byte[] {0x33}, 0);
        ReadResult r = l.cache.read(AccessKind.CPU_CACHED, P, 4096, "t");
        assertEquals(1, r.segments().size());
        assertTrue(r.isCertain());
        assertEquals("write", r.segments().get(0).alternatives().get(0).witness().text());
    }

    @Test
    void copyOfAnUncertainSourceMakesTheDestinationUncertain() {
        Lines l = Lines.speculating();
        l.write(AccessKind.DEVICE_NONCOHERENT, P, LINE, 0x5A);
        l.cache.copy(P, P + 0x1000, LINE, "copied", "t");
        assertEquals(uniform(LINE, 0, 0x5A), values(l.cache.read(AccessKind.CPU_CACHED, P + 0x1000, LINE, "t")));
    }

    @Test
    void theCommonStatesStayCompact() {
        Lines l = Lines.speculating();
        l.write(AccessKind.CPU_CACHED, P, 1 << 20, 0x11);
        assertEquals(0, l.cache.uncertainLines());
        assertEquals((1 << 20) / LINE, l.cache.dirtyLines());
        l.cache.maintain(Maintenance.CLEAN, P, 1 << 20, "t");
        assertEquals(0, l.cache.dirtyLines());
        l.write(AccessKind.DEVICE_NONCOHERENT, P, 1 << 20, 0x22);
        assertEquals(0, l.cache.uncertainLines());
        ReadResult r = l.cache.read(AccessKind.CPU_CACHED, P, 1 << 20, "t");
        assertEquals(uniform(LINE, 0x11, 0x22), values(new ReadResult(LINE, List.of(r.segments().get(0)))));
        l.cache.maintain(Maintenance.INVALIDATE, P, 1 << 20, "t");
        assertTrue(l.cache.read(AccessKind.CPU_CACHED, P, 1 << 20, "t").isCertain());
    }
}
