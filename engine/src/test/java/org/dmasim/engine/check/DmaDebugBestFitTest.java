package org.dmasim.engine.check;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.DmaParms;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/**
 * kernel/dma/debug.c as it finds entries and prints errors: {@code __hash_bucket_find}'s best
 * fit, {@code check_sync}'s whole-range containment, {@code show_num_errors}, the sg entry
 * count per segment, {@code get_nr_mapped_entries} and {@code check_sg_segment}.
 */
class DmaDebugBestFitTest {
    static Device dev(Kernel k, String name, boolean iommu, DmaParms parms) {
        return k.addDevice(new DeviceConfig(name, 64, 64, false, iommu, 0, false, false, 0, null, false, "migrate",
                null, parms), at(1));
    }

    static List<Report> during(Kernel k, Runnable action) {
        int n = k.reports().size();
        action.run();
        return k.reports().subList(n, k.reports().size());
    }

    static List<ReportCode> codes(List<Report> rs) {
        return rs.stream().map(Report::code).toList();
    }

    @Test
    void twoMappingsOfOneAddressAndAnUnmapThatFitsNeitherFindsNothing() {
        // __hash_bucket_find: several matches of (dev, dev_addr) and no perfect fit (size, type,
        // direction, sg_call_ents) return NULL: check_unmap says "has not allocated"
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Mapping tx = k.dmaMapSingle(nic, b, 0, 4096, DMA_TO_DEVICE, 0, at(3));
        Mapping rx = k.dmaMapSingle(nic, b, 0, 2048, DMA_FROM_DEVICE, 0, at(4));
        assertEquals(tx.dmaAddress(), rx.dmaAddress());
        List<Report> rs = during(k, () -> k.dmaUnmapSingle(nic, tx.dmaAddress(), 1024, DMA_TO_DEVICE, 0, at(5)));
        assertEquals(List.of(ReportCode.DMA_FREE_NOT_ALLOCATED), codes(rs));
        assertTrue(rs.get(0).help().contains("best fit"), rs.get(0).help());
        // a perfect fit is found among several
        rs = during(k, () -> {
            k.dmaMappingError(nic, tx.dmaAddress(), at(6));
            k.dmaMappingError(nic, rx.dmaAddress(), at(6));
            k.dmaUnmapSingle(nic, rx.dmaAddress(), 2048, DMA_FROM_DEVICE, 0, at(7));
        });
        assertEquals(List.of(), codes(rs));
        // one match left: it is taken even with a wrong size
        rs = during(k, () -> k.dmaUnmapSingle(nic, tx.dmaAddress(), 1024, DMA_TO_DEVICE, 0, at(8)));
        assertEquals(List.of(ReportCode.DMA_UNMAP_SIZE_MISMATCH), codes(rs));
    }

    @Test
    void aSingleSyncNeverFitsPerfectlySoTwoHoldersHideEachOther() {
        // debug_dma_sync_single_for_cpu builds its ref with type dma_debug_single, the entries are
        // dma_debug_phy: two containing entries in one bucket and no perfect fit make check_sync
        // look in the buckets below, and none holds the range: "has not allocated"
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Mapping a = k.dmaMapSingle(nic, b, 0, 4096, DMA_FROM_DEVICE, 0, at(3));
        k.dmaMapSingle(nic, b, 0, 4096, DMA_FROM_DEVICE, 0, at(4));
        List<Report> rs = during(k, () -> k.dmaSyncSingleForCpu(nic, a.dmaAddress(), 64, DMA_FROM_DEVICE, at(5)));
        assertEquals(List.of(ReportCode.DMA_SYNC_NOT_ALLOCATED), codes(rs));
    }

    @Test
    void onlyTheFirstErrorIsPrinted() {
        // debug.c err_printk: error_count += 1; printed only while show_num_errors > 0 (it starts at 1)
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        k.dmaUnmapSingle(nic, 0x1000, 64, DMA_TO_DEVICE, 0, at(2));
        k.dmaUnmapSingle(nic, 0x2000, 64, DMA_TO_DEVICE, 0, at(3));
        List<Report> rs = k.reports();
        assertEquals(2, rs.size());
        assertEquals(List.of(), rs.get(0).notes());
        assertEquals(1, rs.get(1).notes().size());
        assertTrue(rs.get(1).notes().get(0).contains("error 2 in dma-api/error_count"), rs.get(1).notes().get(0));
        assertEquals(2, k.machine().debug().errorCount());
    }

    @Test
    void theSgCountIsCheckedForEverySegment() {
        // check_unmap runs once per element with ref->sg_call_ents = nelems: each segment mismatches
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        Buffer a = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Buffer c = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        SgTable sgt = k.sgTable(List.of(new SgTable.Entry(a, 0, 4096), new SgTable.Entry(b, 0, 4096),
                new SgTable.Entry(c, 0, 4096)), at(3));
        assertEquals(3, k.dmaMapSg(nic, sgt, DMA_TO_DEVICE, 0, at(4)));
        List<Report> rs = during(k, () -> k.dmaUnmapSg(nic, sgt, 2, DMA_TO_DEVICE, 0, at(5)));
        assertEquals(List.of(ReportCode.DMA_SG_COUNT_MISMATCH, ReportCode.DMA_SG_COUNT_MISMATCH), codes(rs));
    }

    @Test
    void syncingAnUnmappedSgListChecksNothing() {
        // debug_dma_sync_sg_for_cpu: mapped_ents = get_nr_mapped_entries() of the first element is 0
        // when its entry is gone, and "if (i >= mapped_ents) break" stops before any check_sync
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        SgTable sgt = k.sgTable(k.allocPages(8192, Gfp.GFP_KERNEL, at(2)), 0, 8192, at(2));
        k.dmaMapSgtable(nic, sgt, DMA_FROM_DEVICE, 0, at(3));
        k.dmaUnmapSgtable(nic, sgt, DMA_FROM_DEVICE, 0, at(4));
        assertEquals(List.of(), codes(during(k, () -> k.dmaSyncSgForCpu(nic, sgt, 1, DMA_FROM_DEVICE, at(5)))));
        // a second unmap does check every element: "has not allocated"
        assertEquals(List.of(ReportCode.DMA_FREE_NOT_ALLOCATED),
                codes(during(k, () -> k.dmaUnmapSgtable(nic, sgt, DMA_FROM_DEVICE, 0, at(6)))));
    }

    @Test
    void sgSegmentsLongerThanTheDeviceTakesAndAcrossItsBoundary() {
        // check_sg_segment: sg->length > dma_get_max_seg_size() (SZ_64K unless set), and a DMA segment
        // with (start ^ end) & ~dma_get_seg_boundary()
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = dev(k, "nic", false, DmaParms.defaults());
        SgTable big = k.sgTable(k.allocPages(128 << 10, Gfp.GFP_KERNEL, at(2)), 0, 128 << 10, at(2));
        List<Report> rs = during(k, () -> k.dmaMapSgtable(nic, big, DMA_TO_DEVICE, 0, at(3)));
        assertEquals(List.of(ReportCode.DMA_SG_SEGMENT_TOO_LONG), codes(rs));
        assertEquals("DMA-API: nic: mapping sg segment longer than device claims to support [len=131072] "
                + "[max=65536]", rs.get(0).message());

        Device dsp = dev(k, "dsp", false, new DmaParms(1L << 20, 0xffff, 0, 0));
        Buffer buf = k.allocPages(128 << 10, Gfp.GFP_KERNEL, at(4));
        long boundary = (buf.physBase() + 0x10000) & ~0xffffL;
        SgTable across = k.sgTable(buf, boundary - buf.physBase() - 0x800, 0x1000, at(4));
        rs = during(k, () -> k.dmaMapSgtable(dsp, across, DMA_TO_DEVICE, 0, at(5)));
        assertEquals(List.of(ReportCode.DMA_SG_SEGMENT_BOUNDARY), codes(rs));
        assertTrue(rs.get(0).message().endsWith("[boundary=0x000000000000ffff]"), rs.get(0).message());
    }
}
