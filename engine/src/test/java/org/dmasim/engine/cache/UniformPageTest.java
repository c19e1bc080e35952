package org.dmasim.engine.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheDomain#uniformPage}, the page-level question tools ask before folding a page's
 * lines without looking at each: when it says yes, every line of the page is in the first line's
 * configurations with its bytes; it says yes for untouched pages and pages written alike, and no
 * as soon as one line differs.
 */
class UniformPageTest {
    private static final int LINE = 64;
    private static final int PAGE = SparseBytes.PAGE;
    private static final long BASE = 0x10_0000;

    private static CacheDomain domain(boolean speculate) {
        MemoryBudget budget = new MemoryBudget(1L << 26);
        SparseBytes shadow = new SparseBytes(budget, "shadow");
        return new CacheDomain(LINE, new SparseBytes(budget, "memory"), budget, p -> speculate,
                Maintenance.CLEAN_INVALIDATE, shadow::read);
    }

    @Test
    void untouchedAndAlikePagesAreUniformOneDifferentLineIsNot() {
        CacheDomain c = domain(true);
        assertTrue(c.uniformPage(BASE), "an untouched page");
        c.write(AccessKind.CPU_CACHED, BASE, PAGE, new byte[] {0x11}, 0, "cpu", "t");
        assertTrue(c.uniformPage(BASE), "a page the CPU filled with one byte");
        c.maintain(Maintenance.CLEAN, BASE, PAGE, "t");
        c.write(AccessKind.DEVICE_NONCOHERENT, BASE, PAGE, new byte[] {0x5a}, 0, "dev", "t");
        assertTrue(c.uniformPage(BASE), "a page a device filled under clean lines");
        c.write(AccessKind.CPU_CACHED, BASE + 3 * LINE, LINE, new byte[] {0x77}, 0, "cpu", "t");
        assertFalse(c.uniformPage(BASE), "one line written again");
        assertTrue(c.uniformPage(BASE + PAGE), "the next page, untouched");
        c.write(AccessKind.DEVICE_NONCOHERENT, BASE + PAGE, PAGE, new byte[] {1, 2}, 0, "dev", "t");
        assertTrue(c.uniformPage(BASE + PAGE), "a two-byte pattern repeats every line");
        c.write(AccessKind.DEVICE_NONCOHERENT, BASE + PAGE, PAGE, new byte[] {1, 2, 3}, 0, "dev", "t");
        assertFalse(c.uniformPage(BASE + PAGE), "a three-byte pattern does not");
    }

    @Property(tries = 1500, seed = "12")
    void aUniformPageHasEveryLineLikeItsFirst(@ForAll long seed) {
        Random rnd = new Random(seed);
        CacheDomain c = domain(rnd.nextBoolean());
        int ops = 1 + rnd.nextInt(6);
        for (int i = 0; i < ops; i++) {
            // whole pages often, so that uniform pages with history are common; single lines and odd ranges too
            long at = BASE + (rnd.nextBoolean() ? 0 : (long) rnd.nextInt(2 * PAGE / LINE) * LINE + rnd.nextInt(2) * 7);
            int length = rnd.nextBoolean() ? PAGE : 1 + rnd.nextInt(3 * LINE);
            byte[] v = {(byte) (1 + rnd.nextInt(2))};
            switch (rnd.nextInt(8)) {
                case 0 -> c.write(AccessKind.CPU_CACHED, at, length, v, 0, "cpu", "t");
                case 1 -> c.write(AccessKind.DEVICE_NONCOHERENT, at, length, v, 0, "dev", "t");
                case 2 -> c.write(AccessKind.DEVICE_COHERENT, at, length, v, 0, "coh", "t");
                case 3 -> c.maintain(Maintenance.CLEAN, at, length, "t");
                case 4 -> c.maintain(Maintenance.INVALIDATE, at, length, "t");
                case 5 -> c.evict(at, length, "t");
                case 6 -> c.write(AccessKind.CPU_UNCACHED, at, length, v, 0, "uc", "t");
                default -> c.read(AccessKind.CPU_CACHED, at, length, "t");
            }
        }
        for (long page = BASE; page < BASE + 3 * PAGE; page += PAGE) {
            if (c.uniformPage(page)) {
                for (long l = page + LINE; l < page + PAGE; l += LINE) {
                    assertTrue(c.sameLines(page, l), "page " + Long.toHexString(page) + " said uniform, line "
                            + Long.toHexString(l) + " differs from its first");
                }
            }
        }
    }
}
