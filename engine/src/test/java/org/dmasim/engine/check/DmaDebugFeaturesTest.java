package org.dmasim.engine.check;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.TestProfiles;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.VmallocBuffer;
import org.junit.jupiter.api.Test;

/** The dma-debug checks of sg lists, vmalloc, wrong functions and overlaps: code and kernel text. */
class DmaDebugFeaturesTest {
    static Device dev(Kernel k, String name, boolean coherent, boolean iommu) {
        return k.addDevice(new DeviceConfig(name, 64, 64, coherent, iommu, 0, false, false, 0, null, false, "migrate",
                null), at(1));
    }

    static List<Report> during(Kernel k, Runnable action) {
        int n = k.reports().size();
        action.run();
        return k.reports().subList(n, k.reports().size());
    }

    static Report only(List<Report> reports, ReportCode code) {
        List<Report> matching = reports.stream().filter(r -> r.code() == code).toList();
        assertEquals(1, matching.size(), () -> "expected one " + code + " in " + reports);
        assertTrue(!matching.get(0).help().isBlank());
        return matching.get(0);
    }

    @Test
    void sgUnmapWithTheReturnedCount() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device gpu = dev(k, "gpu", false, true);
        SgTable sgt = k.sgTable(k.shmem(16384, Gfp.GFP_HIGHUSER, at(2)), 0, 16384, at(2));
        int n = k.dmaMapSg(gpu, sgt, DMA_TO_DEVICE, 0, at(3));
        assertEquals(1, n); // merged behind the IOMMU
        Report r = only(during(k, () -> k.dmaUnmapSg(gpu, sgt, n, DMA_TO_DEVICE, 0, at(4))),
                ReportCode.DMA_SG_COUNT_MISMATCH);
        assertEquals("DMA-API: gpu: device driver frees DMA sg list with different entry count [map count=4] "
                + "[unmap count=1]", r.message());
        assertEquals(Severity.WARNING, r.severity());
    }

    @Test
    void sgSyncWithTheReturnedCount() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device gpu = dev(k, "gpu", false, true);
        SgTable sgt = k.sgTable(k.shmem(16384, Gfp.GFP_HIGHUSER, at(2)), 0, 16384, at(2));
        k.dmaMapSg(gpu, sgt, DMA_FROM_DEVICE, 0, at(3));
        Report r = only(during(k, () -> k.dmaSyncSgForCpu(gpu, sgt, 1, DMA_FROM_DEVICE, at(4))),
                ReportCode.DMA_SG_COUNT_MISMATCH);
        assertEquals("DMA-API: gpu: device driver syncs DMA sg list with different entry count [map count=4] "
                + "[sync count=1]", r.message());
        assertEquals(List.of(), during(k, () -> k.dmaUnmapSgtable(gpu, sgt, DMA_FROM_DEVICE, 0, at(5))));
    }

    @Test
    void unmapSingleOfAnSgMapping() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, false);
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        SgTable sgt = k.sgTable(b, 0, 4096, at(2));
        assertEquals(1, k.dmaMapSg(nic, sgt, DMA_TO_DEVICE, 0, at(3)));
        Report r = only(during(k, () -> k.dmaUnmapSingle(nic, sgt.dmaAddress(), 4096, DMA_TO_DEVICE, 0, at(4))),
                ReportCode.DMA_UNMAP_TYPE_MISMATCH);
        assertEquals("DMA-API: nic: device driver frees DMA memory with wrong function [device address="
                + String.format("0x%016x", sgt.dmaAddress()) + "] [size=4096 bytes] [mapped as scatter-gather] "
                + "[unmapped as phy]", r.message());
    }

    @Test
    void mapSingleOfVmallocMemoryIsRejected() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, false);
        VmallocBuffer v = k.vmalloc(8192, at(2));
        List<Report> rs = during(k, () -> assertTrue(k.dmaMapSingle(nic, v, 0, 4096, DMA_TO_DEVICE, 0, at(3))
                .failed()));
        // include/linux/dma-mapping.h dma_map_single_attrs(): dev_WARN_ONCE "rejecting DMA map of vmalloc
        // memory" and DMA_MAPPING_ERROR before debug_dma_map_single(), whose vmalloc text never shows
        Report r = only(rs, ReportCode.DMA_MAP_VMALLOC);
        assertEquals("nic: rejecting DMA map of vmalloc memory", r.message());
        // page by page is allowed
        Mapping m = k.dmaMapPage(nic, v, 4096, 4096, DMA_TO_DEVICE, 0, at(4));
        assertTrue(!m.failed());
    }

    @Test
    void overlappingFromDeviceMappingsOnArc() {
        Kernel k = new Kernel(TestProfiles.all().get(3), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, false);
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        k.dmaMapSingle(nic, b, 0, 32, DMA_FROM_DEVICE, 0, at(3));
        Report r = only(during(k, () -> k.dmaMapSingle(nic, b, 32, 32, DMA_FROM_DEVICE, 0, at(4))),
                ReportCode.DMA_OVERLAP);
        assertEquals("DMA-API: nic: cacheline tracking EEXIST, overlapping mappings aren't supported", r.message());
    }

    @Test
    void smallFromDeviceBuffersBounceOnArm64() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, false);
        Buffer obj = k.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.dmaMapSingle(nic, obj, 0, 32, DMA_FROM_DEVICE, 0, at(3)).bounced());
        assertTrue(!k.dmaMapSingle(nic, obj, 0, 32, DMA_TO_DEVICE, 0, at(4)).bounced());
        Buffer big = k.kmalloc(256, Gfp.GFP_KERNEL, at(5));
        assertTrue(!k.dmaMapSingle(nic, big, 0, 256, DMA_FROM_DEVICE, 0, at(6)).bounced());
        Buffer line = k.kmalloc(64, Gfp.GFP_KERNEL, at(7));
        assertTrue(!k.dmaMapSingle(nic, line, 0, 64, DMA_FROM_DEVICE, 0, at(8)).bounced());
    }

    @Test
    void coherentMemoryIntoTheStreamingApi() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, false);
        CoherentAllocation c = k.dmaAllocAttrs(nic, 4096, 0, at(2));
        SgTable sgt = k.dmaGetSgtable(nic, c, at(3));
        Report r = only(during(k, () -> k.dmaMapSgtable(nic, sgt, DMA_TO_DEVICE, 0, at(4))),
                ReportCode.DMA_MAP_COHERENT_MEMORY);
        assertEquals(Severity.WARNING, r.severity());
        assertTrue(r.message().contains("Passing coherent DMA memory into the streaming APIs is not allowed"));
    }
}
