package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
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

    @Test
    void aStaleReadSaysWhereTheLatestValueIs() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withRam(8L << 30));
        Device nic = StreamingTest.dev(k, "nic", 32, false, 0, false);
        Device dsp = StreamingTest.dev(k, "dsp", 64, false, 0, false);
        // bounced receive read before the sync: the data sits in the slot (kernel/dma/swiotlb.c)
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        rx.setLabel("rx");
        Mapping m = k.dmaMapSingle(nic, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(3));
        m.setLabel("m");
        k.deviceWrite(nic, m, 0, 4 * KiB, StreamingTest.b(0x5A), at(4));
        k.cpuRead(rx, 0, 64, false, at(5));
        assertEquals(List.of("the latest value (0x5a, write by nic at 4:1) sits in swiotlb slot "
                + org.dmasim.engine.Units.hex(((StreamingMapping) m).slot()) + ": only dma_sync_single_for_cpu(nic, m, "
                + "4KiB, DMA_FROM_DEVICE) or the unmap copies it back to rx"), last(k).notes());
        // a CPU write after the map of a transmit buffer: the device reads DRAM, the data is in a dirty line
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(6));
        Mapping t = k.dmaMapSingle(dsp, tx, 0, 4 * KiB, org.dmasim.engine.machine.Direction.DMA_TO_DEVICE, 0, at(7));
        k.cpuWrite(tx, 0, 64, StreamingTest.b(0xCC), at(8));
        k.deviceRead(dsp, t, 0, 64, false, at(9));
        assertEquals(ReportCode.DEVICE_STALE_READ, last(k).code());
        assertTrue(last(k).notes().get(0).startsWith("the latest value (0xcc, CPU write at 8:1) may still be in a "
                + "dirty line of the CPU cache, which dsp does not snoop: only a clean"), last(k).notes().toString());
        // a stale clean line over the device's data in DRAM (missing sync_for_cpu, not bounced)
        Buffer rx2 = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(10));
        Mapping r2 = k.dmaMapSingle(dsp, rx2, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(11));
        k.deviceWrite(dsp, r2, 0, 64, StreamingTest.b(0x77), at(12));
        k.cpuRead(rx2, 0, 64, false, at(13));
        assertEquals(ReportCode.STALE_READ, last(k).code());
        assertTrue(last(k).notes().get(0).startsWith("the latest value (0x77, write by dsp at 12:1) is in DRAM, but "
                + "the CPU cache may still hold the line"), last(k).notes().toString());
    }

    @Test
    void onX86TheLatestValueOfANonSnoopingDeviceIsBehindAClflushNotASync() {
        // arch/x86 selects no ARCH_HAS_SYNC_DMA_FOR_*: dma_sync_* does no cache maintenance
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
        Device gpu = StreamingTest.dev(k, "gpu", 64, false, 0, false);
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping t = k.dmaMapSingle(gpu, tx, 0, 4 * KiB, org.dmasim.engine.machine.Direction.DMA_TO_DEVICE, 0, at(3));
        k.cpuWrite(tx, 0, 64, StreamingTest.b(0xCC), at(4));
        k.deviceRead(gpu, t, 0, 64, false, at(5));
        assertEquals(ReportCode.DEVICE_STALE_READ, last(k).code());
        assertTrue(last(k).notes().get(0).contains("only a clflush of the line writes it to DRAM"),
                last(k).notes().toString());
    }

    private static Report last(Kernel k) {
        return k.reports().get(k.reports().size() - 1);
    }
}
