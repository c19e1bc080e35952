package org.dmasim.engine;

/**
 * The heartbeat of long engine operations: bulk reads and writes, cache maintenance over large
 * ranges, page-allocator and slab searches, page-by-page allocations, sg and IOMMU walks beat it
 * every so many units of work. The caller installs one ({@link Kernel#setPulse}) to bound the
 * work of a single call: a step budget, a deadline, a cancellation. To stop the operation it
 * throws its own unchecked exception; the engine knows nothing of what it counts.
 */
@FunctionalInterface
public interface Pulse {
    /** Nothing is counted. */
    Pulse NONE = () -> {
    };

    /** One more unit of work (a few pages, a line run, an entry of a list) has been done. */
    void beat();

    /** For loops over cheap units (bytes, lines, list entries): {@link #beat} once every 64 of them. */
    default void beatEvery(long unit) {
        if ((unit & 63) == 0) {
            beat();
        }
    }
}
