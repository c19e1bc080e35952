package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.api.Test;

/**
 * The memory budget charges uncertain (explicit) cache lines what they really hold: its count
 * against the heap they retain, measured after full collections as the difference between the
 * machine with the lines explicit and the same machine once they are deterministic again (DRAM and
 * its page frames are there in both; nothing here is timed).
 */
class ExplicitLineBudgetTest {
    private static final int LINES = 40_000;

    /** The heap and the budget's charge per explicit line. */
    private record PerLine(long heap, long charged) {
        double ratio() {
            return charged / (double) heap;
        }
    }

    @Test
    void linesLeftUncertainByOnePatternShareOneSetAndAreChargedWhatTheyHold() {
        PerLine p = measure(new byte[] {1}, new byte[] {2});
        assertTrue(p.heap() <= 200, "an explicit line holds " + p.heap() + " bytes of heap");
        assertTrue(p.ratio() > 0.9 && p.ratio() < 1.1, "the budget charges " + p.charged() + " bytes a line for "
                + p.heap() + " bytes of heap (" + String.format("%.2f", p.ratio()) + "x)");
    }

    @Test
    void linesOfDistinctBytesAreChargedWhatTheyHold() {
        Random random = new Random(7);
        byte[] cpu = new byte[64 * LINES];
        byte[] device = new byte[64 * LINES];
        random.nextBytes(cpu);
        random.nextBytes(device);
        PerLine p = measure(cpu, device);
        assertTrue(p.ratio() > 0.9 && p.ratio() < 1.1, "the budget charges " + p.charged() + " bytes a line for "
                + p.heap() + " bytes of heap (" + String.format("%.2f", p.ratio()) + "x)");
    }

    private static PerLine measure(byte[] cpu, byte[] device) {
        MemoryBudget budget = new MemoryBudget(1L << 30);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        CacheDomain cache = new CacheDomain(64, new SparseBytes(budget, "memory"), budget, p -> true,
                Maintenance.CLEAN_INVALIDATE, shadow::read);
        long bytes = 64L * LINES;
        // a snooping device's write leaves every line deterministic, over DRAM pages that stay
        cache.write(AccessKind.DEVICE_COHERENT, 0, bytes, new byte[] {7}, 0, "device write at 1:1", "1:1");
        // dirty lines, then a device that does not snoop writes DRAM under them: each line may be
        // dirty over the new bytes, written back, clean, or refilled, a set no cheaper form holds
        cache.write(AccessKind.CPU_CACHED, 0, bytes, cpu, 0, "CPU write at 3:1", "3:1");
        cache.write(AccessKind.DEVICE_NONCOHERENT, 0, bytes, device, 0, "device write at 4:1", "4:1");
        assertEquals(LINES, cache.uncertainLines());
        long heapExplicit = usedAfterGc();
        long chargedExplicit = budget.used();
        cache.write(AccessKind.DEVICE_COHERENT, 0, bytes, new byte[] {9}, 0, "device write at 5:1", "5:1");
        assertEquals(0, cache.uncertainLines());
        long heap = heapExplicit - usedAfterGc();
        long charged = chargedExplicit - budget.used();
        assertTrue(shadow.backedPages() >= 0 && cpu.length + device.length > 0); // keeps them reachable until here
        return new PerLine(heap / LINES, charged / LINES);
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
