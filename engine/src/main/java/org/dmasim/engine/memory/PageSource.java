package org.dmasim.engine.memory;

/**
 * Where objects that allocate pages on their own (slabs, vmalloc, shmem) get them: the page
 * allocator plus the zeroing and the data moves that go with it, provided by the engine.
 */
public interface PageSource {
    /** Zeroed contiguous pages for {@code bytes} below {@code limit}; the physical address or -1. */
    long allocate(long bytes, long limit, String witness);

    /** Gives pages back to the allocator. */
    void free(long phys, long bytes);

    /** The bytes a page holds now (what swap-out writes to disk). */
    byte[] save(long phys, int length);

    /** Puts saved bytes back into memory (swap-in). */
    void restore(long phys, byte[] data, String witness);

    int pageSize();

    /** Free pages left in the machine (a request for more cannot succeed). */
    default long freePages() {
        return Long.MAX_VALUE;
    }

    /** Free pages below {@code limit}: how many single pages {@link #allocate} can still hand out under it. */
    default long freePagesBelow(long limit) {
        return freePages();
    }

    /** Charges a swapped page again (undoing a swap-in: {@link #restore} released it). */
    default void recharge(long bytes) {
    }

    /** Registers how to undo a step should the call in progress fail (see Machine.atomically). */
    default void onFailure(Runnable step) {
    }

    /** One more unit of a long page-by-page operation (see {@link org.dmasim.engine.Pulse}). */
    default void beat() {
    }
}
