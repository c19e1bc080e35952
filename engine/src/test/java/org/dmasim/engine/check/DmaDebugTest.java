package org.dmasim.engine.check;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per check of kernel/dma/debug.c: the code and the kernel's text. */
class DmaDebugTest {
    Kernel k;
    Device nic;
    Buffer b;
    static final String PREFIX = "DMA-API: nic: ";
    static final String ADDR = "0x00000001fffff000";

    @BeforeEach
    void setUp() {
        k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        nic = k.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false, "migrate",
                null), at(1));
        b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
    }

    Mapping map(org.dmasim.engine.machine.Direction dir) {
        Mapping m = k.dmaMapSingle(nic, b, 0, 4096, dir, 0, at(3));
        k.dmaMappingError(nic, m.dmaAddress(), at(4));
        return m;
    }

    /** The reports raised by {@code action}. */
    List<Report> during(Runnable action) {
        int n = k.reports().size();
        action.run();
        return k.reports().subList(n, k.reports().size());
    }

    static Report only(List<Report> reports, ReportCode code) {
        List<Report> matching = reports.stream().filter(r -> r.code() == code).toList();
        assertEquals(1, matching.size(), () -> "expected one " + code + " in " + reports);
        assertEquals(Severity.WARNING, matching.get(0).severity());
        assertTrue(!matching.get(0).help().isBlank());
        return matching.get(0);
    }

    @Test
    void unmapOfTheErrorAddress() {
        Report r = only(during(() -> k.dmaUnmapSingle(nic, Kernel.DMA_MAPPING_ERROR, 4096, DMA_TO_DEVICE, 0,
                at(5))), ReportCode.DMA_FREE_INVALID_ADDR);
        assertEquals(PREFIX + "device driver tries to free an invalid DMA memory address", r.message());
    }

    @Test
    void unmapOfNeverMappedMemory() {
        Report r = only(during(() -> k.dmaUnmapSingle(nic, 0x1000, 4096, DMA_TO_DEVICE, 0, at(5))),
                ReportCode.DMA_FREE_NOT_ALLOCATED);
        assertEquals(PREFIX + "device driver tries to free DMA memory it has not allocated "
                + "[device address=0x0000000000001000] [size=4096 bytes]", r.message());
    }

    @Test
    void doubleUnmap() {
        Mapping m = map(DMA_TO_DEVICE);
        k.dmaUnmapSingle(nic, m.dmaAddress(), 4096, DMA_TO_DEVICE, 0, at(5));
        only(during(() -> k.dmaUnmapSingle(nic, m.dmaAddress(), 4096, DMA_TO_DEVICE, 0, at(6))),
                ReportCode.DMA_FREE_NOT_ALLOCATED);
    }

    @Test
    void unmapSizeMismatchStillRemovesTheEntry() {
        Mapping m = map(DMA_TO_DEVICE);
        only(during(() -> k.dmaUnmapSingle(nic, m.dmaAddress(), 2048, DMA_TO_DEVICE, 0, at(5))),
                ReportCode.DMA_UNMAP_SIZE_MISMATCH);
        assertTrue(m.released());
        assertEquals(List.of(), during(() -> k.finish(at(9))));
    }

    @Test
    void unmapWithWrongFunction() {
        CoherentAllocation c = k.dmaAllocAttrs(nic, 4096, 0, at(5));
        Report r = only(during(() -> k.dmaUnmapSingle(nic, c.dma().dmaAddress(), 4096, DMA_BIDIRECTIONAL, 0,
                at(6))), ReportCode.DMA_UNMAP_TYPE_MISMATCH);
        assertTrue(r.message().startsWith(PREFIX + "device driver frees DMA memory with wrong function "
                + "[device address="), r.message());
        assertTrue(r.message().endsWith("[size=4096 bytes] [mapped as coherent] [unmapped as phy]"), r.message());
    }

    @Test
    void unmapDirectionMismatch() {
        Mapping m = map(DMA_TO_DEVICE);
        Report r = only(during(() -> k.dmaUnmapSingle(nic, m.dmaAddress(), 4096, DMA_FROM_DEVICE, 0, at(5))),
                ReportCode.DMA_UNMAP_DIR_MISMATCH);
        assertEquals(PREFIX + "device driver frees DMA memory with different direction [device address=" + ADDR
                + "] [size=4096 bytes] [mapped with DMA_TO_DEVICE] [unmapped with DMA_FROM_DEVICE]", r.message());
    }

    @Test
    void mapErrorNotChecked() {
        Mapping m = k.dmaMapSingle(nic, b, 0, 4096, DMA_TO_DEVICE, 0, at(3));
        Report r = only(during(() -> k.dmaUnmapSingle(nic, m.dmaAddress(), 4096, DMA_TO_DEVICE, 0, at(5))),
                ReportCode.DMA_MAP_ERROR_UNCHECKED);
        assertEquals(PREFIX + "device driver failed to check map error[device address=" + ADDR
                + "] [size=4096 bytes] [mapped as phy]", r.message());
    }

    @Test
    void syncOfUnmappedMemory() {
        Report r = only(during(() -> k.dmaSyncSingleForCpu(nic, 0x5000, 64, DMA_FROM_DEVICE, at(5))),
                ReportCode.DMA_SYNC_NOT_ALLOCATED);
        assertEquals(PREFIX + "device driver tries to sync DMA memory it has not allocated "
                + "[device address=0x0000000000005000] [size=64 bytes]", r.message());
    }

    @Test
    void syncPastTheEndIsNotAllocated() {
        // kernel/dma/debug.c check_sync: bucket_find_contain looks for an entry holding the whole
        // synced range (containing_match); a sync running past the end finds none, so dma-debug says
        // "has not allocated" and checks nothing more ("outside allocated range" cannot be reached)
        Mapping m = map(DMA_FROM_DEVICE);
        Report r = only(during(() -> k.dmaSyncSingleForCpu(nic, m.dmaAddress() + 2048, 4096, DMA_FROM_DEVICE,
                at(5))), ReportCode.DMA_SYNC_NOT_ALLOCATED);
        assertEquals(PREFIX + "device driver tries to sync DMA memory it has not allocated [device address="
                + "0x00000001fffff800] [size=4096 bytes]", r.message());
        assertTrue(r.help().contains("inside one mapping"), r.help());
    }

    @Test
    void syncDirectionMismatchAndReadOnlyForCpu() {
        Mapping m = map(DMA_TO_DEVICE);
        List<Report> rs = during(() -> k.dmaSyncSingleForCpu(nic, m.dmaAddress(), 4096, DMA_FROM_DEVICE, at(5)));
        assertEquals(PREFIX + "device driver syncs DMA memory with different direction [device address=" + ADDR
                + "] [size=4096 bytes] [mapped with DMA_TO_DEVICE] [synced with DMA_FROM_DEVICE]",
                only(rs, ReportCode.DMA_SYNC_DIR_MISMATCH).message());
        assertEquals(PREFIX + "device driver syncs device read-only DMA memory for cpu [device address=" + ADDR
                + "] [size=4096 bytes] [mapped with DMA_TO_DEVICE] [synced with DMA_FROM_DEVICE]",
                only(rs, ReportCode.DMA_SYNC_READONLY_FOR_CPU).message());
    }

    @Test
    void syncWriteOnlyToDevice() {
        Mapping m = map(DMA_FROM_DEVICE);
        List<Report> rs = during(() -> k.dmaSyncSingleForDevice(nic, m.dmaAddress(), 4096, DMA_TO_DEVICE, at(5)));
        assertEquals(PREFIX + "device driver syncs device write-only DMA memory to device [device address=" + ADDR
                + "] [size=4096 bytes] [mapped with DMA_FROM_DEVICE] [synced with DMA_TO_DEVICE]",
                only(rs, ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE).message());
        only(rs, ReportCode.DMA_SYNC_DIR_MISMATCH);
    }

    @Test
    void bidirectionalMappingsSkipTheDirectionChecks() {
        Mapping m = map(DMA_BIDIRECTIONAL);
        assertEquals(List.of(), during(() -> k.dmaSyncSingleForCpu(nic, m.dmaAddress(), 4096, DMA_TO_DEVICE,
                at(5))));
    }

    @Test
    void overlappingCachelineMappings() {
        // debug.c: no EEXIST report with CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC and swiotlb active,
        // so the arm64 machine here has no bounce pool
        k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        nic = k.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false, "migrate",
                null), at(1));
        b = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        map(DMA_FROM_DEVICE);
        Report r = only(during(() -> k.dmaMapSingle(nic, b, 0, 64, DMA_FROM_DEVICE, 0, at(5))),
                ReportCode.DMA_OVERLAP);
        assertEquals(PREFIX + "cacheline tracking EEXIST, overlapping mappings aren't supported", r.message());
        assertEquals(List.of(), during(() -> k.dmaMapSingle(nic, b, 0, 64, DMA_TO_DEVICE, 0, at(6))));
    }

    @Test
    void noOverlapReportWhenKmallocBouncingCanHelp() {
        map(DMA_FROM_DEVICE);
        assertEquals(List.of(), during(() -> k.dmaMapSingle(nic, b, 0, 64, DMA_FROM_DEVICE, 0, at(5))));
    }

    @Test
    void noCachelineTrackingOnX86() {
        Kernel x = new Kernel();
        Device d = x.addDevice(DeviceConfig.named("nic"), at(1));
        Buffer buf = x.allocPages(4096, Gfp.GFP_DMA32, at(2));
        x.dmaMapSingle(d, buf, 0, 4096, DMA_FROM_DEVICE, 0, at(3));
        x.dmaMapSingle(d, buf, 0, 64, DMA_FROM_DEVICE, 0, at(4));
        assertEquals(List.of(), x.reports());
    }

    @Test
    void leakAtFinish() {
        Mapping m = map(DMA_TO_DEVICE);
        map(DMA_TO_DEVICE);
        Report r = only(during(() -> k.finish(at(9))), ReportCode.DMA_LEAK);
        assertEquals(PREFIX + "device driver has pending DMA allocations while released from device [count=2]\n"
                + "One of leaked entries details: [device address=" + ADDR + "] [size=4096 bytes] "
                + "[mapped with DMA_TO_DEVICE] [mapped as phy]", r.message());
        assertTrue(m.dmaAddress() > 0);
    }

    @Test
    void coherentFreeIsCheckedToo() {
        CoherentAllocation c = k.dmaAllocAttrs(nic, 4096, 0, at(5));
        k.dmaFreeCoherent(nic, c, at(6));
        assertTrue(c.freed());
        only(during(() -> k.dmaFreeCoherent(nic, c, at(7))), ReportCode.DMA_FREE_NOT_ALLOCATED);
    }

    @Test
    void noCachelineTrackingWhereArm64BouncesKmalloc() {
        map(DMA_FROM_DEVICE);
        assertEquals(List.of(), during(() -> k.dmaMapSingle(nic, b, 0, 256, DMA_FROM_DEVICE, 0, at(5))));
    }
}
