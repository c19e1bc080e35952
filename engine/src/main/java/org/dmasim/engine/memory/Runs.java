package org.dmasim.engine.memory;

import java.util.function.LongUnaryOperator;

/** Physically contiguous runs of page-built views (vmalloc, shmem). */
final class Runs {
    private Runs() {
    }

    /** Bytes from {@code offset} up to where the next page is not the physical successor. */
    static long contiguousFrom(LongUnaryOperator phys, long offset, long size, int pageSize) {
        long end = Math.min(size, (offset / pageSize + 1) * pageSize);
        long expected = phys.applyAsLong(end - 1) + 1;
        while (end < size && phys.applyAsLong(end) == expected) {
            long next = Math.min(size, end + pageSize);
            expected = phys.applyAsLong(next - 1) + 1;
            end = next;
        }
        return end - offset;
    }
}
