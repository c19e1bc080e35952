package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * A {@code vmalloc} area: virtually contiguous, built from single pages wherever the page
 * allocator finds them (mm/vmalloc.c), so physically scattered. Not valid for
 * {@code dma_map_single} (include/linux/dma-mapping.h rejects vmalloc addresses).
 */
public final class VmallocBuffer implements Buffer {
    private final long[] pages;
    private final long size;
    private final int pageSize;
    private boolean freed;
    private String label;

    public VmallocBuffer(long[] pages, long size, int pageSize) {
        this.pages = pages.clone();
        this.size = size;
        this.pageSize = pageSize;
        this.label = "vmalloc@" + Units.hex(pages[0]);
    }

    @Override
    public long physBase() {
        return pages[0];
    }

    public long[] pages() {
        return pages.clone();
    }

    @Override
    public long size() {
        return size;
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
