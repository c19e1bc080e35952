package org.dmasim.engine.dma;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * The kernel address {@code dma_pool_alloc} returns: {@code size} bytes inside one of the pool's
 * coherent pages, with that page's memory type. It is freed by {@code dma_pool_free}, after which a
 * CPU access through it is a use after free (the page itself stays allocated to the pool).
 */
public final class PoolBlockView implements CpuView {
    private final CoherentBuffer page;
    private final long offset;
    private final long size;
    private boolean freed;
    private String label;

    PoolBlockView(CoherentBuffer page, long offset, long size, String label) {
        this.page = page;
        this.offset = offset;
        this.size = size;
        this.label = label;
    }

    public CoherentBuffer page() {
        return page;
    }

    /** Where the block starts in its page. */
    public long offset() {
        return offset;
    }

    public boolean freed() {
        return freed || page.freed();
    }

    void markFreed(boolean to) {
        freed = to;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MemoryType memoryType() {
        return page.cpu().memoryType();
    }

    @Override
    public long phys(long at) {
        return page.cpu().phys(offset + at);
    }

    @Override
    public long contiguousFrom(long at) {
        return size - at;
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
