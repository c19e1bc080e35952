package org.dmasim.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The stores of one machine, whose pages are frames of shared slabs and shared copy-on-write,
 * against plain arrays: whatever sequence of writes, fills, zeroes and copies between them, each
 * reads what the plain model holds, and the budget charges every backed page of every store.
 */
class SparseBytesModelTest {
    private static final int PAGES = 24;
    private static final int SIZE = PAGES * SparseBytes.PAGE;

    @Property(tries = 60)
    void storesReadLikePlainArrays(@ForAll long seed) {
        Random r = new Random(seed);
        MemoryBudget budget = new MemoryBudget(1L << 30);
        SparseBytes[] stores = {new SparseBytes(budget, "a"), new SparseBytes(budget, "b"),
            new SparseBytes(budget, "c")};
        stores[2].seekEqualPages(false);
        byte[][] model = new byte[3][SIZE];
        byte[][] patterns = {{0x5A}, {1, 2, 3}, {0}, {7, 7, 7, 7, 9}};
        for (int step = 0; step < 200; step++) {
            int s = r.nextInt(3);
            // mostly whole pages (where sharing happens), sometimes any range
            long phys = r.nextBoolean() ? (long) r.nextInt(PAGES) * SparseBytes.PAGE : r.nextInt(SIZE);
            int length = (int) Math.min(SIZE - phys,
                    r.nextBoolean() ? (1 + r.nextInt(3)) * SparseBytes.PAGE : 1 + r.nextInt(3 * SparseBytes.PAGE));
            switch (r.nextInt(4)) {
                case 0 -> {
                    byte[] data = new byte[length];
                    r.nextBytes(data);
                    if (r.nextBoolean()) {
                        data = model[r.nextInt(3)].clone(); // the bytes another store holds there
                        data = java.util.Arrays.copyOfRange(data, (int) phys, (int) phys + length);
                    }
                    stores[s].write(phys, data, 0, length);
                    System.arraycopy(data, 0, model[s], (int) phys, length);
                }
                case 1 -> {
                    byte[] p = patterns[r.nextInt(patterns.length)];
                    long start = r.nextInt(7);
                    stores[s].fill(phys, length, p, start);
                    for (int i = 0; i < length; i++) {
                        model[s][(int) phys + i] = p[(int) ((start + i) % p.length)];
                    }
                }
                case 2 -> {
                    stores[s].zero(phys, length);
                    java.util.Arrays.fill(model[s], (int) phys, (int) phys + length, (byte) 0);
                }
                default -> {
                    int to = (s + 1 + r.nextInt(2)) % 3;
                    stores[s].copyTo(stores[to], phys, length);
                    System.arraycopy(model[s], (int) phys, model[to], (int) phys, length);
                }
            }
            long backed = 0;
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(model[i], stores[i].read(0, SIZE), "store " + i + " after step " + step);
                backed += stores[i].backedPages();
            }
            assertEquals(Math.max(backed * SparseBytes.PAGE, budget.shared.frames.bytes()), budget.used(),
                    "the budget charges every backed page, or the slabs when they hold more");
        }
    }

    @Test
    void freedFramesAreReusedAndBigMachinesUseLargeSlabs() {
        MemoryBudget budget = new MemoryBudget(1L << 30);
        SparseBytes dram = new SparseBytes(budget, "dram");
        long bytes = 64L << 20;
        dram.fill(0, bytes, new byte[] {0x5A}, 0);
        long frames = budget.shared.frames.capacity();
        assertTrue(frames >= bytes / SparseBytes.PAGE && frames < 2 * bytes / SparseBytes.PAGE, "frames " + frames);
        // the slabs of a big machine are 16 MiB less a page: large enough for the old generation
        assertTrue(budget.shared.frames.array(0).length == SparseBytes.PAGE
                && budget.shared.frames.largestSlab() == 4095 * SparseBytes.PAGE);
        dram.zero(0, bytes);
        dram.fill(0, bytes, new byte[] {1, 2}, 0);
        assertEquals(frames, budget.shared.frames.capacity(), "the freed frames were taken again");
        assertEquals(1, dram.read(bytes - 2, 1)[0]);
    }
}
