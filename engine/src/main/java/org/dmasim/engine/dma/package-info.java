/**
 * The DMA API on the direct path: streaming maps with swiotlb bounces
 * ({@link org.dmasim.engine.dma.DirectMapping}, {@link org.dmasim.engine.dma.SwiotlbPool}), the
 * arch maintenance per direction ({@code ArchSync}), coherent and noncoherent allocations
 * ({@link org.dmasim.engine.dma.DirectAlloc}), and CPU/device accesses with their checks
 * ({@link org.dmasim.engine.dma.MemoryAccess}).
 */
package org.dmasim.engine.dma;
