package org.dmasim.engine.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/**
 * dma_map_sg checks the budget of the whole table before mapping its first entry: a map that
 * fails on the budget leaves the machine as it was, and the bound takes the limit on lines that
 * can become uncertain once over the table, so a table of many small entries asks no more than
 * one range of the same lines would.
 */
class SgMapBudgetTest {
    private static final long KiB = 1024;
    private static final long MiB = 1024 * KiB;

    private static Device device(Kernel k, boolean bounce) {
        return k.addDevice(new DeviceConfig("dev", 64, 64, false, false, 0, bounce, false, 0, null, false,
                "migrate", null), Site.NONE);
    }

    @Test
    void aFailingSgMapChangesNothing() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(16 * MiB));
        Device dev = device(k, true);
        Buffer small = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, Site.NONE);
        Buffer large = k.allocPages(1024 * KiB, Gfp.GFP_KERNEL, Site.NONE);
        k.cpuWrite(small, 0, small.size(), new byte[] {1}, Site.NONE);
        k.cpuWrite(large, 0, large.size(), new byte[] {2}, Site.NONE);
        SgTable sgt = k.sgTable(List.of(new SgTable.Entry(small, 0, small.size()),
                new SgTable.Entry(large, 0, large.size())), Site.NONE);
        // on its own, the first entry maps (and bounces)
        var alone = k.dmaMapSingle(dev, small, 0, small.size(), Direction.DMA_FROM_DEVICE, 0, Site.NONE);
        assertTrue(alone.bounced());
        k.dmaUnmapSingle(dev, alone.dmaAddress(), small.size(), Direction.DMA_FROM_DEVICE, 0, Site.NONE);

        long used = k.machine().budget().used();
        long dirty = k.machine().cache().dirtyLines();
        int uncertain = k.machine().cache().uncertainLines();
        int slots = k.machine().pool().usedSlots();
        int reports = k.reports().size();
        ScriptFault f = assertThrows(ScriptFault.class,
                () -> k.dmaMapSg(dev, sgt, Direction.DMA_FROM_DEVICE, 0, Site.NONE));
        assertTrue(f.getMessage().startsWith("memory budget exceeded: dma_map_sg of "), f.getMessage());
        assertEquals(used, k.machine().budget().used(), "budget use");
        assertEquals(dirty, k.machine().cache().dirtyLines(), "dirty lines");
        assertEquals(uncertain, k.machine().cache().uncertainLines(), "uncertain lines");
        assertEquals(slots, k.machine().pool().usedSlots(), "swiotlb slots");
        assertEquals(reports, k.reports().size(), "reports");
        assertFalse(sgt.isMapped());
    }

    /** 1024 separate pages, one line of the first dirty; returns the table over them. */
    private static SgTable scattered(Kernel k, int pages) {
        List<SgTable.Entry> parts = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            Buffer b = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, Site.NONE);
            if (i == 0) {
                k.cpuWrite(b, 0, 64, new byte[] {7}, Site.NONE);
            }
            parts.add(new SgTable.Entry(b, 0, b.size()));
        }
        return k.sgTable(parts, Site.NONE);
    }

    @Test
    void aScatteredTableAsksOnceForTheLinesItCanMakeUncertain() {
        // how much the same machine uses before the map, measured on a copy of it
        Kernel probe = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(256 * MiB));
        device(probe, false);
        scattered(probe, 1024);
        long before = probe.machine().budget().used();

        // an invalidate of 4 MiB in 1024 entries with one dirty line: one line can become uncertain,
        // not one per entry (1024 of them would ask about 1.2 MiB more than the 512 KiB the
        // mappings' bookkeeping takes)
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(before + MiB));
        Device dev = device(k, false);
        SgTable sgt = scattered(k, 1024);
        assertEquals(before, k.machine().budget().used());
        assertEquals(1024, k.dmaMapSg(dev, sgt, Direction.DMA_FROM_DEVICE, 0, Site.NONE));
        assertTrue(sgt.isMapped());
        assertTrue(k.machine().budget().used() <= k.machine().budget().limit());
    }

    @Test
    void theBoundCoversWhatAMapOfBouncedUncertainEntriesCharges() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(512 * MiB));
        Device dev = device(k, true);
        SgTable sgt = scattered(k, 64);
        // make every line of every entry uncertain or dirty: device writes under dirty lines
        for (SgTable.Entry e : sgt.entries()) {
            k.cpuWrite(e.view(), 0, e.length(), new byte[] {3}, Site.NONE);
        }
        var cache = k.machine().cache();
        long[] phys = sgt.entries().stream().mapToLong(SgTable.Entry::phys).toArray();
        long[] lengths = sgt.entries().stream().mapToLong(SgTable.Entry::length).toArray();
        boolean[] copied = new boolean[phys.length];
        java.util.Arrays.fill(copied, true);
        long need = cache.batchNeeds(k.profile().forDevice(Direction.DMA_FROM_DEVICE), phys, lengths, copied,
                k.machine().pool().base(), k.machine().pool().bytes());
        long used = k.machine().budget().used();
        assertEquals(64, k.dmaMapSg(dev, sgt, Direction.DMA_FROM_DEVICE, 0, Site.NONE));
        long charged = k.machine().budget().used() - used;
        assertTrue(charged > 0 && charged <= need, "charged " + charged + " of a bound of " + need);
    }
}
