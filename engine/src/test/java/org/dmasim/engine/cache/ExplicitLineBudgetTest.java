package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.api.Test;

/**
 * The memory budget charges uncertain (explicit) cache lines what they really hold: its count
 * against the heap they retain, measured after full collections (deterministic enough with a
 * generous tolerance; nothing here is timed).
 */
class ExplicitLineBudgetTest {
    private static final int LINES = 40_000;

    @Test
    void theBudgetOfUncertainLinesIsTheHeapTheyHold() {
        long heapBefore = usedAfterGc();
        MemoryBudget budget = new MemoryBudget(1L << 30);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        CacheDomain cache = new CacheDomain(64, new SparseBytes(budget, "memory"), budget, p -> true,
                Maintenance.CLEAN_INVALIDATE, shadow::read);
        long bytes = 64L * LINES;
        // dirty lines, then a device that does not snoop writes DRAM under them: each line may be
        // dirty over the new bytes, written back, clean, or refilled, a set no cheaper form holds
        cache.write(AccessKind.CPU_CACHED, 0, bytes, new byte[] {1}, 0, "CPU write at 3:1", "3:1");
        cache.write(AccessKind.DEVICE_NONCOHERENT, 0, bytes, new byte[] {2}, 0, "device write at 4:1", "4:1");
        assertEquals(LINES, cache.uncertainLines());
        long heap = usedAfterGc() - heapBefore;
        long charged = budget.used();
        double ratio = charged / (double) heap;
        assertTrue(ratio > 0.8 && ratio < 1.25, "the budget charges " + charged + " bytes for " + heap
                + " bytes of heap (" + String.format("%.2f", ratio) + "x)");
        assertTrue(cache.uncertainLines() == LINES && shadow.backedPages() >= 0); // keeps the machine reachable
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last - 16 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
