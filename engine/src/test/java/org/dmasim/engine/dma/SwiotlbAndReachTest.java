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
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.BusRegion;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.DmaParms;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.junit.jupiter.api.Test;

/**
 * swiotlb slot placement and the reach checks as kernel/dma/swiotlb.c and include/linux/dma-direct.h
 * have them; per-arch kmalloc bouncing and ZONE_DMA (arch/riscv/Kconfig, arch/{arm64,riscv}/include/asm/cache.h,
 * arch/arm64/mm/init.c).
 */
class SwiotlbAndReachTest {
    static final long KiB = 1024;
    static final long GiB = 1L << 30;

    static Device dev(Kernel k, String name, int mask, boolean force, long offset, DmaParms parms) {
        return k.addDevice(new DeviceConfig(name, mask, mask, false, false, offset, force, false, 0, null, false,
                "migrate", null, parms), at(1));
    }

    static ArchProfile riscv() {
        return TestProfiles.all().stream().filter(p -> p.name().equals("riscv64")).findFirst().orElseThrow();
    }

    @Test
    void nvmeKeepsTheLowBitsOfTheOriginalInTheSlot() {
        // swiotlb_tbl_map_single: offset = swiotlb_align_offset(dev, 0, orig) = orig & min_align_mask &
        // (IO_TLB_SIZE - 1), and the slot is chosen so bit 11 matches too (iotlb_align_mask)
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nvme = dev(k, "nvme", 64, true, 0, new DmaParms(0xffff_ffffL, -1L, 0xfff, 0));
        Buffer b = k.allocPages(16 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping first = k.dmaMapSingle(nvme, b, 0x100, 512, DMA_TO_DEVICE, 0, at(3));
        Mapping m = k.dmaMapSingle(nvme, b, 0xa34, 1000, DMA_TO_DEVICE, 0, at(4));
        assertTrue(m.bounced());
        assertEquals((b.physBase() + 0xa34) & 0xfff, m.dmaAddress() & 0xfff);
        assertEquals((b.physBase() + 0x100) & 0xfff, first.dmaAddress() & 0xfff);
        // without a min_align_mask a small mapping starts a slot
        Device plain = dev(k, "plain", 64, true, 0, DmaParms.defaults());
        assertEquals(0, k.dmaMapSingle(plain, b, 0xa34, 1000, DMA_TO_DEVICE, 0, at(5)).dmaAddress() & 0x7ff);
    }

    @Test
    void slotsAreHandedOutNextFitFromTheAreaHint() {
        // swiotlb_search_pool_area starts at area->index and moves it past each allocation
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device d = dev(k, "d", 64, true, 0, DmaParms.defaults());
        Buffer b = k.allocPages(16 * KiB, Gfp.GFP_KERNEL, at(2));
        Mapping a = k.dmaMapSingle(d, b, 0, 2 * KiB, DMA_TO_DEVICE, 0, at(3));
        Mapping c = k.dmaMapSingle(d, b, 0, 2 * KiB, DMA_TO_DEVICE, 0, at(4));
        k.dmaUnmapSingle(d, a.dmaAddress(), 2 * KiB, DMA_TO_DEVICE, 0, at(5));
        Mapping e = k.dmaMapSingle(d, b, 0, 2 * KiB, DMA_TO_DEVICE, 0, at(6));
        assertEquals(c.dmaAddress() + 2 * KiB, e.dmaAddress(), "the freed first slot is not reused yet");
        assertTrue(k.machine().pool().areas() >= 1);
    }

    @Test
    void aMappingDoesNotCrossTheDevicesSegmentBoundary() {
        // iommu_is_span_boundary(slot_index, nslots, nr_slots(tbl_dma_addr), max_slots)
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device d = dev(k, "d", 64, true, 0, new DmaParms(0xffff_ffffL, 0x3fff, 0, 0));
        Buffer b = k.allocPages(64 * KiB, Gfp.GFP_KERNEL, at(2));
        k.dmaMapSingle(d, b, 0, 6 * KiB, DMA_TO_DEVICE, 0, at(3));
        Mapping m = k.dmaMapSingle(d, b, 0, 6 * KiB, DMA_TO_DEVICE, 0, at(4));
        long start = m.dmaAddress();
        assertEquals(start >>> 14, (start + 6 * KiB - 1) >>> 14, "within one 16 KiB segment");
    }

    @Test
    void theBusDmaLimitCapsTheMask() {
        // dma_capable: min_not_zero(*dev->dma_mask, dev->bus_dma_limit); the message prints both
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        Device d = dev(k, "d", 64, false, 0, new DmaParms(0xffff_ffffL, -1L, 0, 0xffff_ffffL));
        Buffer hi = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, at(2));
        assertTrue(hi.physBase() >= 4 * GiB);
        assertTrue(k.dmaMapSingle(d, hi, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3)).failed());
        Report r = k.reports().get(0);
        assertEquals(ReportCode.DMA_ADDR_OVERFLOW, r.code());
        assertTrue(r.message().endsWith("overflow (mask ffffffffffffffff, bus limit ffffffff)."), r.message());
    }

    @Test
    void memoryOutsideEveryDmaRangeCannotBeTranslated() {
        // translate_phys_to_dma: no region holds the address -> DMA_MAPPING_ERROR, so dma_capable fails
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withSwiotlb(0));
        Device d = dev(k, "d", 64, false, 0, new DmaParms(0xffff_ffffL, -1L, 0, 0,
                List.of(new BusRegion(2 * GiB, 0, GiB))));
        Buffer low = k.allocPages(4 * KiB, Gfp.GFP_DMA32, at(2));
        assertTrue(low.physBase() >= 3 * GiB);
        assertTrue(k.dmaMapSingle(d, low, 0, 4 * KiB, DMA_TO_DEVICE, 0, at(3)).failed());
        assertTrue(k.reports().get(0).message().startsWith("d: DMA addr 0xffffffffffffffff+4096 overflow"),
                k.reports().get(0).message());
        assertEquals(2 * GiB + 0x1000, d.dmaToPhys(0x1000));
        assertEquals(0x1000, d.physToDma(2 * GiB + 0x1000));
    }

    @Test
    void riscvBouncesSmallKmallocBuffers() {
        // arch/riscv/Kconfig: RISCV_DMA_NONCOHERENT selects DMA_BOUNCE_UNALIGNED_KMALLOC if SWIOTLB;
        // ARCH_DMA_MINALIGN is L1_CACHE_BYTES (arch/riscv/include/asm/cache.h)
        Kernel k = new Kernel(riscv(), MachineConfig.defaults());
        Device d = dev(k, "d", 64, false, 0, DmaParms.defaults());
        Buffer small = k.kmalloc(32, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.dmaMapSingle(d, small, 0, 32, DMA_FROM_DEVICE, 0, at(3)).bounced());
        Buffer big = k.kmalloc(128, Gfp.GFP_KERNEL, at(4));
        assertFalse(k.dmaMapSingle(d, big, 0, 128, DMA_FROM_DEVICE, 0, at(5)).bounced(),
                "128 >= 2 * ARCH_DMA_MINALIGN (64) on riscv; arm64's is 128");
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device ad = dev(arm, "d", 64, false, 0, DmaParms.defaults());
        assertEquals(256, 2 * arm.profile().traits().archDmaMinalign());
        assertTrue(arm.dmaMapSingle(ad, arm.kmalloc(96, Gfp.GFP_KERNEL, at(2)), 0, 96, DMA_FROM_DEVICE, 0, at(3))
                .bounced());
    }

    @Test
    void riscvWithoutCacheOperationsAlignsNothingAndMaintainsNothing() {
        // arch/riscv/mm/dma-noncoherent.c riscv_set_dma_cache_alignment: dma_cache_alignment = 1 when
        // no non-coherent operations are supported
        Kernel k = new Kernel(riscv(), MachineConfig.defaults().withSwiotlb(0).withNoncoherentCacheOps(false));
        assertEquals(1, k.machine().dmaCacheAlignment());
        assertEquals(8, k.machine().kmallocMinalign());
        Kernel z = new Kernel(riscv(), MachineConfig.defaults().withSwiotlb(0));
        assertEquals(64, z.machine().kmallocMinalign());
    }

    @Test
    void aMaskBelow32BitsNeedsZoneDmaToCoverIt() {
        // kernel/dma/direct.c dma_direct_supported: min_mask = min(top of RAM, zone_dma_limit)
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device d = dev(k, "d", 64, false, 0, DmaParms.defaults());
        assertEquals(Kernel.EIO, k.dmaSetMask(d, 30));
        Kernel rpi = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withZoneDma(GiB));
        Device emmc = dev(rpi, "emmc", 64, false, 0, DmaParms.defaults());
        assertEquals(0, rpi.dmaSetMask(emmc, 30));
    }
}
