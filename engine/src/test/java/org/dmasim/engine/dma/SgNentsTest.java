package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.ShmemObject;
import org.junit.jupiter.api.Test;

/**
 * Scatter-gather syncs and unmaps walk only the entries they are given: {@code for_each_sg(sgl,
 * sg, nelems, i)} in dma_direct_sync_sg_for_cpu and iommu_dma_sync_sg_for_cpu (kernel/dma/direct.c,
 * drivers/iommu/dma-iommu.c). Passing the count dma_map_sg returned for a merged list syncs the
 * first CPU entry only.
 */
class SgNentsTest {
    static final byte[] FIVE_A = {0x5A};

    @Test
    void syncWithTheReturnedCountLeavesTheOtherEntriesStale() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device gpu = k.addDevice(new DeviceConfig("gpu", 64, 64, false, true, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        ShmemObject bo = k.shmem(16384, Gfp.GFP_HIGHUSER, at(2));
        SgTable sgt = k.sgTable(bo, 0, 16384, at(2));
        k.cpuWrite(bo, 0, 16384, new byte[] {0}, at(3));
        int n = k.dmaMapSg(gpu, sgt, DMA_FROM_DEVICE, 0, at(4));
        assertEquals(1, n);
        assertEquals(4, sgt.origNents());
        k.deviceWrite(gpu, sgt, 0, 16384, FIVE_A, at(5));
        int before = k.reports().size();
        k.dmaSyncSgForCpu(gpu, sgt, n, DMA_FROM_DEVICE, at(6));
        // dma-debug: one segment checked, with the wrong count
        assertEquals(List.of(ReportCode.DMA_SG_COUNT_MISMATCH),
                k.reports().subList(before, k.reports().size()).stream().map(Report::code).toList());
        long first = sgt.entries().get(0).offset();
        long third = sgt.entries().get(2).offset();
        assertTrue(k.cpuRead(bo, first, 4096, true, at(7)).always(FIVE_A));
        var rest = k.cpuRead(bo, third, 4096, true, at(8));
        assertTrue(rest.sometimes(FIVE_A));
        assertFalse(rest.always(FIVE_A), "the third entry was not invalidated: a prefetched line may be stale");
        // the unsynced entries are still the device's
        before = k.reports().size();
        k.cpuRead(bo, third, 64, true, at(9));
        assertTrue(k.reports().subList(before, k.reports().size()).stream()
                .anyMatch(r -> r.code() == ReportCode.CPU_ACCESS_DEVICE_OWNED));
        // with orig_nents every entry is synced
        k.dmaSyncSgForCpu(gpu, sgt, sgt.origNents(), DMA_FROM_DEVICE, at(10));
        assertTrue(k.cpuRead(bo, third, 4096, true, at(11)).always(FIVE_A));
    }
}
