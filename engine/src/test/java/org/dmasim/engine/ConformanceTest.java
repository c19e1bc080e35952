package org.dmasim.engine;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.MemoryType;
import org.junit.jupiter.api.Test;

/** The conformance scenarios 01-07 of shared/conformance, replayed against the facade. */
class ConformanceTest {
    static final long KiB = 1024;
    static final long GiB = 1L << 30;

    static byte[] b(int v) {
        return new byte[] {(byte) v};
    }

    static Device device(Kernel k, String name, int mask, Boolean coherent) {
        DeviceConfig d = DeviceConfig.named(name);
        return k.addDevice(new DeviceConfig(name, mask, mask, coherent, false, 0, false, false, 0, null, false,
                "migrate", null), at(3));
    }

    static Set<ReportCode> codes(Kernel k, int from) {
        return k.reports().subList(from, k.reports().size()).stream().map(Report::code).collect(Collectors.toSet());
    }

    static boolean errors(Kernel k) {
        return k.reports().stream().anyMatch(r -> r.severity() == Severity.ERROR);
    }

    @Test
    void rxSyncArm64() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = device(k, "nic", 64, false);
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(5));
        rx.setLabel("rx");
        k.cpuWrite(rx, 0, 4 * KiB, b(0), at(6));
        Mapping m = k.dmaMapSingle(nic, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(7));
        assertFalse(k.dmaMappingError(nic, m.dmaAddress(), at(8)));
        k.deviceWrite(nic, m, 0, 4 * KiB, b(0x5A), at(9));
        k.dmaSyncSingleForCpu(nic, m.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, at(10));
        assertTrue(k.cpuRead(rx, 0, 64, true, at(11)).always(b(0x5A)));
        assertTrue(k.cpuRead(rx, 0, 4 * KiB, true, at(12)).always(b(0x5A)));
        k.dmaUnmapSingle(nic, m.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, 0, at(13));
        assertEquals(List.of(), k.reports());
        k.finish(at(14));
        assertEquals(List.of(), k.reports());
    }

    @Test
    void rxMissingSyncArm64() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = device(k, "nic", 64, false);
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(5));
        rx.setLabel("rx");
        assertEquals(0x1_ffff_f000L, rx.physBase());
        k.cpuWrite(rx, 0, 4 * KiB, b(0), at(6));
        Mapping m = k.dmaMapSingle(nic, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(7));
        m.setLabel("m");
        assertFalse(k.dmaMappingError(nic, m.dmaAddress(), at(8)));
        k.deviceWrite(nic, m, 0, 4 * KiB, b(0x5A), at(9));
        assertEquals(List.of(), k.reports());
        ReadResult r = k.cpuRead(rx, 0, 64, false, at(10));
        assertEquals(2, r.segments().get(0).alternatives().size());
        assertTrue(r.sometimes(b(0)));
        assertTrue(r.sometimes(b(0x5A)));
        assertTrue(r.segments().get(0).alternatives().stream().anyMatch(a -> a.stale() && a.data()[0] == 0));
        assertTrue(r.segments().get(0).alternatives().stream().anyMatch(a -> !a.stale() && a.data()[0] == 0x5A));
        Report stale = k.reports().stream().filter(x -> x.code() == ReportCode.STALE_READ).findFirst().orElseThrow();
        assertEquals("the CPU may read a stale cache line of rx (phys 0x1_ffff_f000)", stale.message());
        assertEquals("call dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE) before the CPU reads", stale.help());
        assertFalse(stale.witnesses().isEmpty());
        // the CPU read is also a touch of a device-owned buffer
        assertTrue(codes(k, 0).contains(ReportCode.CPU_ACCESS_DEVICE_OWNED));
        int before = k.reports().size();
        assertTrue(k.cpuRead(rx, 0, 64, true, at(11)).sometimes(b(0)));
        k.dmaSyncSingleForCpu(nic, m.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, at(13));
        ReadResult after = k.cpuRead(rx, 0, 64, true, at(14));
        assertTrue(after.always(b(0x5A)));
        assertTrue(after.isCertain());
        k.dmaUnmapSingle(nic, m.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, 0, at(15));
        assertEquals(Set.of(ReportCode.CPU_ACCESS_DEVICE_OWNED), codes(k, before));
    }

    @Test
    void txCoherentX86() {
        Kernel k = new Kernel();
        Device nic = device(k, "nic", 64, null);
        Buffer tx = k.allocPages(8 * KiB, Gfp.GFP_KERNEL, at(5));
        k.cpuWrite(tx, 0, 8 * KiB, b(0xC3), at(6));
        Mapping m = k.dmaMapSingle(nic, tx, 0, 8 * KiB, DMA_TO_DEVICE, 0, at(7));
        assertFalse(k.dmaMappingError(nic, m.dmaAddress(), at(8)));
        assertFalse(k.dmaNeedSync(nic, m.dmaAddress()));
        ReadResult r = k.deviceRead(nic, m, 0, 8 * KiB, true, at(10));
        assertTrue(r.always(b(0xC3)));
        assertTrue(r.isCertain());
        k.dmaUnmapSingle(nic, m.dmaAddress(), 8 * KiB, DMA_TO_DEVICE, 0, at(11));
        k.cpuWrite(tx, 0, 8 * KiB, b(0x11), at(12));
        k.finish(at(13));
        assertEquals(List.of(), k.reports());
    }

    @Test
    void bounce32BitArm64() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device gpu = device(k, "gpu", 32, false);
        Buffer hi = k.allocPages(64 * KiB, Gfp.GFP_KERNEL, at(6));
        assertTrue(hi.physBase() >= 4 * GiB);
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 64 * KiB, DMA_BIDIRECTIONAL, 0, at(8));
        assertFalse(k.dmaMappingError(gpu, m.dmaAddress(), at(9)));
        assertTrue(m.bounced());
        assertTrue(m.dmaAddress() < 4 * GiB);
        assertTrue(k.dmaNeedSync(gpu, m.dmaAddress()));
        k.deviceWrite(gpu, m, 0, 4 * KiB, b(0x77), at(14));
        assertTrue(k.cpuRead(hi, 0, 64, true, at(15)).never(b(0x77)));
        k.dmaSyncSingleForCpu(gpu, m.dmaAddress(), 64 * KiB, DMA_BIDIRECTIONAL, at(16));
        assertTrue(k.cpuRead(hi, 0, 4 * KiB, true, at(17)).always(b(0x77)));
        k.dmaUnmapSingle(gpu, m.dmaAddress(), 64 * KiB, DMA_BIDIRECTIONAL, 0, at(18));

        Buffer lo = k.allocPages(64 * KiB, Gfp.GFP_DMA32, at(20));
        assertTrue(lo.physBase() + 64 * KiB <= 4 * GiB);
        Mapping m2 = k.dmaMapSingle(gpu, lo, 0, 64 * KiB, DMA_TO_DEVICE, 0, at(22));
        assertFalse(k.dmaMappingError(gpu, m2.dmaAddress(), at(23)));
        assertFalse(m2.bounced());
        k.dmaUnmapSingle(gpu, m2.dmaAddress(), 64 * KiB, DMA_TO_DEVICE, 0, at(25));
        // only the CPU read of line 15 (device-owned, judged) is reported
        assertEquals(Set.of(ReportCode.CPU_ACCESS_DEVICE_OWNED), codes(k, 0));
        assertFalse(errors(k));
    }

    @Test
    void overflowWithoutSwiotlb() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        Device gpu = device(k, "gpu", 32, false);
        Buffer hi = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(6));
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(8));
        assertTrue(m.failed());
        assertEquals(-1L, m.dmaAddress());
        Report r = k.reports().get(0);
        assertEquals(ReportCode.DMA_ADDR_OVERFLOW, r.code());
        assertEquals("gpu: DMA addr 0x00000001fffff000+4096 overflow (mask ffffffff, bus limit 0).", r.message());
        assertTrue(k.dmaMappingError(gpu, m.dmaAddress(), at(9)));
        ReadResult read = k.deviceRead(gpu, m, 0, 64, false, at(10));
        assertTrue(read.always(b(0xff)));
        assertEquals(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, k.reports().get(1).code());
        assertEquals(2, k.reports().size());
    }

    @Test
    void dmaDebugChecks() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = device(k, "nic", 64, false);
        Buffer b = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(4));
        Mapping m1 = k.dmaMapSingle(nic, b, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(6));
        assertFalse(k.dmaMappingError(nic, m1.dmaAddress(), at(7)));
        int n = k.reports().size();
        k.dmaUnmapSingle(nic, m1.dmaAddress(), 2 * KiB, DMA_TO_DEVICE, 0, at(8));
        assertEquals(Set.of(ReportCode.DMA_UNMAP_SIZE_MISMATCH), codes(k, n));
        assertEquals("DMA-API: nic: device driver frees DMA memory with different size [device address=0x00000001fffff000]"
                + " [map size=4096 bytes] [unmap size=2048 bytes]", k.reports().get(n).message());

        Mapping m2 = k.dmaMapSingle(nic, b, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(10));
        assertFalse(k.dmaMappingError(nic, m2.dmaAddress(), at(11)));
        n = k.reports().size();
        k.dmaUnmapSingle(nic, m2.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, 0, at(12));
        assertEquals(Set.of(ReportCode.DMA_UNMAP_DIR_MISMATCH), codes(k, n));

        Mapping m3 = k.dmaMapSingle(nic, b, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(14));
        assertFalse(k.dmaMappingError(nic, m3.dmaAddress(), at(15)));
        n = k.reports().size();
        k.dmaUnmapSingle(nic, m3.dmaAddress() + 4 * KiB, 4 * KiB, DMA_TO_DEVICE, 0, at(16));
        assertEquals(Set.of(ReportCode.DMA_FREE_NOT_ALLOCATED), codes(k, n));
        n = k.reports().size();
        k.dmaSyncSingleForCpu(nic, m3.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, at(17));
        assertEquals(Set.of(ReportCode.DMA_SYNC_DIR_MISMATCH, ReportCode.DMA_SYNC_READONLY_FOR_CPU), codes(k, n));
        k.dmaUnmapSingle(nic, m3.dmaAddress(), 4 * KiB, DMA_TO_DEVICE, 0, at(20));
        n = k.reports().size();
        k.dmaSyncSingleForCpu(nic, m3.dmaAddress(), 4 * KiB, DMA_TO_DEVICE, at(21));
        assertEquals(Set.of(ReportCode.DMA_SYNC_NOT_ALLOCATED), codes(k, n));

        Mapping m4 = k.dmaMapSingle(nic, b, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(23));
        n = k.reports().size();
        k.dmaUnmapSingle(nic, m4.dmaAddress(), 4 * KiB, DMA_TO_DEVICE, 0, at(24));
        assertEquals(Set.of(ReportCode.DMA_MAP_ERROR_UNCHECKED), codes(k, n));
        assertEquals("DMA-API: nic: device driver failed to check map error[device address=0x00000001fffff000]"
                + " [size=4096 bytes] [mapped as phy]", k.reports().get(n).message());
        assertFalse(errors(k));
    }

    @Test
    void coherentAllocArm64() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device dsp = device(k, "dsp", 32, false);
        CoherentAllocation c = k.dmaAllocAttrs(dsp, 16 * KiB, 0, at(5));
        assertNotNull(c);
        assertTrue(c.dma().dmaAddress() + 16 * KiB <= 4 * GiB);
        assertEquals(MemoryType.UNCACHED, c.cpu().memoryType());
        assertTrue(k.cpuRead(c.cpu(), 0, 64, true, at(7)).always(b(0)));
        k.cpuWrite(c.cpu(), 0, 4 * KiB, b(0x42), at(8));
        ReadResult seen = k.deviceRead(dsp, c.dma(), 0, 4 * KiB, true, at(9));
        assertTrue(seen.always(b(0x42)));
        k.deviceWrite(dsp, c.dma(), 4 * KiB, 4 * KiB, b(0x24), at(10));
        assertTrue(k.cpuRead(c.cpu(), 4 * KiB, 4 * KiB, true, at(11)).always(b(0x24)));
        k.dmaFreeCoherent(dsp, c, at(12));
        k.finish(at(13));
        assertEquals(List.of(), k.reports());
    }

    @Test
    void cacheLinesShowTheConfigurationsWithoutChangingThem() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = device(k, "nic", 64, false);
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(5));
        Mapping m = k.dmaMapSingle(nic, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(7));
        k.deviceWrite(nic, m, 0, 4 * KiB, b(0x5A), at(9));
        var lines = k.cacheLines(rx, 0, 128);
        assertEquals(2, lines.size());
        assertEquals(rx.physBase(), lines.get(0).phys());
        assertEquals(Set.of("Invalid", "Clean"),
                lines.get(0).configs().stream().map(c -> c.state()).collect(Collectors.toSet()));
        assertEquals(3, lines.get(0).configs().size());
        var again = k.cacheLines(rx, 0, 128).get(0).configs();
        for (int i = 0; i < again.size(); i++) {
            assertEquals(lines.get(0).configs().get(i).state(), again.get(i).state());
            assertTrue(java.util.Arrays.equals(lines.get(0).configs().get(i).cpuVisible(), again.get(i).cpuVisible()));
        }
    }
}
