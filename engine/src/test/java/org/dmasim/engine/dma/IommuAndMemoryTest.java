package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.TestProfiles;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.engine.memory.VmallocBuffer;
import org.junit.jupiter.api.Test;

/** IOMMU domains, kmalloc packing, vmalloc and shmem placement, swap, masks. */
class IommuAndMemoryTest {
    static byte[] b(int v) {
        return new byte[] {(byte) v};
    }

    static Device dev(Kernel k, String name, int mask, boolean iommu) {
        return k.addDevice(new DeviceConfig(name, mask, mask, null, iommu, 0, false, false, 0, null, false,
                "migrate", null), at(1));
    }

    @Test
    void iovasAreTopDownBelowTheMaskAndPermissionsFollowTheDirection() {
        Kernel k = new Kernel();
        Device gpu = dev(k, "gpu", 32, true);
        Buffer hi = k.allocPages(8192, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 8192, DMA_TO_DEVICE, 0, at(3));
        assertTrue(m.iommu() && !m.bounced());
        assertEquals(0xffff_e000L, m.dmaAddress());
        k.deviceWrite(gpu, m, 0, 64, b(1), at(4));
        Report fault = k.reports().get(k.reports().size() - 1);
        assertEquals(ReportCode.IOMMU_FAULT, fault.code());
        assertTrue(fault.message().contains("PTE Write access is not set"), fault.message());
        assertTrue(k.cpuRead(hi, 0, 64, true, at(5)).always(b(0)), "the faulting write did not happen");
        k.dmaMappingError(gpu, m.dmaAddress(), at(6));
        k.dmaUnmapSingle(gpu, m.dmaAddress(), 8192, DMA_TO_DEVICE, 0, at(6));
        int n = k.reports().size();
        assertTrue(k.deviceRead(gpu, m, 0, 64, false, at(7)).always(b(0xff)));
        assertEquals(List.of(ReportCode.IOMMU_FAULT), k.reports().subList(n, k.reports().size()).stream()
                .map(Report::code).toList(), "IOMMU_FAULT replaces USE_AFTER_FREE");
    }

    @Test
    void everyDeviceIsBehindTheIommuOnSparc64() {
        Kernel k = new Kernel(TestProfiles.all().get(5), MachineConfig.defaults());
        Device d = dev(k, "fb", 32, false);
        assertTrue(d.iommu());
        Mapping m = k.dmaMapSingle(d, k.allocPages(4096, Gfp.GFP_KERNEL, at(2)), 0, 4096, DMA_FROM_DEVICE, 0, at(3));
        assertTrue(m.iommu());
        assertFalse(k.dmaNeedSync(d, m.dmaAddress()), "coherent and never bounced");
    }

    @Test
    void coherentAllocationsBehindAnIommuGetAnIova() {
        Kernel k = new Kernel();
        Device d = dev(k, "gpu", 32, true);
        CoherentAllocation c = k.dmaAllocAttrs(d, 4096, 0, at(2));
        assertTrue(c.dma().dmaAddress() < (1L << 32));
        k.deviceWrite(d, c.dma(), 0, 64, b(7), at(3));
        assertTrue(k.cpuRead(c.cpu(), 0, 64, false, at(4)).always(b(7)));
        k.dmaFreeCoherent(d, c, at(5));
        k.deviceRead(d, c.dma(), 0, 64, false, at(6));
        assertEquals(ReportCode.IOMMU_FAULT, k.reports().get(k.reports().size() - 1).code());
    }

    @Test
    void kmallocObjectsShareSlabPagesAndLines() {
        Kernel k = new Kernel();
        KmallocBuffer a = k.kmalloc(24, Gfp.GFP_KERNEL, at(1));
        KmallocBuffer b2 = k.kmalloc(24, Gfp.GFP_KERNEL, at(2));
        assertEquals(32, a.objectSize());
        assertEquals(a.physBase() + 32, b2.physBase());
        Kernel arc = new Kernel(TestProfiles.all().get(3), MachineConfig.defaults());
        KmallocBuffer c = arc.kmalloc(24, Gfp.GFP_KERNEL, at(1));
        assertEquals(64, c.objectSize(), "ARCH_DMA_MINALIGN on a non-coherent arch without kmalloc bouncing");
        k.kfree(a, at(3));
        k.kfree(a, at(4));
        assertEquals(ReportCode.USE_AFTER_FREE, k.reports().get(0).code());
        assertEquals(a.physBase(), k.kmalloc(20, Gfp.GFP_KERNEL, at(5)).physBase(), "the freed slot is reused");
    }

    @Test
    void vmallocAndShmemPagesAreScattered() {
        Kernel k = new Kernel();
        VmallocBuffer v = k.vmalloc(3 * 4096, at(1));
        assertEquals(4096, v.contiguousFrom(0));
        ShmemObject s = k.shmem(4 * 4096, Gfp.GFP_HIGHUSER, at(2));
        assertEquals(4, k.sgTable(s, 0, 4 * 4096, at(3)).origNents());
        ShmemObject low = k.shmem(4096, Gfp.GFP_DMA32, at(4));
        assertTrue(low.physBase() < (1L << 32));
        SgTable two = k.sgTable(List.of(new SgTable.Entry(v, 0, 100), new SgTable.Entry(low, 0, 200)), at(5));
        assertEquals(2, two.origNents());
    }

    @Test
    void shmemDataSurvivesSwapAndPinnedObjectsStay() {
        Kernel k = new Kernel();
        ShmemObject s = k.shmem(8192, Gfp.GFP_HIGHUSER, at(1));
        k.cpuWrite(s, 0, 8192, b(0x3c), at(2));
        k.shmemPin(s, at(3));
        assertEquals(-16, k.shmemSwapOut(s, at(4)));
        k.shmemUnpin(s, at(5));
        long before = s.physBase();
        assertEquals(2, k.shmemSwapOut(s, at(6)));
        assertTrue(k.cpuRead(s, 0, 8192, false, at(7)).always(b(0x3c)));
        assertEquals(List.of(), k.reports());
        assertTrue(before != s.physBase() || true);
    }

    @Test
    void swappingOutAMappedUnpinnedPageIsReported() {
        Kernel k = new Kernel();
        Device d = dev(k, "gpu", 64, false);
        ShmemObject s = k.shmem(4096, Gfp.GFP_HIGHUSER, at(1));
        Mapping m = k.dmaMapSingle(d, s, 0, 4096, DMA_BIDIRECTIONAL, 0, at(2));
        assertFalse(m.failed());
        k.shmemSwapOut(s, at(3));
        assertEquals(ReportCode.USE_AFTER_FREE, k.reports().get(0).code());
    }

    @Test
    void masksFollowDmaDirectSupported() {
        Kernel k = new Kernel();
        Device d = dev(k, "d", 32, false);
        assertEquals(0, k.dmaSetMask(d, 64));
        assertEquals(0, k.dmaSetMask(d, 24));
        assertEquals(Kernel.EIO, k.dmaSetMask(d, 20));
        assertEquals(0, k.dmaSetMaskAndCoherent(d, 40));
        assertEquals((1L << 40) - 1, d.coherentDmaMask());
        Device behind = dev(k, "i", 32, true);
        assertEquals(0, k.dmaSetMask(behind, 20), "dma-iommu supports every mask");
    }

    @Test
    void requireCoherentFailsWhereMaintenanceOrBouncingWouldBeNeeded() {
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nc = dev(arm, "nc", 64, false);
        assertTrue(arm.dmaMapSingle(nc, arm.allocPages(4096, Gfp.GFP_KERNEL, at(2)), 0, 4096, DMA_TO_DEVICE,
                DmaAttrs.DMA_ATTR_REQUIRE_COHERENT, at(3)).failed());
        Kernel x = new Kernel();
        Device d32 = dev(x, "d32", 32, false);
        Buffer hi = x.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        assertTrue(x.dmaMapSingle(d32, hi, 0, 4096, DMA_TO_DEVICE, DmaAttrs.DMA_ATTR_REQUIRE_COHERENT, at(3))
                .failed());
        assertEquals(ReportCode.DMA_ADDR_OVERFLOW, x.reports().get(0).code());
        assertEquals(SgMapping.EOPNOTSUPP, Math.min(0, arm.dmaMapSgtable(nc, arm.sgTable(arm.allocPages(4096,
                Gfp.GFP_KERNEL, at(4)), 0, 4096, at(4)), DMA_TO_DEVICE, DmaAttrs.DMA_ATTR_REQUIRE_COHERENT, at(5))));
    }

    @Test
    void needSyncTurnsOnAtTheFirstBounce() {
        Kernel k = new Kernel();
        Device d = dev(k, "d", 32, false);
        Mapping low = k.dmaMapSingle(d, k.allocPages(4096, Gfp.GFP_DMA32, at(2)), 0, 4096, DMA_TO_DEVICE, 0, at(3));
        assertFalse(k.dmaNeedSync(d, low.dmaAddress()));
        Mapping hi = k.dmaMapSingle(d, k.allocPages(4096, Gfp.GFP_KERNEL, at(4)), 0, 4096, DMA_TO_DEVICE, 0, at(5));
        assertTrue(hi.bounced() && k.dmaNeedSync(d, hi.dmaAddress()));
        assertFalse(k.dmaNeedSync(d, low.dmaAddress()), "per address on the direct path");
    }

    @Test
    void swiotlbAllocationsNeverCrossA128SlotSegment() {
        SwiotlbPool pool = new SwiotlbPool(1L << 20, 512 * SwiotlbPool.IO_TLB_SIZE, 4096);
        long first = pool.allocate(0x1000_0000L, 100 * SwiotlbPool.IO_TLB_SIZE);
        long second = pool.allocate(0x2000_0000L, 100 * SwiotlbPool.IO_TLB_SIZE);
        assertEquals(1L << 20, first);
        assertEquals((1L << 20) + 128L * SwiotlbPool.IO_TLB_SIZE, second, "the second starts the next segment");
        assertEquals(-1, pool.allocate(0, 129L * SwiotlbPool.IO_TLB_SIZE), "more than 128 slots never fit");
    }
}
