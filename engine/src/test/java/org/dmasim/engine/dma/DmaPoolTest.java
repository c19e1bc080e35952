package org.dmasim.engine.dma;

import static org.dmasim.engine.At.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.junit.jupiter.api.Test;

/**
 * mm/dmapool.c (Linux 6.4+, DMAPOOL_DEBUG): dma_pool_create's argument rules, blocks that never
 * cross the boundary, the LIFO free list, the poison and the checks of pool_block_err(),
 * pool_check_block() and dma_pool_destroy().
 */
class DmaPoolTest {
    private final Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
    private final Device hc = k.addDevice(new DeviceConfig("hc", 64, 64, null, false, 0, false, false, 0, null,
            false, "migrate", null), at(1));

    private List<ReportCode> codes() {
        return k.reports().stream().map(Report::code).toList();
    }

    /** What a failed call could have changed: the budget, reports, dma-debug entries, dirty lines, free pages. */
    private static String state(Kernel k) {
        var m = k.machine();
        return m.budget().used() + " " + k.reports().size() + " " + m.debug().entries().size() + " "
                + m.cache().dirtyLines() + " " + m.allocator().peekHighest(1, Long.MAX_VALUE);
    }

    @Test
    void anAllocationOverTheBudgetLeavesThePoolAndTheMachineAsTheyWere() {
        // found by fuzzing: the new page was allocated (zeroed, a dma-debug entry, charged) before
        // its poison's memset failed the budget, and the pool kept the page
        Kernel small = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults().withMemoryBudget(8L << 20));
        Device nic = small.addDevice(new DeviceConfig("nic", 24, 24, null, false, 0, false, false, 0, null,
                false, "migrate", null), at(1));
        DmaPool big = small.dmaPoolCreate("big", nic, 100, 1 << 20, 0, at(2));
        String before = state(small);
        org.dmasim.engine.ScriptFault f = org.junit.jupiter.api.Assertions.assertThrows(
                org.dmasim.engine.ScriptFault.class, () -> small.dmaPoolAlloc(big, false, at(3)));
        assertTrue(f.getMessage().startsWith("memory budget exceeded: a new 1MiB dma_pool page and its memsets"),
                f.getMessage());
        assertEquals(before, state(small));
        // a pool whose page fits still allocates, and the machine's budget holds what it charged
        DmaPool fits = small.dmaPoolCreate("fits", nic, 64, 4096, 0, at(4));
        assertNotNull(small.dmaPoolAlloc(fits, false, at(5)));
        assertTrue(small.machine().budget().used() <= small.machine().budget().limit());
    }

    @Test
    void createRefusesWhatTheKernelRefuses() {
        // dma_pool_create_node(): align must be a power of two, size 1..INT_MAX, a non-zero
        // boundary a power of two at least the (rounded) block size
        assertNull(k.dmaPoolCreate("p", hc, 64, 24, 0, at(2)));
        assertNull(k.dmaPoolCreate("p", hc, 0, 0, 0, at(2)));
        assertNull(k.dmaPoolCreate("p", hc, 1L << 31, 0, 0, at(2)));
        assertNull(k.dmaPoolCreate("p", hc, 64, 0, 32, at(2)));
        assertNull(k.dmaPoolCreate("p", hc, 64, 0, 96, at(2)));
        // size rounds up to 16 (sizeof(struct dma_block)) and then to align
        assertEquals(16, k.dmaPoolCreate("p", hc, 1, 0, 0, at(2)).blockSize());
        assertEquals(64, k.dmaPoolCreate("p", hc, 40, 32, 0, at(2)).blockSize());
        assertTrue(k.reports().isEmpty());
    }

    @Test
    void blocksNeverCrossTheBoundaryAndComeOutInAddressOrder() {
        // pool_initialise_page(): 48-byte blocks, 128-byte boundary: two per 128 bytes
        DmaPool pool = k.dmaPoolCreate("p", hc, 48, 16, 128, at(2));
        DmaPoolBlock a = k.dmaPoolAlloc(pool, false, at(3));
        DmaPoolBlock b = k.dmaPoolAlloc(pool, false, at(4));
        DmaPoolBlock c = k.dmaPoolAlloc(pool, false, at(5));
        long base = a.dma().dmaAddress();
        assertEquals(48, b.dma().dmaAddress() - base);
        assertEquals(128, c.dma().dmaAddress() - base);
        assertEquals(a.cpu().phys(0) + 128, c.cpu().phys(0));
    }

    @Test
    void theLastFreedBlockComesBackFirstPoisoned() {
        DmaPool pool = k.dmaPoolCreate("p", hc, 64, 0, 0, at(2));
        DmaPoolBlock a = k.dmaPoolAlloc(pool, false, at(3));
        DmaPoolBlock b = k.dmaPoolAlloc(pool, false, at(4));
        assertTrue(k.cpuRead(a.cpu(), 0, 64, true, at(5)).always(new byte[] {(byte) 0xa9}));
        k.dmaPoolFree(pool, a.cpu(), a.dma().dmaAddress(), at(6));
        k.dmaPoolFree(pool, b.cpu(), b.dma().dmaAddress(), at(7));
        DmaPoolBlock again = k.dmaPoolAlloc(pool, true, at(8));
        assertEquals(b.dma().dmaAddress(), again.dma().dmaAddress());
        assertTrue(k.cpuRead(again.cpu(), 0, 64, true, at(9)).always(new byte[] {0}));
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        // the old block is freed: touching it is a use after free
        assertTrue(b.freed());
        assertFalse(again.freed());
        k.cpuWrite(b.cpu(), 0, 4, new byte[] {1}, at(10));
        assertEquals(List.of(ReportCode.USE_AFTER_FREE), codes());
    }

    @Test
    void aWriteAfterFreeIsFoundAtTheNextAllocation() {
        DmaPool pool = k.dmaPoolCreate("p", hc, 64, 0, 0, at(2));
        DmaPoolBlock a = k.dmaPoolAlloc(pool, false, at(3));
        k.dmaPoolFree(pool, a.cpu(), a.dma().dmaAddress(), at(4));
        // the free-list link (the first 16 bytes) is not checked, as in pool_check_block()
        k.deviceWrite(hc, a.dma(), 0, 16, new byte[] {7}, at(5));
        k.dmaPoolAlloc(pool, false, at(6));
        assertEquals(List.of(ReportCode.USE_AFTER_FREE), codes());
        DmaPoolBlock b = k.dmaPoolAlloc(pool, false, at(7));
        k.dmaPoolFree(pool, b.cpu(), b.dma().dmaAddress(), at(8));
        k.deviceWrite(hc, b.dma(), 32, 4, new byte[] {7}, at(9));
        assertNotNull(k.dmaPoolAlloc(pool, false, at(10)));
        assertEquals(ReportCode.DMAPOOL_CORRUPTED, codes().get(codes().size() - 1));
        assertTrue(k.reports().get(k.reports().size() - 1).message().endsWith("(corrupted)"));
    }

    @Test
    void badAddressesAndDoubleFreesChangeNothing() {
        DmaPool pool = k.dmaPoolCreate("p", hc, 64, 0, 0, at(2));
        DmaPoolBlock a = k.dmaPoolAlloc(pool, false, at(3));
        k.dmaPoolFree(pool, a.cpu(), 0x1000, at(4));
        assertEquals(List.of(ReportCode.DMAPOOL_BAD_DMA), codes());
        assertFalse(a.freed());
        k.dmaPoolFree(pool, a.cpu(), a.dma().dmaAddress(), at(5));
        k.dmaPoolFree(pool, a.cpu(), a.dma().dmaAddress(), at(6));
        assertEquals(List.of(ReportCode.DMAPOOL_BAD_DMA, ReportCode.DMAPOOL_ALREADY_FREE), codes());
        // one block on the free list, not two: the next two allocations differ
        DmaPoolBlock x = k.dmaPoolAlloc(pool, false, at(7));
        DmaPoolBlock y = k.dmaPoolAlloc(pool, false, at(8));
        assertFalse(x.dma().dmaAddress() == y.dma().dmaAddress());
    }

    @Test
    void destroyingABusyPoolLeaksItsPages() {
        DmaPool pool = k.dmaPoolCreate("p", hc, 64, 0, 0, at(2));
        k.dmaPoolAlloc(pool, false, at(3));
        k.dmaPoolDestroy(pool, at(4));
        k.finish(at(5));
        assertEquals(List.of(ReportCode.DMAPOOL_BUSY, ReportCode.DMA_LEAK), codes());
        assertEquals("hc: dma_pool_destroy p busy", k.reports().get(0).message());
    }

    @Test
    void anIdlePoolGivesItsPagesBack() {
        DmaPool pool = k.dmaPoolCreate("p", hc, 64, 0, 0, at(2));
        DmaPoolBlock a = k.dmaPoolAlloc(pool, false, at(3));
        k.dmaPoolFree(pool, a.cpu(), a.dma().dmaAddress(), at(4));
        k.dmaPoolDestroy(pool, at(5));
        k.finish(at(6));
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        k.dmaPoolAlloc(pool, false, at(7));
        assertEquals(List.of(ReportCode.USE_AFTER_FREE), codes());
    }
}
