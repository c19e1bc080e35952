package org.dmasim.engine.memory;

import java.util.Arrays;

/**
 * The page frames of one machine's stores, held in large arrays (slabs) instead of one array per
 * page: a collector copies young objects, and a gigabyte of 4 KiB arrays in the young generation
 * made every young collection copy hundreds of megabytes (pauses of seconds). Slabs double from
 * one page up to 4095 pages: a small machine stays small, and the slabs of a big one are large
 * enough to be allocated outside the young generation (G1 humongous regions from half a region;
 * the serial collector with {@code -XX:PretenureSizeThreshold}, as the launcher starts it). A slab
 * of 2^k - 1 pages with its array header fills whole regions of up to 16 MiB with no waste.
 *
 * <p>A frame is a number: its slab in the high bits, its page in the slab in the low 12. Freed
 * frames are reused; the slabs stay with the machine until it is dropped. The budget charges
 * the slabs whole when they hold more than the stores' pages ({@link MemoryBudget#used}), and a
 * new slab is no larger than the budget has room for.
 */
final class PageFrames {
    static final int PAGE = SparseBytes.PAGE;
    private static final int SLOT_BITS = 12;
    private static final int MAX_SLAB_PAGES = (1 << SLOT_BITS) - 1;

    private byte[][] slabs = new byte[4][];
    private int slabCount;
    /** Frames of the last slab handed out so far (the rest of it was never used: still zero). */
    private int usedInLast;
    private int[] free = new int[16];
    private int freeCount;
    /** Bytes in slabs. */
    private long bytes;
    private final MemoryBudget budget;

    PageFrames(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Bytes in slabs, in use or not. */
    long bytes() {
        return bytes;
    }

    /** Bytes of frames in the slabs that no store holds (freed, or never handed out). */
    long idleBytes() {
        long tail = slabCount == 0 ? 0 : slabs[slabCount - 1].length / PAGE - usedInLast;
        return (freeCount + tail) * (long) PAGE;
    }

    /** The slab holding {@code frame}. */
    byte[] array(int frame) {
        return slabs[frame >>> SLOT_BITS];
    }

    /** Where {@code frame} starts in its slab. */
    static int offset(int frame) {
        return (frame & MAX_SLAB_PAGES) << SLOT_BITS;
    }

    /** A frame with any contents (the caller overwrites all of it). */
    int take() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        return fresh();
    }

    /** A frame of zeros. */
    int takeZeroed() {
        if (freeCount > 0) {
            int frame = free[--freeCount];
            int off = offset(frame);
            Arrays.fill(array(frame), off, off + PAGE, (byte) 0);
            return frame;
        }
        return fresh();
    }

    /** {@code frame} is no longer held by any store. */
    void release(int frame) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = frame;
    }

    /** Frames in slabs, in use or free. */
    long capacity() {
        long pages = 0;
        for (int i = 0; i < slabCount; i++) {
            pages += slabs[i].length / PAGE;
        }
        return pages;
    }

    /** The size of the largest slab, in bytes. */
    int largestSlab() {
        return slabCount == 0 ? 0 : slabs[slabCount - 1].length;
    }

    private int fresh() {
        if (slabCount == 0 || usedInLast == slabs[slabCount - 1].length / PAGE) {
            int pages = slabCount >= SLOT_BITS ? MAX_SLAB_PAGES : (1 << (slabCount + 1)) - 1;
            pages = (int) Math.max(1, Math.min(pages, budget.slabRoom() / PAGE));
            if (slabCount == slabs.length) {
                slabs = Arrays.copyOf(slabs, slabCount * 2);
            }
            slabs[slabCount++] = new byte[pages * PAGE];
            bytes += (long) pages * PAGE;
            usedInLast = 0;
        }
        return ((slabCount - 1) << SLOT_BITS) | usedInLast++;
    }
}
