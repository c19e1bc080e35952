package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.IommuKind;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.VmallocBuffer;
import org.junit.jupiter.api.Test;

/**
 * What the memory budget did not charge, and per-byte or per-entry loops that did not beat the
 * pulse: the sun4u streaming buffer's held copies of device writes, the dummy page, the entries of
 * sg tables and the bookkeeping of live mappings.
 */
class HeldBytesBudgetTest {
    private static final long MiB = 1 << 20;

    private static final class Beats implements org.dmasim.engine.Pulse {
        long n;

        @Override
        public void beat() {
            n++;
        }
    }

    @Test
    void aCpuAccessBeatsOncePerLiveMappingItChecks() {
        // found by fuzzing (campaign seed 2026120504): a loop mapped one buffer 100,000 times and
        // never unmapped; one read then checked (and reported) every mapping, 1.4 s past a 1 s limit
        Kernel k = new Kernel(IommuKindsTest.sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Device d = IommuKindsTest.dev(k);
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        for (int i = 0; i < 1000; i++) {
            k.dmaMapSingle(d, b, 0, 64, DMA_FROM_DEVICE, 0, at(3));
        }
        Beats beats = new Beats();
        k.setPulse(beats);
        k.cpuRead(b, 0, 8, false, at(4));
        assertTrue(beats.n >= 1000, beats.n + " beats");
    }

    @Test
    void theStreamingBufferChargesWhatItHoldsUntilTheFlush() {
        Kernel k = new Kernel(IommuKindsTest.sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Beats beats = new Beats();
        k.setPulse(beats);
        Device d = IommuKindsTest.dev(k);
        Buffer b = k.allocPages(MiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, b, 0, MiB, DMA_FROM_DEVICE, 0, at(3));
        long before = k.machine().budget().used();
        long beatsBefore = beats.n;
        k.deviceWrite(d, m, 0, MiB, new byte[] {1, 2, 3}, at(4));
        assertTrue(beats.n - beatsBefore >= MiB / 4096, "a beat per 4 KiB held: " + (beats.n - beatsBefore));
        long held = k.machine().budget().used() - before;
        assertTrue(held >= 2 * MiB, "the held copy and the shadow: " + held);
        assertTrue(k.deviceRead(d, m, 0, 6, true, at(5)).always(new byte[] {1, 2, 3, 1, 2, 3}));
        k.dmaUnmapSingle(d, m.dmaAddress(), MiB, DMA_FROM_DEVICE, 0, at(6));
        // the flush wrote the held bytes to memory (charged there) and let the held copy go
        long after = k.machine().budget().used() - before;
        assertTrue(after < held, "after the flush " + after + " of " + held);
        assertTrue(k.cpuRead(b, MiB - 3, 3, true, at(7)).always(new byte[] {2, 3, 1}));
    }

    @Test
    void aHeldWriteOverTheBudgetChangesNothing() {
        Kernel k = new Kernel(IommuKindsTest.sparc(IommuKind.SUN4U, true),
                MachineConfig.defaults().withMemoryBudget(3 * MiB));
        Device d = IommuKindsTest.dev(k);
        Buffer b = k.allocPages(2 * MiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, b, 0, 2 * MiB, DMA_FROM_DEVICE, 0, at(3));
        long used = k.machine().budget().used();
        int reports = k.reports().size();
        ScriptFault f = assertThrows(ScriptFault.class, () -> k.deviceWrite(d, m, 0, 2 * MiB, new byte[] {9}, at(4)));
        assertTrue(f.getMessage().startsWith("memory budget exceeded: a 2MiB device write"), f.getMessage());
        assertEquals(used, k.machine().budget().used());
        assertEquals(reports, k.reports().size());
        assertTrue(k.deviceRead(d, m, 0, 16, true, at(5)).always(new byte[] {0}));
    }

    @Test
    void theDummyPageBeatsAPagePerPage() {
        Kernel k = new Kernel(IommuKindsTest.sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Beats beats = new Beats();
        k.setPulse(beats);
        Device d = IommuKindsTest.dev(k);
        Buffer b = k.allocPages(MiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, b, 0, MiB, DMA_FROM_DEVICE, 0, at(3));
        k.dmaUnmapSingle(d, m.dmaAddress(), MiB, DMA_FROM_DEVICE, 0, at(4));
        k.deviceWrite(d, m, 0, MiB, new byte[] {4, 5}, at(5));
        long from = beats.n;
        var r = k.deviceRead(d, m, 0, MiB, true, at(6));
        // one tile of the dummy page's bytes, ReadResult.CHUNK long, built a page at a time and shared
        // by every segment: a beat per page of it and one per segment
        assertTrue(beats.n - from >= org.dmasim.engine.cache.ReadResult.CHUNK / 8192 + MiB / org.dmasim.engine.cache.ReadResult.CHUNK,
                "beats " + (beats.n - from));
        assertTrue(r.always(new byte[] {4, 5}), "the page holds the write's last page");
    }

    @Test
    void sgEntriesAndLiveMappingsMeetTheBudget() {
        // 4096 pages of a scattered buffer: its table's entries fit; mapping them charges each
        Kernel k = new Kernel(org.dmasim.engine.machine.ArchProfile.x86_64(),
                MachineConfig.defaults().withMemoryBudget(64 * MiB));
        Device d = k.addDevice(new org.dmasim.engine.machine.DeviceConfig("nic", 64, 64, true, false, 0, false,
                false, 0, null, false, "migrate", null), at(1));
        VmallocBuffer v = k.vmalloc(16 * MiB, at(2));
        SgTable sgt = k.sgTable(v, 0, v.size(), at(3));
        assertEquals(4096, sgt.origNents());
        long used = k.machine().budget().used();
        k.dmaMapSg(d, sgt, DMA_FROM_DEVICE, 0, at(4));
        assertEquals(4096 * DirectMapping.MAPPING_COST, k.machine().budget().used() - used);
        k.dmaUnmapSg(d, sgt, sgt.origNents(), DMA_FROM_DEVICE, 0, at(5));
        assertEquals(used, k.machine().budget().used());

        // a budget too small for the entries of a scattered table: the budget's error, not the heap's
        Kernel small = new Kernel(org.dmasim.engine.machine.ArchProfile.x86_64(),
                MachineConfig.defaults().withMemoryBudget(256 * 1024));
        VmallocBuffer big = small.vmalloc(64 * MiB, at(2));
        ScriptFault f = assertThrows(ScriptFault.class, () -> small.sgTable(big, 0, big.size(), at(3)));
        assertTrue(f.getMessage().contains("an sg table of"), f.getMessage());
        List<SgTable.Entry> parts = new ArrayList<>();
        parts.add(new SgTable.Entry(big, 0, big.size()));
        assertThrows(ScriptFault.class, () -> small.sgTable(parts, at(4)));
    }
}
