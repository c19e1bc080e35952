package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import javax.management.ObjectName;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.api.Test;

/**
 * The memory budget charges uncertain (explicit) cache lines what they really hold: its count
 * against the heap they retain, measured after full collections as the difference between the
 * machine with the lines explicit and the same machine once they are deterministic again (DRAM,
 * the cache overlay and their page frames are there in both; nothing here is timed).
 */
class ExplicitLineBudgetTest {
    private static final int LINES = 40_000;

    /** The heap and the budget's charge per explicit line. */
    private record PerLine(double heap, double charged) {
        double ratio() {
            return charged / (double) heap;
        }
    }

    @Test
    void linesLeftUncertainByOnePatternShareOneSetAndAreChargedWhatTheyHold() {
        PerLine p = measure(new byte[] {1}, new byte[] {2});
        assertTrue(p.heap() <= 16, "an explicit line holds " + p.heap() + " bytes of heap");
        assertWithinTenPercent(p);
    }

    @Test
    void linesOfDistinctBytesAreChargedWhatTheyHold() {
        Random random = new Random(7);
        byte[] cpu = new byte[64 * LINES];
        byte[] device = new byte[64 * LINES];
        random.nextBytes(cpu);
        random.nextBytes(device);
        PerLine p = measure(cpu, device);
        assertTrue(p.heap() <= 200, "an explicit line holds " + p.heap() + " bytes of heap");
        assertWithinTenPercent(p);
    }

    /** One uncertain line per 4 KiB page: no page holds a table for one line. */
    @Test
    void linesOnePerPageAreChargedWhatTheyHold() {
        Random random = new Random(11);
        byte[] cpu = new byte[64 * LINES];
        byte[] device = new byte[64 * LINES];
        random.nextBytes(cpu);
        random.nextBytes(device);
        measure(cpu, device, 256, 4096);
        PerLine p = measure(cpu, device, LINES / 8, 4096);
        assertTrue(p.heap() <= 200, "an explicit line holds " + p.heap() + " bytes of heap");
        assertWithinTenPercent(p);
    }

    private static void assertWithinTenPercent(PerLine p) {
        assertTrue(p.ratio() > 0.9 && p.ratio() < 1.1, String.format("the budget charges %.1f bytes a line for "
                + "%.1f bytes of heap (%.2fx)", p.charged(), p.heap(), p.ratio()));
    }

    private static PerLine measure(byte[] cpu, byte[] device) {
        // once over a few lines first: the classes and code paths the measured run takes are
        // loaded before its first measurement, not between its two
        measure(cpu, device, 1024, 64);
        return measure(cpu, device, LINES, 64);
    }

    /** Lines {@code stride} bytes apart, each written with its own bytes of {@code cpu} and {@code device}. */
    private static PerLine measure(byte[] cpu, byte[] device, int lines, int stride) {
        MemoryBudget budget = new MemoryBudget(1L << 30);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        CacheDomain cache = new CacheDomain(64, new SparseBytes(budget, "memory"), budget, p -> true,
                Maintenance.CLEAN_INVALIDATE, shadow::read);
        long bytes = (long) stride * lines;
        // a snooping device's write leaves every line deterministic, over DRAM pages that stay
        cache.write(AccessKind.DEVICE_COHERENT, 0, bytes, new byte[] {7}, 0, "device write at 1:1", "1:1");
        // dirty lines, then a device that does not snoop writes DRAM under them: each line may be
        // dirty over the new bytes, written back, clean, or refilled, a set no cheaper form holds
        for (long at = 0; at < bytes; at += stride == 64 ? bytes : stride) {
            long n = stride == 64 ? bytes : 64;
            cache.write(AccessKind.CPU_CACHED, at, n, cpu, at / stride * 64, "CPU write at 3:1", "3:1");
        }
        long chargedDirty = budget.used();
        for (long at = 0; at < bytes; at += stride == 64 ? bytes : stride) {
            long n = stride == 64 ? bytes : 64;
            cache.write(AccessKind.DEVICE_NONCOHERENT, at, n, device, at / stride * 64, "device write at 4:1", "4:1");
        }
        assertEquals(lines, cache.uncertainLines());
        long heapExplicit = usedAfterGc();
        long chargedExplicit = budget.used();
        // deterministic again, the lines give back what they were charged but the table of pages,
        // which never shrinks (12 bytes a slot, a slot or two per 64 lines)
        // line by line as the writes before went: the witnesses' runs (one per write, not charged
        // to the budget) stay as they are
        for (long at = 0; at < bytes; at += stride == 64 ? bytes : stride) {
            long n = stride == 64 ? bytes : 64;
            cache.write(AccessKind.DEVICE_COHERENT, at, n, new byte[] {9}, 0, "device write at 4:1", "5:1");
        }
        assertEquals(0, cache.uncertainLines());
        long heap = heapExplicit - usedAfterGc();
        long charged = chargedExplicit - budget.used();
        assertTrue(budget.used() - chargedDirty <= 32L * lines * stride / 4096, "still charged: " + (budget.used() - chargedDirty));
        assertTrue(shadow.backedPages() >= 0 && cpu.length + device.length > 0); // keeps them reachable until here
        return new PerLine(heap / (double) lines, charged / (double) lines);
    }

    /**
     * The bytes of live objects after a full collection, from the JVM's class histogram: the
     * heap's occupancy would also count the filler a collector leaves beside large arrays (G1's
     * humongous regions), which depends on the collector, not on what the lines hold.
     */
    private static long usedAfterGc() {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("no class histogram on this JVM", e);
        }
        long live = 0;
        for (String row : histogram.split("\n")) {
            String[] cells = row.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":") && !cells[3].contains("FillerElement")) {
                live += Long.parseLong(cells[2]);
            }
        }
        return live;
    }
}
