package org.dmasim.engine.memory;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.junit.jupiter.api.Test;

class MemoryTest {
    static final long MiB = 1L << 20;
    static final long GiB = 1L << 30;

    @Test
    void plainAllocationsTakeTheHighestPagesAndFallDown() {
        Kernel k = new Kernel();
        Buffer a = k.allocPages(4096, Gfp.GFP_KERNEL, at(1));
        Buffer b = k.allocPages(4096, Gfp.GFP_HIGHUSER, at(2));
        assertEquals(8 * GiB - 4096, a.physBase());
        assertEquals(8 * GiB - 8192, b.physBase());
        Buffer big = k.allocPages(64 * 1024, Gfp.GFP_KERNEL, at(3));
        assertEquals(0, big.physBase() % (64 * 1024), "buddy blocks are aligned to their order");
        assertTrue(big.physBase() >= 4 * GiB);
    }

    @Test
    void zoneModifiersCapThePlacement() {
        Kernel arm = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Buffer dma32 = arm.allocPages(64 * 1024, Gfp.GFP_DMA32, at(1));
        assertTrue(dma32.physBase() + 64 * 1024 <= 4 * GiB);
        // the swiotlb pool sits at the top of the low 4 GiB
        assertEquals(4 * GiB - 64 * MiB - 64 * 1024, dma32.physBase());
        // arch/arm64/mm/init.c dma_limits_init: ZONE_DMA ends at min(firmware limit, 4 GiB)
        Buffer dma = arm.allocPages(4096, Gfp.GFP_DMA, at(2));
        assertEquals(4 * GiB - 64 * MiB - 64 * 1024 - 4096, dma.physBase());
        // a Raspberry Pi 4's device tree limits DMA to 1 GiB: ZONE_DMA and the swiotlb pool below it
        Kernel rpi = new Kernel(ArchProfile.arm64(), MachineConfig.defaults().withZoneDma(GiB));
        assertEquals(GiB - 64 * MiB, rpi.machine().pool().base());
        assertEquals(GiB - 64 * MiB - 4096, rpi.allocPages(4096, Gfp.GFP_DMA, at(1)).physBase());
        Kernel x86 = new Kernel();
        assertEquals(16 * MiB - 4096, x86.allocPages(4096, Gfp.GFP_DMA, at(1)).physBase());
    }

    @Test
    void ordersAboveTenFailLikeTheBuddyAllocator() {
        Kernel k = new Kernel();
        assertNull(k.allocPages(4 * MiB + 1, Gfp.GFP_KERNEL, at(1)));
        assertEquals(4 * MiB, k.allocPages(4 * MiB, Gfp.GFP_KERNEL, at(2)).size());
    }

    @Test
    void anExhaustedZoneReturnsNull() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults().withRam(64 * MiB).withSwiotlb(0));
        assertEquals(ArchProfile.x86_64().zoneDmaLimit(), 16 * MiB);
        for (int i = 0; i < 4; i++) {
            k.allocPages(4 * MiB, Gfp.GFP_DMA, at(1));
        }
        assertNull(k.allocPages(4096, Gfp.GFP_DMA, at(2)));
    }

    @Test
    void freedPagesComeBackZeroed() {
        Kernel k = new Kernel();
        Buffer a = k.allocPages(4096, Gfp.GFP_KERNEL, at(1));
        k.cpuWrite(a, 0, 4096, new byte[] {7}, at(2));
        k.freePages(a, at(3));
        Buffer b = k.allocPages(4096, Gfp.GFP_KERNEL, at(4));
        assertEquals(a.physBase(), b.physBase());
        assertTrue(k.cpuRead(b, 0, 4096, false, at(5)).always(new byte[] {0}));
        assertEquals(0, k.reports().size());
    }

    @Test
    void untouchedMemoryCostsNothing() {
        // the read's own values (4 MiB, transient) must fit beside the machine's state
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults().withMemoryBudget(5 * MiB));
        Buffer a = k.allocPages(4 * MiB, Gfp.GFP_KERNEL, at(1));
        assertTrue(k.cpuRead(a, 0, 4 * MiB - 1, false, at(2)).isCertain());
        assertEquals(0, k.machine().budget().used());
    }

    @Test
    void goingOverTheBudgetIsAScriptFaultAndChangesNothing() {
        Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults().withMemoryBudget(1 * MiB));
        Buffer a = k.allocPages(4 * MiB, Gfp.GFP_KERNEL, at(1));
        k.cpuWrite(a, 0, 64, new byte[] {1}, at(2));
        long used = k.machine().budget().used();
        ScriptFault f = assertThrows(ScriptFault.class, () -> k.cpuWrite(a, 0, 4 * MiB, new byte[] {9}, at(3)));
        assertTrue(f.getMessage().startsWith("memory budget exceeded"), f.getMessage());
        assertEquals(used, k.machine().budget().used());
        assertTrue(k.cpuRead(a, 64, 4096, true, at(4)).always(new byte[] {0}));
        assertTrue(k.cpuRead(a, 0, 64, true, at(5)).always(new byte[] {1}));
    }

    @Test
    void archAndMachineOnlyBeforeTheFirstDeviceOrAllocation() {
        Kernel k = new Kernel();
        k.setProfile(ArchProfile.arm64(), at(1));
        k.configure(MachineConfig.defaults().withRam(GiB), at(2));
        assertEquals("arm64", k.profile().name());
        k.addDevice(DeviceConfig.named("nic"), at(3));
        assertThrows(ScriptFault.class, () -> k.setProfile(ArchProfile.x86_64(), at(4)));
        assertThrows(ScriptFault.class, () -> k.configure(MachineConfig.defaults(), at(5)));
        assertThrows(ScriptFault.class, () -> k.addDevice(DeviceConfig.named("nic"), at(6)));
    }

    @Test
    void allocatorMergesFreedRuns() {
        PageAllocator a = new PageAllocator(0, 16 * 4096, 4096);
        long x = a.allocate(4, Long.MAX_VALUE);
        long y = a.allocate(4, Long.MAX_VALUE);
        a.free(x, 4);
        a.free(y, 4);
        assertEquals(0, a.allocate(16, Long.MAX_VALUE));
        assertEquals(-1, a.allocate(1, Long.MAX_VALUE));
    }
}
