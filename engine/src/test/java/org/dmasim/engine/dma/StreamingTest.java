package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_BIDIRECTIONAL;
import static org.dmasim.engine.machine.Direction.DMA_FROM_DEVICE;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.MemoryType;
import org.junit.jupiter.api.Test;

/** Streaming and coherent DMA through the facade: bounces, maintenance, ownership and the reports. */
class StreamingTest {
    static final long KiB = 1024;
    static final long GiB = 1L << 30;

    static byte[] b(int v) {
        return new byte[] {(byte) v};
    }

    static Device dev(Kernel k, String name, int mask, Boolean coherent, long offset, boolean force) {
        return k.addDevice(new DeviceConfig(name, mask, mask, coherent, false, offset, force, false, 0, null, false,
                "migrate", null), at(1));
    }

    static Set<ReportCode> codes(List<Report> reports) {
        return reports.stream().map(Report::code).collect(Collectors.toSet());
    }

    static List<Report> since(Kernel k, int n) {
        return k.reports().subList(n, k.reports().size());
    }

    static Kernel arm() {
        return new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
    }

    @Test
    void mapCleansDirtyLinesForANonCoherentDevice() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        k.cpuWrite(tx, 0, 4 * KiB, b(0xC3), at(3));
        assertTrue(k.deviceRead(d, k.dmaMapSingle(d, tx, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(4)), 0, 4 * KiB, false,
                at(5)).always(b(0xC3)));
        assertEquals(List.of(), k.reports());
    }

    @Test
    void skipCpuSyncLeavesTheDeviceReadingStaleMemory() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        k.cpuWrite(tx, 0, 4 * KiB, b(0xC3), at(3));
        Mapping m = k.dmaMapSingle(d, tx, 0, 4 * KiB, DMA_TO_DEVICE, DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC, at(4));
        ReadResult r = k.deviceRead(d, m, 0, 64, false, at(5));
        assertTrue(r.sometimes(b(0)) && r.sometimes(b(0xC3)));
        Report stale = k.reports().get(0);
        assertEquals(ReportCode.DEVICE_STALE_READ, stale.code());
        assertTrue(stale.help().startsWith("call dma_sync_single_for_device(nic, "), stale.help());
    }

    @Test
    void aCpuWriteUnderAMappedReceiveBufferIsADirectionViolationAndMayBeLost() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(3));
        k.cpuWrite(rx, 0, 8, b(0x11), at(4));
        assertEquals(Set.of(ReportCode.DIRECTION_VIOLATION, ReportCode.CPU_ACCESS_DEVICE_OWNED), codes(k.reports()));
        int n = k.reports().size();
        k.deviceWrite(d, m, 8, 56, b(0x5A), at(5));
        assertEquals(Set.of(ReportCode.LOST_WRITE), codes(since(k, n)));
        n = k.reports().size();
        k.dmaSyncSingleForCpu(d, m.dmaAddress(), 4 * KiB, DMA_FROM_DEVICE, at(6));
        // the invalidate may discard the CPU's bytes, which are still the latest
        assertEquals(Set.of(ReportCode.LOST_WRITE), codes(since(k, n)));
        ReadResult r = k.cpuRead(rx, 0, 64, true, at(7));
        assertFalse(r.isCertain());
    }

    @Test
    void deviceAccessAfterSyncForCpu() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping rx = k.dmaMapSingle(d, buf, 0, 2 * KiB, DMA_FROM_DEVICE, 0, at(3));
        k.dmaSyncSingleForCpu(d, rx.dmaAddress(), 2 * KiB, DMA_FROM_DEVICE, at(4));
        k.cpuRead(buf, 0, 64, true, at(5));
        // the howto: a FROM_DEVICE buffer the CPU only read may go back without a sync
        k.deviceWrite(d, rx, 0, 64, b(1), at(6));
        assertEquals(List.of(), k.reports());
        Mapping bidi = k.dmaMapSingle(d, buf, 2 * KiB, 2 * KiB, DMA_BIDIRECTIONAL, 0, at(7));
        k.dmaSyncSingleForCpu(d, bidi.dmaAddress(), 2 * KiB, DMA_BIDIRECTIONAL, at(8));
        k.deviceRead(d, bidi, 0, 64, true, at(9));
        assertEquals(Set.of(ReportCode.DEVICE_ACCESS_CPU_OWNED), codes(k.reports()));
    }

    @Test
    void deviceWritesATransmitBuffer() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, tx, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3));
        k.deviceWrite(d, m, 0, 64, b(1), at(4));
        assertEquals(Set.of(ReportCode.DIRECTION_VIOLATION), codes(k.reports()));
    }

    @Test
    void useAfterUnmapAndAfterFree() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, buf, 0, 4 * KiB, DMA_BIDIRECTIONAL, 0, at(3));
        k.dmaMappingError(d, m.dmaAddress(), at(3));
        k.dmaUnmapSingle(d, m.dmaAddress(), 4 * KiB, DMA_BIDIRECTIONAL, 0, at(4));
        k.deviceWrite(d, m, 0, 64, b(1), at(5));
        assertEquals(Set.of(ReportCode.USE_AFTER_FREE), codes(k.reports()));
        k.freePages(buf, at(6));
        int n = k.reports().size();
        k.cpuRead(buf, 0, 64, true, at(7));
        assertEquals(Set.of(ReportCode.USE_AFTER_FREE), codes(since(k, n)));
    }

    @Test
    void bouncedReceiveUnmappedWithSkipCpuSyncLosesTheDeviceData() {
        Kernel k = arm();
        Device gpu = dev(k, "gpu", 32, false, 0, false);
        Buffer hi = k.allocPages(8 * KiB, Gfp.GFP_KERNEL, at(2));
        hi.setLabel("hi");
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 8 * KiB, DMA_FROM_DEVICE, 0, at(3));
        k.dmaMappingError(gpu, m.dmaAddress(), at(3));
        assertTrue(m.bounced());
        k.deviceWrite(gpu, m, 0, 8 * KiB, b(0x77), at(4));
        k.dmaUnmapSingle(gpu, m.dmaAddress(), 8 * KiB, DMA_FROM_DEVICE, DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC, at(5));
        ReadResult r = k.cpuRead(hi, 0, 64, false, at(6));
        assertTrue(r.always(b(0)));
        Report stale = k.reports().get(k.reports().size() - 1);
        assertEquals(ReportCode.STALE_READ, stale.code());
        assertEquals("the CPU reads stale data of hi (phys " + org.dmasim.engine.Units.hex(hi.physBase()) + ")",
                stale.message());
        assertEquals(0, k.machine().pool().usedSlots());
    }

    @Test
    void aBouncedTransmitBufferWrittenAfterMapIsAnOldSnapshotEvenOnX86() {
        Kernel k = new Kernel();
        Device nic = dev(k, "nic", 32, null, 0, false);
        Buffer tx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(nic, tx, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3));
        assertTrue(m.bounced());
        assertTrue(k.dmaNeedSync(nic, m.dmaAddress()));
        k.cpuWrite(tx, 0, 4 * KiB, b(0x42), at(4));
        assertTrue(k.deviceRead(nic, m, 0, 64, false, at(5)).always(b(0)));
        assertTrue(codes(k.reports()).contains(ReportCode.DEVICE_STALE_READ));
        k.dmaSyncSingleForDevice(nic, m.dmaAddress(), 4 * KiB, DMA_TO_DEVICE, at(6));
        assertTrue(k.deviceRead(nic, m, 0, 4 * KiB, true, at(7)).always(b(0x42)));
    }

    @Test
    void partialSyncCopiesOnlyThatRange() {
        Kernel k = arm();
        Device gpu = dev(k, "gpu", 32, false, 0, false);
        Buffer hi = k.allocPages(8 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 8 * KiB, DMA_FROM_DEVICE, 0, at(3));
        k.deviceWrite(gpu, m, 0, 8 * KiB, b(9), at(4));
        k.dmaSyncSingleRangeForCpu(gpu, m.dmaAddress(), 4 * KiB, 4 * KiB, DMA_FROM_DEVICE, at(5));
        assertTrue(k.cpuRead(hi, 4 * KiB, 4 * KiB, true, at(6)).always(b(9)));
        assertTrue(k.cpuRead(hi, 0, 4 * KiB, true, at(7)).always(b(0)));
    }

    @Test
    void aSyncPastTheSlotsIsClampedWithTheSwiotlbWarning() {
        Kernel k = arm();
        Device gpu = dev(k, "gpu", 32, false, 0, false);
        Buffer hi = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(3));
        int n = k.reports().size();
        k.dmaSyncSingleForCpu(gpu, m.dmaAddress() + 2 * KiB, 4 * KiB, DMA_FROM_DEVICE, at(4));
        List<Report> rs = since(k, n);
        // dma-debug finds no entry holding the whole range (check_sync); swiotlb_bounce clamps
        assertEquals(Set.of(ReportCode.DMA_SYNC_NOT_ALLOCATED, ReportCode.SWIOTLB_BUFFER_OVERFLOW), codes(rs));
        // swiotlb_bounce prints what is left of the allocation from the synced address
        assertTrue(rs.stream().anyMatch(r -> r.message().equals(
                "gpu: Buffer overflow detected. Allocation size: 2048. Mapping size: 4096.")), rs.toString());
    }

    @Test
    void aMappingLargerThanASegmentFillsThePool() {
        Kernel k = arm();
        Device gpu = dev(k, "gpu", 32, false, 0, false);
        Buffer hi = k.allocPages(512 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(gpu, hi, 0, 512 * KiB, DMA_TO_DEVICE, 0, at(3));
        assertTrue(m.failed());
        Report r = k.reports().get(0);
        assertEquals(ReportCode.SWIOTLB_FULL, r.code());
        assertEquals("gpu: swiotlb buffer is full (sz: 524288 bytes), total 32768 (slots), used 0 (slots)",
                r.message());
        Mapping ok = k.dmaMapSingle(gpu, hi, 0, 256 * KiB, DMA_TO_DEVICE, 0, at(4));
        assertTrue(ok.bounced());
        assertEquals(128, k.machine().pool().usedSlots());
    }

    @Test
    void anExhaustedPoolFailsTheMap() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(512 * KiB));
        Device gpu = dev(k, "gpu", 32, false, 0, false);
        Buffer hi = k.allocPages(1024 * KiB, Gfp.GFP_KERNEL, at(2));
        assertFalse(k.dmaMapSingle(gpu, hi, 0, 256 * KiB, DMA_TO_DEVICE, 0, at(3)).failed());
        assertFalse(k.dmaMapSingle(gpu, hi, 256 * KiB, 256 * KiB, DMA_TO_DEVICE, 0, at(4)).failed());
        assertTrue(k.dmaMapSingle(gpu, hi, 512 * KiB, 4 * KiB, DMA_TO_DEVICE, 0, at(5)).failed());
        assertEquals("gpu: swiotlb buffer is full (sz: 4096 bytes), total 256 (slots), used 256 (slots)",
                k.reports().get(0).message());
    }

    @Test
    void swiotlbForceBouncesEvenInReach() {
        Kernel k = arm();
        Device d = dev(k, "cc", 64, false, 0, true);
        Buffer buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.dmaMapSingle(d, buf, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3)).bounced());
    }

    @Test
    void dmaOffsetShiftsBusAddressesAndReach() {
        Kernel k = arm();
        Device cam = dev(k, "cam", 32, false, 0x8000_0000L, false);
        Buffer lo = k.allocPages(4 * KiB, Gfp.GFP_DMA32, at(2));
        Mapping m = k.dmaMapSingle(cam, lo, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3));
        assertFalse(m.bounced());
        assertEquals(lo.physBase() - 0x8000_0000L, m.dmaAddress());
    }

    @Test
    void coherentAllocationKinds() {
        Kernel k = arm();
        Device nc = dev(k, "dsp", 32, false, 0, false);
        Device coh = dev(k, "gpu", 64, true, 0, false);
        assertEquals(MemoryType.WRITE_COMBINE,
                k.dmaAllocAttrs(nc, 4 * KiB, DmaAttrs.DMA_ATTR_WRITE_COMBINE, at(2)).cpu().memoryType());
        assertNull(k.dmaAllocAttrs(nc, 4 * KiB, DmaAttrs.DMA_ATTR_NO_KERNEL_MAPPING, at(3)).cpu());
        CoherentAllocation c = k.dmaAllocAttrs(coh, 4 * KiB, 0, at(4));
        assertEquals(MemoryType.CACHED, c.cpu().memoryType());
        assertTrue(c.dma().dmaAddress() >= 4 * GiB, "a 64-bit coherent mask takes the highest pages");
        k.cpuWrite(c.cpu(), 0, 64, b(5), at(5));
        assertTrue(k.deviceRead(coh, c.dma(), 0, 64, false, at(6)).always(b(5)));
        assertEquals(List.of(), k.reports());
    }

    @Test
    void dmaNeedSyncFollowsCoherenceAndBouncing() {
        Kernel k = new Kernel();
        Device wide = dev(k, "nic", 64, null, 0, false);
        Buffer buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        assertFalse(k.dmaNeedSync(wide, k.dmaMapSingle(wide, buf, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3)).dmaAddress()));
        Kernel a = arm();
        Device nc = dev(a, "nic", 64, false, 0, false);
        Buffer b2 = a.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        assertTrue(a.dmaNeedSync(nc, a.dmaMapSingle(nc, b2, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3)).dmaAddress()));
    }

    @Test
    void setMaskRejectsMasksBelowZoneDma() {
        Kernel k = new Kernel();
        Device d = dev(k, "isa", 32, null, 0, false);
        assertEquals(0, k.dmaSetMask(d, 24));
        assertEquals(Kernel.EIO, k.dmaSetMask(d, 20));
        assertEquals(0, k.dmaSetMaskAndCoherent(d, 64));
        assertEquals(-1L, d.dmaMask());
        assertEquals(-1L, d.coherentDmaMask());
    }

    @Test
    void anUnmapOfTheWrongAddressStillInvalidatesWhatIsThere() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer rx = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        Buffer other = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(3));
        Mapping m = k.dmaMapSingle(d, rx, 0, 4 * KiB, DMA_FROM_DEVICE, 0, at(4));
        k.cpuWrite(other, 0, 64, b(0x33), at(5));
        int n = k.reports().size();
        // other sits right below rx: "free what was never mapped" lands on it
        k.dmaUnmapSingle(d, m.dmaAddress() - 4 * KiB, 4 * KiB, DMA_FROM_DEVICE, 0, at(6));
        assertEquals(Set.of(ReportCode.DMA_FREE_NOT_ALLOCATED, ReportCode.LOST_WRITE), codes(since(k, n)));
        assertTrue(k.cpuRead(other, 0, 64, true, at(7)).sometimes(b(0)));
    }

    @Test
    void requireCoherentFailsWhereBouncingWouldBeNeeded() {
        Kernel k = arm();
        Device d = dev(k, "cc", 64, true, 0, true);
        Buffer buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.dmaMapSingle(d, buf, 0, 4 * KiB, DMA_TO_DEVICE, DmaAttrs.DMA_ATTR_REQUIRE_COHERENT, at(3))
                .failed());
    }

    @Test
    void noncoherentAllocationsFollowTheStreamingProtocol() {
        Kernel k = arm();
        Device d = dev(k, "cam", 32, false, 0, false);
        CoherentAllocation c = k.dmaAllocNoncoherent(d, 8 * KiB, DMA_FROM_DEVICE, at(2));
        assertEquals(MemoryType.CACHED, c.cpu().memoryType());
        assertTrue(c.dma().dmaAddress() + 8 * KiB <= 4 * GiB);
        // the zeroing left dirty lines: a device write before sync_for_device may be undone
        k.deviceWrite(d, c.dma(), 0, 64, b(7), at(3));
        assertTrue(codes(k.reports()).containsAll(Set.of(ReportCode.LOST_WRITE, ReportCode.DEVICE_ACCESS_CPU_OWNED)));
        int n = k.reports().size();
        k.dmaSyncSingleForDevice(d, c.dma().dmaAddress(), 8 * KiB, DMA_FROM_DEVICE, at(4));
        k.deviceWrite(d, c.dma(), 64, 64, b(8), at(5));
        k.dmaSyncSingleForCpu(d, c.dma().dmaAddress(), 8 * KiB, DMA_FROM_DEVICE, at(6));
        assertTrue(k.cpuRead(c.cpu(), 64, 64, false, at(7)).always(b(8)));
        k.dmaFreeNoncoherent(d, c, at(8));
        k.finish(at(9));
        assertEquals(List.of(), since(k, n));
    }

    @Test
    void freeingNoncoherentMemoryAsCoherentIsTheWrongFunction() {
        Kernel k = arm();
        Device d = dev(k, "cam", 32, false, 0, false);
        CoherentAllocation c = k.dmaAllocNoncoherent(d, 4 * KiB, DMA_BIDIRECTIONAL, at(2));
        k.dmaFreeCoherent(d, c, at(3));
        assertEquals(Set.of(ReportCode.DMA_UNMAP_TYPE_MISMATCH), codes(k.reports()));
        assertTrue(c.freed());
    }

    @Test
    void kmallocNeighboursShareCacheLines() {
        Kernel k = arm();
        Buffer a = k.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        Buffer b2 = k.kmalloc(32, Gfp.GFP_KERNEL, at(3));
        assertEquals(a.physBase() + 32, b2.physBase());
        Buffer big = k.kmalloc(64 * KiB, Gfp.GFP_KERNEL, at(4));
        assertEquals(0, big.physBase() % (64 * KiB));
        k.kfree(a, at(5));
        k.kfree(a, at(6));
        assertEquals(Set.of(ReportCode.USE_AFTER_FREE), codes(k.reports()));
    }

    @Test
    void smallReceiveMappingsAreBouncedOnArm64() {
        Kernel k = arm();
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer s = k.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.dmaMapSingle(d, s, 0, 32, DMA_FROM_DEVICE, 0, at(3)).bounced());
        assertFalse(k.dmaMapSingle(d, s, 0, 32, DMA_TO_DEVICE, 0, at(4)).bounced());
        Buffer line = k.kmalloc(64, Gfp.GFP_KERNEL, at(5));
        assertFalse(k.dmaMapSingle(d, line, 0, 64, DMA_FROM_DEVICE, 0, at(6)).bounced());
        Device coh = dev(k, "gpu", 64, true, 0, false);
        assertFalse(k.dmaMapSingle(coh, s, 0, 32, DMA_FROM_DEVICE, 0, at(7)).bounced());
        Kernel x86 = new Kernel();
        Device xd = dev(x86, "nic", 64, false, 0, false);
        Buffer xs = x86.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        assertFalse(x86.dmaMapSingle(xd, xs, 0, 32, DMA_FROM_DEVICE, 0, at(3)).bounced());
    }

    @Test
    void aCpuWriteToANeighbourDuringReceiveIsLostAtTheInvalidate() {
        // without swiotlb arm64 aligns kmalloc to dma_get_cache_alignment() (mm/slab_common.c
        // __kmalloc_minalign), so two objects never share a line: the classic bug is a field of the
        // same object next to the received bytes
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        Device d = dev(k, "nic", 64, false, 0, false);
        Buffer obj = k.kmalloc(64, Gfp.GFP_KERNEL, at(2));
        Mapping m = k.dmaMapSingle(d, obj, 0, 32, DMA_FROM_DEVICE, 0, at(4));
        assertFalse(m.bounced());
        k.cpuWrite(obj, 32, 4, b(1), at(5));
        int n = k.reports().size();
        k.deviceWrite(d, m, 0, 32, b(0x5A), at(6));
        assertEquals(Set.of(ReportCode.LOST_WRITE), codes(since(k, n)));
        k.dmaSyncSingleForCpu(d, m.dmaAddress(), 32, DMA_FROM_DEVICE, at(7));
        // arm64 cleans+invalidates the partly covered line: the CPU's flag survives, the device data may not
        ReadResult r = k.cpuRead(obj, 0, 32, true, at(8));
        assertTrue(r.sometimes(b(0)) && r.sometimes(b(0x5A)));
        assertTrue(k.cpuRead(obj, 32, 4, true, at(9)).always(b(1)));
    }

    @Test
    void twoKmallocObjectsShareNoLineWithoutSwiotlb() {
        // mm/slab_common.c __kmalloc_minalign(): dma_get_cache_alignment() unless unaligned kmalloc
        // buffers can bounce (CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC and is_swiotlb_allocated())
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        Buffer a = k.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        Buffer b = k.kmalloc(32, Gfp.GFP_KERNEL, at(3));
        assertEquals(64, Math.abs(b.physBase() - a.physBase()));
        Kernel withPool = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Buffer c = withPool.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        Buffer e = withPool.kmalloc(32, Gfp.GFP_KERNEL, at(3));
        assertEquals(32, Math.abs(e.physBase() - c.physBase()));
    }
}
