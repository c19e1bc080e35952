package org.dmasim.engine.dma;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.PageBuffer;

/**
 * A {@code dma_alloc_noncoherent} allocation: cacheable pages and a device handle that follows
 * the streaming ownership protocol (kernel/dma/mapping.c: "Before giving the memory to the
 * device, dma_sync_single_for_device() needs to be called").
 */
public final class NoncoherentBuffer implements CoherentAllocation {
    private final PageBuffer pages;
    private final StreamingMapping handle;

    NoncoherentBuffer(PageBuffer pages, StreamingMapping handle) {
        this.pages = pages;
        this.handle = handle;
    }

    public PageBuffer pages() {
        return pages;
    }

    @Override
    public CpuView cpu() {
        return pages;
    }

    @Override
    public StreamingMapping dma() {
        return handle;
    }

    @Override
    public long size() {
        return handle.size();
    }

    @Override
    public boolean freed() {
        return pages.freed();
    }
}
