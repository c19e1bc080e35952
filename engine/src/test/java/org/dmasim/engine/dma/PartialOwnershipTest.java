package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/**
 * Ownership per synced sub-range: after {@code dma_sync_single_range_for_cpu(dev, addr, off, len,
 * dir)} only that range is the CPU's (include/linux/dma-mapping.h: the range variants sync
 * {@code addr + offset}; Documentation/core-api/dma-api.rst). The igb/ixgbe/i40e receive path
 * (drivers/net/ethernet/intel/igb/igb_main.c igb_get_rx_buffer, igb_build_skb, igb_reuse_rx_page)
 * maps a page DMA_FROM_DEVICE, syncs one half for the CPU, writes skb_shared_info there, and
 * syncs that half back for the device while the device fills the other half.
 */
class PartialOwnershipTest {
    static final byte[] FRAME = {0x5A};
    static final byte[] SHINFO = {0x11};

    static List<ReportCode> codes(Kernel k, int from) {
        return k.reports().subList(from, k.reports().size()).stream().map(Report::code).toList();
    }

    @Test
    void theIgbHalfPageReceiveIsNotAnError() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = k.addDevice(new DeviceConfig("igb", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        Buffer page = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapPage(nic, page, 0, 4096, DMA_FROM_DEVICE, 0, at(3));
        k.dmaMappingError(nic, m.dmaAddress(), at(4));
        k.deviceWrite(nic, m, 0, 2048, FRAME, at(5));
        k.dmaSyncSingleRangeForCpu(nic, m.dmaAddress(), 0, 2048, DMA_FROM_DEVICE, at(6));
        int n = k.reports().size();
        assertTrue(k.cpuRead(page, 0, 1500, false, at(7)).always(FRAME));
        k.cpuWrite(page, 1728, 320, SHINFO, at(8));
        k.deviceWrite(nic, m, 2048, 2048, FRAME, at(9));
        assertEquals(List.of(), codes(k, n), "the CPU's half and the device's half do not meet");

        // the other half is still the device's
        n = k.reports().size();
        k.cpuRead(page, 2048, 64, true, at(10));
        assertEquals(List.of(ReportCode.CPU_ACCESS_DEVICE_OWNED), codes(k, n));

        // igb_reuse_rx_page: dma_sync_single_range_for_device(dev, dma, page_offset, bufsz, DMA_FROM_DEVICE)
        n = k.reports().size();
        k.dmaSyncSingleRangeForDevice(nic, m.dmaAddress(), 0, 2048, DMA_FROM_DEVICE, at(11));
        k.deviceWrite(nic, m, 0, 2048, FRAME, at(12));
        k.dmaUnmapPage(nic, m.dmaAddress(), 4096, DMA_FROM_DEVICE, 0, at(13));
        assertEquals(List.of(), codes(k, n));
        assertTrue(k.cpuRead(page, 0, 4096, false, at(14)).always(FRAME));
    }

    @Test
    void theDeviceWritingTheCpusHalfIsStillReported() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = k.addDevice(new DeviceConfig("igb", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        Buffer page = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapPage(nic, page, 0, 4096, DMA_FROM_DEVICE, 0, at(3));
        k.dmaSyncSingleRangeForCpu(nic, m.dmaAddress(), 0, 2048, DMA_FROM_DEVICE, at(4));
        k.cpuWrite(page, 1728, 320, SHINFO, at(5));
        int n = k.reports().size();
        k.deviceWrite(nic, m, 1024, 2048, FRAME, at(6));
        assertTrue(codes(k, n).contains(ReportCode.DEVICE_ACCESS_CPU_OWNED), codes(k, n).toString());
    }
}
