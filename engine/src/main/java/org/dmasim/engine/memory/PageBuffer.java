package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * Physically contiguous pages from the page allocator ({@code alloc_pages}, and the pages under
 * coherent allocations), seen through the cacheable kernel linear map.
 */
public final class PageBuffer implements Buffer {
    private final long phys;
    private final long size;
    private final long pages;
    private boolean freed;
    private String label;

    public PageBuffer(long phys, long size, long pages) {
        this.phys = phys;
        this.size = size;
        this.pages = pages;
        this.label = "buffer@" + Units.hex(phys);
    }

    @Override
    public long physBase() {
        return phys;
    }

    @Override
    public long size() {
        return size;
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

    @Override
    public long phys(long offset) {
        return phys + offset;
    }

    @Override
    public long contiguousFrom(long offset) {
        return size - offset;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
