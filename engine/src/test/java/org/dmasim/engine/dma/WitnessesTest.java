package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/** Witnesses name each byte range's own history, whatever the cache line holds beside it. */
class WitnessesTest {
    static final long KiB = 1024;

    @Test
    void aPartialBounceCopyBackLeavesTheCpuBytesOfTheLineTheirOwnWitness() {
        // kernel/dma/swiotlb.c swiotlb_bounce(): the copy-back covers the mapping's bytes only
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withRam(8L << 30));
        Device nic = StreamingTest.dev(k, "nic", 32, false, 0, false);
        Buffer page = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(4));
        Mapping m = k.dmaMapSingle(nic, page, 0, 32, DMA_FROM_DEVICE, 0, at(6));
        assertTrue(m.bounced());
        k.cpuWrite(page, 32, 32, StreamingTest.b(0xCC), at(7));
        k.deviceWrite(nic, m, 0, 32, StreamingTest.b(0x5A), at(8));
        k.dmaSyncSingleForCpu(nic, m.dmaAddress(), 32, DMA_FROM_DEVICE, at(9));
        ReadResult r = k.cpuRead(page, 0, 64, false, at(10));
        assertTrue(r.isCertain());
        List<Segment> segs = r.segments();
        assertEquals(2, segs.size(), r.toString());
        assertEquals("device write at 8:1, copied back from the bounce slot at 9:1",
                segs.get(0).alternatives().get(0).witness().text());
        assertEquals(32, segs.get(0).length());
        assertEquals("CPU write at 7:1", segs.get(1).alternatives().get(0).witness().text());
    }
}
