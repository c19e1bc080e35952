package org.dmasim.engine.dma;

import org.dmasim.engine.memory.CpuView;

/** The result of {@code dma_alloc_coherent}/{@code dma_alloc_attrs}: a CPU view and a DMA handle. */
public interface CoherentAllocation {
    /** The kernel virtual address side; null with {@code DMA_ATTR_NO_KERNEL_MAPPING}. */
    CpuView cpu();

    DmaHandle dma();

    long size();

    boolean freed();
}
