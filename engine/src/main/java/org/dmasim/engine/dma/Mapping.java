package org.dmasim.engine.dma;

import org.dmasim.engine.machine.Direction;

/** A streaming mapping as the driver holds it: the handle plus what the kernel recorded. */
public interface Mapping extends DmaHandle {
    Direction direction();

    /** The mapping went through a swiotlb bounce slot. */
    boolean bounced();

    /** {@link #dmaAddress()} is an IOVA in the device's IOMMU domain. */
    boolean iommu();

    /** The map call failed and returned {@code DMA_MAPPING_ERROR}. */
    boolean failed();

    /** Unmapped (the handle is dangling). */
    boolean released();
}
