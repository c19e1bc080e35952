package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.dmasim.engine.machine.Direction.DMA_TO_DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.PageBuffer;
import org.dmasim.engine.memory.PhysView;
import org.junit.jupiter.api.Test;

/**
 * What a new owner of pages finds: the page allocator's zeroing ({@code __GFP_ZERO},
 * mm/page_alloc.c kernel_init_pages -> clear_highpage) goes through the cacheable linear map,
 * so until the dirty zeroes are cleaned DRAM still holds the previous owner's data, which an
 * uncached reader or a device that does not snoop can see (omapdrm and msm clean new shmem
 * pages for this reason: drivers/gpu/drm/omapdrm/omap_gem.c omap_gem_attach_pages,
 * drivers/gpu/drm/msm/msm_gem.c get_pages -> sync_for_device). And
 * {@code DMA_ATTR_NO_KERNEL_MAPPING} allocations are not zeroed at all
 * (kernel/dma/direct.c dma_direct_alloc_no_mapping: gfp & ~__GFP_ZERO).
 */
class NewPagesTest {
    static final byte[] OLD = {(byte) 0xAB};
    static final byte[] ZERO = {0};

    /** A page the CPU wrote and wrote back, freed: DRAM holds 0xAB. */
    static long usedAndFreed(Kernel k) {
        Buffer old = k.allocPages(4096, Gfp.GFP_KERNEL, at(2));
        k.cpuWrite(old, 0, 4096, OLD, at(3));
        k.writeback(old, 0, 4096, at(4));
        k.freePages(old, at(5));
        return old.physBase();
    }

    @Test
    void anUncachedReaderSeesThePreviousOwnersDataUnderTheDirtyZeroes() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        long phys = usedAndFreed(k);
        Buffer fresh = k.allocPages(4096, Gfp.GFP_KERNEL, at(6));
        assertEquals(phys, fresh.physBase());
        // the cacheable view sees the zeroes
        assertTrue(k.cpuRead(fresh, 0, 64, true, at(7)).always(ZERO));
        // an uncached alias of the same page (a WC user mapping, say) may still see 0xAB
        PhysView uc = new PhysView((PageBuffer) fresh, MemoryType.UNCACHED, "uc");
        ReadResult r = k.cpuRead(uc, 0, 64, true, at(8));
        assertTrue(r.sometimes(OLD));
        assertTrue(r.sometimes(ZERO));
        Alternative previous = r.segments().get(0).alternatives().stream().filter(Alternative::stale).findFirst()
                .orElseThrow();
        assertTrue(previous.witness().text().startsWith("the previous owner's data (CPU write at 3:1"),
                previous.witness().text());
        // cleaning the lines (what omapdrm/msm do for new pages) ends it
        k.writeback(fresh, 0, 4096, at(9));
        assertTrue(k.cpuRead(uc, 0, 64, true, at(10)).always(ZERO));
    }

    @Test
    void freshMemoryStaysDeterministic() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Buffer fresh = k.allocPages(1 << 20, Gfp.GFP_KERNEL, at(2));
        assertTrue(k.cpuRead(new PhysView((PageBuffer) fresh, MemoryType.UNCACHED, "uc"), 0, 1 << 20, true, at(3))
                .isCertain());
        assertEquals(0, k.machine().cache().dirtyLines());
    }

    @Test
    void noKernelMappingAllocationsAreNotZeroed() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device dsp = k.addDevice(new DeviceConfig("dsp", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        long phys = usedAndFreed(k);
        CoherentAllocation c = k.dmaAllocAttrs(dsp, 4096, DmaAttrs.DMA_ATTR_NO_KERNEL_MAPPING, at(6));
        assertNotNull(c);
        assertNull(c.cpu());
        assertEquals(phys, c.dma().dmaAddress());
        int n = k.reports().size();
        ReadResult r = k.deviceRead(dsp, c.dma(), 0, 64, false, at(7));
        assertTrue(r.always(OLD), "nothing zeroed the page: the device reads the previous owner's data");
        assertEquals(n, k.reports().size(), "and that is the latest value, not a stale one");
        // an ordinary coherent allocation of the same page is zeroed
        k.dmaFreeCoherent(dsp, c, at(8));
        CoherentAllocation z = k.dmaAllocAttrs(dsp, 4096, 0, at(9));
        assertTrue(k.deviceRead(dsp, z.dma(), 0, 64, false, at(10)).always(ZERO));
    }

    @Test
    void aDeviceMappingWithSkipCpuSyncReadsThePreviousOwnersData() {
        Kernel k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device nic = k.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), at(1));
        usedAndFreed(k);
        Buffer fresh = k.allocPages(4096, Gfp.GFP_KERNEL, at(6));
        Mapping m = k.dmaMapSingle(nic, fresh, 0, 4096, DMA_TO_DEVICE, DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC, at(7));
        ReadResult r = k.deviceRead(nic, m, 0, 64, true, at(8));
        assertTrue(r.sometimes(OLD));
        assertFalse(r.always(ZERO));
    }
}
