package org.dmasim.engine.dma;

import org.dmasim.engine.machine.Device;

/**
 * The DMA address {@code dma_pool_alloc} returns through its {@code handle} argument: a range of
 * one of the pool's coherent pages. A device access through it is an access to that page at
 * {@link #offset()}; after {@code dma_pool_free} it is a use after free.
 */
public final class PoolBlockHandle implements DmaHandle {
    private final CoherentBuffer page;
    private final long offset;
    private final long size;
    private final DmaPoolBlock block;
    private String label;

    PoolBlockHandle(CoherentBuffer page, long offset, long size, DmaPoolBlock block, String label) {
        this.page = page;
        this.offset = offset;
        this.size = size;
        this.block = block;
        this.label = label;
    }

    /** The pool page (a coherent allocation) the address lies in. */
    public CoherentHandle page() {
        return page.dma();
    }

    public long offset() {
        return offset;
    }

    public DmaPoolBlock block() {
        return block;
    }

    @Override
    public Device device() {
        return page.dma().device();
    }

    @Override
    public long dmaAddress() {
        return page.dma().dmaAddress() + offset;
    }

    @Override
    public long size() {
        return size;
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
