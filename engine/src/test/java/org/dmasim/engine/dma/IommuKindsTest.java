package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.TestProfiles;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.ArchTraits;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.IommuKind;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/**
 * IOMMU permissions and faults per IOMMU kind (drivers/iommu/dma-iommu.c dma_info_to_prot and
 * each page-table format), and the sparc64 sun4u IOMMU's streaming buffer and dummy page
 * (arch/sparc/kernel/iommu.c dma_4u_map_page, strbuf_flush, iopte_make_dummy).
 */
class IommuKindsTest {
    static final byte[] DATA = {0x5A};

    static ArchProfile sparc(IommuKind kind, boolean stc) {
        ArchProfile p = TestProfiles.all().stream().filter(x -> x.name().equals("sparc64")).findFirst().orElseThrow();
        return new ArchProfile(kind == IommuKind.SUN4U ? "sparc64_sun4u" : "sparc64", p.cacheLine(), p.pageSize(),
                p.zoneDmaLimit(), p.coherentDefault(), p.speculativePrefetch(), p.forDevice(), p.forCpu(),
                p.prepCoherent(), p.invalEdges(), false, true, false, true, new ArchTraits(0, 1, kind, stc, false));
    }

    static Device dev(Kernel k) {
        return k.addDevice(new DeviceConfig("gpu", 64, 64, null, true, 0, false, false, 0, null, false, "migrate",
                null), at(1));
    }

    static List<Report> during(Kernel k, Runnable r) {
        int n = k.reports().size();
        r.run();
        return k.reports().subList(n, k.reports().size());
    }

    @Test
    void onlyVtdMapsFromDeviceWriteOnly() {
        for (ArchProfile p : List.of(ArchProfile.x86_64(), ArchProfile.arm64(), sparc(IommuKind.SUN4V, false))) {
            Kernel k = new Kernel(p, MachineConfig.defaults());
            Device d = dev(k);
            Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
            Mapping m = k.dmaMapSingle(d, b, 0, 4096, DMA_FROM_DEVICE, 0, at(3));
            List<Report> rs = during(k, () -> k.deviceRead(d, m, 0, 64, true, at(4)));
            boolean faulted = rs.stream().anyMatch(r -> r.code() == ReportCode.IOMMU_FAULT);
            assertEquals(p.name().equals("x86_64"), faulted, p.name() + ": " + rs);
            if (faulted) {
                assertEquals("gpu: DMAR: [DMA Read NO_PASID] Request device [gpu] fault addr 0xffff_f000 "
                        + "[fault reason 0x06] PTE Read access is not set (" + b.label() + ")", rs.get(0).message());
            }
        }
    }

    @Test
    void eachIommuPrintsItsOwnFault() {
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device d = dev(arm);
        Buffer b = arm.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Mapping m = arm.dmaMapSingle(d, b, 0, 4096, DMA_TO_DEVICE, 0, at(3));
        Report r = during(arm, () -> arm.deviceWrite(d, m, 0, 4, DATA, at(4))).get(0);
        assertTrue(r.message().startsWith("gpu: arm-smmu: Unhandled context fault: fsr=0x8, iova="), r.message());

        Kernel u = new Kernel(sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Device ud = dev(u);
        Mapping um = u.dmaMapSingle(ud, u.allocPages(4096, Gfp.GFP_KERNEL, at(2)), 0, 4096, DMA_TO_DEVICE, 0, at(3));
        r = during(u, () -> u.deviceWrite(ud, um, 0, 4, DATA, at(4))).get(0);
        assertTrue(r.message().startsWith("gpu: pci_pbm: IOMMU Error, type[Protection Error]"), r.message());
    }

    @Test
    void sun4uHoldsDeviceWritesInTheStreamingBufferUntilSyncForCpu() {
        Kernel k = new Kernel(sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Device d = dev(k);
        Buffer b = k.allocPages(8192, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, b, 0, 8192, DMA_FROM_DEVICE, 0, at(3));
        k.deviceWrite(d, m, 0, 8192, DATA, at(4));
        // the device sees its own writes
        assertTrue(k.deviceRead(d, m, 0, 64, true, at(5)).always(DATA));
        // memory, and so the CPU, does not until strbuf_flush
        List<Report> rs = during(k, () -> {
            ReadResult r = k.cpuRead(b, 0, 64, false, at(6));
            assertFalse(r.sometimes(DATA));
        });
        assertTrue(rs.stream().anyMatch(x -> x.code() == ReportCode.STALE_READ), rs.toString());
        // a sync of the first page flushes that page only
        k.dmaSyncSingleForCpu(d, m.dmaAddress(), 4096, DMA_FROM_DEVICE, at(7));
        assertTrue(k.cpuRead(b, 0, 4096, true, at(8)).always(DATA));
        assertFalse(k.cpuRead(b, 4096, 64, true, at(9)).sometimes(DATA));
        k.dmaUnmapSingle(d, m.dmaAddress(), 8192, DMA_FROM_DEVICE, 0, at(10));
        assertTrue(k.cpuRead(b, 4096, 4096, true, at(11)).always(DATA));
    }

    @Test
    void sun4uStaleIovasReachTheDummyPageWithoutAFault() {
        Kernel k = new Kernel(sparc(IommuKind.SUN4U, true), MachineConfig.defaults());
        Device d = dev(k);
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        k.cpuWrite(b, 0, 4096, new byte[] {0x11}, at(3));
        Mapping m = k.dmaMapSingle(d, b, 0, 4096, DMA_FROM_DEVICE, 0, at(4));
        k.dmaUnmapSingle(d, m.dmaAddress(), 4096, DMA_FROM_DEVICE, 0, at(5));
        List<Report> rs = during(k, () -> k.deviceWrite(d, m, 0, 16, DATA, at(6)));
        assertEquals(List.of(ReportCode.USE_AFTER_FREE), rs.stream().map(Report::code).toList());
        assertTrue(rs.get(0).message().contains("dummy page"), rs.get(0).message());
        assertTrue(k.cpuRead(b, 0, 16, true, at(7)).always(new byte[] {0x11}), "the buffer is untouched");
        assertTrue(k.deviceRead(d, m, 0, 16, true, at(8)).always(DATA), "the dummy page took the write");
    }
}
