package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * A {@code vmalloc} area: virtually contiguous, built from single pages wherever the page
 * allocator finds them (mm/vmalloc.c), so physically scattered. Not valid for
 * {@code dma_map_single} (include/linux/dma-mapping.h rejects vmalloc addresses).
 */
public final class VmallocBuffer extends PhysRange implements Buffer {
    private final long[] pages;
    private final int pageSize;
    private boolean freed;

    public VmallocBuffer(long[] pages, long size, int pageSize) {
        super(pages[0], size, "vmalloc@" + Units.hex(pages[0]));
        this.pages = pages.clone();
        this.pageSize = pageSize;
    }

    @Override
    public long physBase() {
        return base;
    }

    public long[] pages() {
        return pages.clone();
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
        return pages[(int) (offset / pageSize)] + offset % pageSize;
    }

    @Override
    public long contiguousFrom(long offset) {
        return Runs.contiguousFrom(this::phys, offset, size, pageSize);
    }
}
