package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * Physically contiguous pages from the page allocator ({@code alloc_pages}, and the pages under
 * coherent allocations), seen through the cacheable kernel linear map.
 */
public final class PageBuffer extends PhysRange implements Buffer {
    private final long pages;
    private boolean freed;

    public PageBuffer(long phys, long size, long pages) {
        super(phys, size, "buffer@" + Units.hex(phys));
        this.pages = pages;
    }

    @Override
    public long physBase() {
        return base;
    }

    public long pages() {
        return pages;
    }

    @Override
    public boolean freed() {
        return freed;
    }

    public void markFreed() {
        freed = true;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }
}
