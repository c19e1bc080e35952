package org.dmasim.engine.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A dma_map_sg that fails on the memory budget leaves the machine as it was: the budget's use,
 * the dirty lines, the swiotlb slots and the report log. Its first entry fits; the second does
 * not, so mapping entry by entry would have bounced the first before failing.
 */
class SgMapBudgetTest {
    private static final long KiB = 1024;

    @Test
    void aFailingSgMapChangesNothing() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withMemoryBudget(32L << 20));
        Device dev = k.addDevice(new DeviceConfig("dev", 64, 64, false, false, 0, true, false, 0, null, false,
                "migrate", null), Site.NONE);
        Buffer small = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, Site.NONE);
        Buffer large = k.allocPages(1024 * KiB, Gfp.GFP_KERNEL, Site.NONE);
        k.cpuWrite(small, 0, small.size(), new byte[] {1}, Site.NONE);
        k.cpuWrite(large, 0, large.size(), new byte[] {2}, Site.NONE);
        SgTable sgt = k.sgTable(List.of(new SgTable.Entry(small, 0, small.size()),
                new SgTable.Entry(large, 0, large.size())), Site.NONE);
        // on its own, the first entry maps (and bounces)
        var alone = k.dmaMapSingle(dev, small, 0, small.size(), Direction.DMA_TO_DEVICE, 0, Site.NONE);
        assertTrue(alone.bounced());
        k.dmaUnmapSingle(dev, alone.dmaAddress(), small.size(), Direction.DMA_TO_DEVICE, 0, Site.NONE);

        long used = k.machine().budget().used();
        long dirty = k.machine().cache().dirtyLines();
        int slots = k.machine().pool().usedSlots();
        int reports = k.reports().size();
        ScriptFault f = assertThrows(ScriptFault.class,
                () -> k.dmaMapSg(dev, sgt, Direction.DMA_TO_DEVICE, 0, Site.NONE));
        assertEquals(used, k.machine().budget().used(), "budget use");
        assertEquals(dirty, k.machine().cache().dirtyLines(), "dirty lines");
        assertEquals(slots, k.machine().pool().usedSlots(), "swiotlb slots");
        assertEquals(reports, k.reports().size(), "reports");
        assertFalse(sgt.isMapped());
        assertTrue(f.getMessage().startsWith("memory budget exceeded: dma_map_sg of "), f.getMessage());
    }
}
