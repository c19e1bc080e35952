package org.dmasim.engine.dma;

/**
 * One block of a {@link DmaPool}: what {@code dma_pool_alloc} returns, the kernel address and the
 * DMA address. Both normally name the same bytes; a {@code dma_pool_free} that passed a DMA
 * address of another block stored that address in the free list, and the next allocation of the
 * block hands it out again (mm/dmapool.c pool_block_push() keeps {@code dma} as given).
 */
public final class DmaPoolBlock implements CoherentAllocation {
    private final DmaPool pool;
    private final PoolBlockView cpu;
    private final PoolBlockHandle dma;

    DmaPoolBlock(DmaPool pool, PoolBlockView cpu, CoherentBuffer dmaPage, long dmaOffset) {
        this.pool = pool;
        this.cpu = cpu;
        this.dma = new PoolBlockHandle(dmaPage, dmaOffset, cpu.size(), this, cpu.label() + ".dma");
    }

    public DmaPool pool() {
        return pool;
    }

    @Override
    public PoolBlockView cpu() {
        return cpu;
    }

    @Override
    public PoolBlockHandle dma() {
        return dma;
    }

    @Override
    public long size() {
        return cpu.size();
    }

    @Override
    public boolean freed() {
        return cpu.freed();
    }
}
