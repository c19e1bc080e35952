/**
 * The DMA API: streaming maps on the direct path with swiotlb bounces and behind an IOMMU
 * ({@link org.dmasim.engine.dma.DirectMapping}, {@link org.dmasim.engine.dma.SwiotlbPool},
 * {@link org.dmasim.engine.dma.IommuDomain}), scatter-gather tables and their mapping
 * ({@link org.dmasim.engine.dma.SgTable}, {@link org.dmasim.engine.dma.SgMapping}), the arch
 * maintenance per direction ({@code ArchSync}), masks ({@link org.dmasim.engine.dma.DmaMasks}),
 * coherent and noncoherent allocations ({@link org.dmasim.engine.dma.DirectAlloc}), the
 * allocators beside the page allocator ({@link org.dmasim.engine.dma.MemoryObjects}), and
 * CPU/device accesses with their checks ({@link org.dmasim.engine.dma.MemoryAccess}).
 */
package org.dmasim.engine.dma;
