package org.dmasim.engine.dmabuf;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.ShmemObject;
import org.junit.jupiter.api.Test;

/**
 * drivers/dma-buf/heaps/cma_heap.c (one contiguous CMA run, otherwise the system heap's ops) and
 * drivers/dma-buf/udmabuf.c (UDMABUF_CREATE's checks; begin/end_cpu_udmabuf sync the misc device,
 * the first begin only maps it, end before begin is -EINVAL).
 */
class UdmabufAndCmaHeapTest {
    private final Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
    private final DmaBufLayer layer = k.dmaBuf();
    private final Device isp = k.addDevice(new DeviceConfig("isp", 64, 64, false, false, 0, false, false, 0, null,
            false, "migrate", null), at(1));

    private List<ReportCode> codes() {
        return k.reports().stream().map(Report::code).toList();
    }

    @Test
    void theCmaHeapHandsOutOneContiguousRunBelow4GiB() {
        DmaBuf b = layer.dmaHeapAlloc(8 << 20, "default_cma_region", at(2));
        HeapBuffer pages = (HeapBuffer) b.backing();
        assertEquals(1, pages.chunks().size());
        assertEquals(8 << 20, pages.contiguousFrom(0));
        assertTrue(pages.physBase() + (8 << 20) <= 1L << 32);
        assertEquals("cma_heap", b.exporter().name());
        assertThrows(ScriptFault.class, () -> layer.dmaHeapAlloc(4096, "reserved", at(3)));
    }

    @Test
    void udmabufCreateRefusesWhatTheKernelRefuses() {
        ShmemObject memfd = k.shmem(64 << 10, Gfp.GFP_HIGHUSER, at(2));
        assertEquals(Errno.EINVAL, layer.udmabufCreate(memfd, 100, 4096, at(3)).errno());
        assertEquals(Errno.EINVAL, layer.udmabufCreate(memfd, 0, 128 << 10, at(4)).errno());
        assertEquals(List.of(ReportCode.DMABUF_EINVAL, ReportCode.DMABUF_EINVAL), codes());
        DmaBuf b = layer.udmabufCreate(memfd, 4096, 8192, at(5)).value();
        assertEquals(8192, b.size());
        assertEquals(memfd.phys(4096), b.backing().phys(0));
        assertEquals(1, memfd.pins());
        layer.dmaBufPut(b, at(6));
        assertEquals(0, memfd.pins());
    }

    @Test
    void theFirstStartOnlyCleansAndEndBeforeStartIsEinval() {
        ShmemObject memfd = k.shmem(4096, Gfp.GFP_HIGHUSER, at(2));
        DmaBuf b = layer.udmabufCreate(memfd, 0, 4096, at(3)).value();
        assertEquals(Errno.EINVAL, layer.dmaBufEndCpuAccess(b, Direction.DMA_FROM_DEVICE, at(4)));
        Attachment a = layer.dmaBufAttach(b, isp, false, false, at(5)).value();
        SgTable sgt = layer.dmaBufMapAttachment(a, Direction.DMA_FROM_DEVICE, at(6)).value();
        k.prefetch(memfd, 0, 64, at(7));
        k.deviceWrite(isp, sgt, 0, 64, new byte[] {0x5a}, at(8));
        layer.dmaBufBeginCpuAccess(b, Direction.DMA_FROM_DEVICE, at(9));
        assertTrue(k.cpuRead(memfd, 0, 64, true, at(10)).hasStale());
        layer.dmaBufEndCpuAccess(b, Direction.DMA_FROM_DEVICE, at(11));
        k.deviceWrite(isp, sgt, 0, 64, new byte[] {0x6b}, at(12));
        layer.dmaBufBeginCpuAccess(b, Direction.DMA_FROM_DEVICE, at(13));
        assertTrue(k.cpuRead(memfd, 0, 64, true, at(14)).always(new byte[] {0x6b}));
    }

    @Test
    void aCmaRequestLargerThanTheMachineIsNull() {
        assertNull(layer.dmaHeapAlloc(1L << 40, "default_cma_region", at(2)));
    }
}
