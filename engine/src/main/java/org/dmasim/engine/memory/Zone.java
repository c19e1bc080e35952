package org.dmasim.engine.memory;

/**
 * The zones (docs/semantics.md, "The machine"). A request for a zone may also be served from the zones below it
 * (mm/page_alloc.c zonelist fallback), never from above.
 */
public enum Zone {
    /** Below the profile's {@code zone_dma_limit}. */
    DMA,
    /** Below 4 GiB. */
    DMA32,
    /** Everything. */
    NORMAL;

    /** Exclusive upper bound of addresses this zone's requests may use. */
    public long limit(long zoneDmaLimit) {
        return switch (this) {
            case DMA -> zoneDmaLimit;
            case DMA32 -> 1L << 32;
            case NORMAL -> Long.MAX_VALUE;
        };
    }
}
