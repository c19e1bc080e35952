package org.dmasim.engine.dma;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.PageBuffer;

/**
 * A {@code dma_alloc_noncoherent} allocation (kernel/dma/mapping.c {@code dma_alloc_pages}):
 * cacheable pages and a handle that follows the streaming ownership rules, recorded by
 * dma-debug as {@code noncoherent} with its direction, so its syncs are checked.
 */
public final class NoncoherentBuffer implements CoherentAllocation {
    private final PageBuffer pages;
    private final StreamingMapping dma;

    NoncoherentBuffer(PageBuffer pages, StreamingMapping dma) {
        this.pages = pages;
        this.dma = dma;
    }

    public PageBuffer pages() {
        return pages;
    }

    /** The cacheable kernel address: the linear map. */
    @Override
    public CpuView cpu() {
        return pages;
    }

    @Override
    public StreamingMapping dma() {
        return dma;
    }

    @Override
    public long size() {
        return dma.size();
    }

    @Override
    public boolean freed() {
        return pages.freed();
    }
}
