package org.dmasim.engine.machine;

/**
 * The parts of an arch profile beyond the maintenance tables (docs/semantics.md, "Arch profiles").
 *
 * @param archDmaMinalign {@code ARCH_DMA_MINALIGN} (arm64 128, riscv 64 = L1_CACHE_BYTES, arc 64),
 *     0 where the arch defines none (x86, sparc64: kmalloc aligns to ARCH_KMALLOC_MINALIGN, 8)
 * @param dmaCacheAlignment {@code dma_get_cache_alignment()} at run time: arm64
 *     {@code cache_line_size()} (CTR_EL0.CWG, 64 on most cores), riscv {@code dma_cache_alignment}
 *     (ARCH_DMA_MINALIGN, or 1 when the platform has no cache-management ops), 1 where the arch
 *     has no ARCH_DMA_MINALIGN
 * @param iommu the kind of IOMMU a device behind one sits behind
 * @param streamingCache sparc64 sun4u: the IOMMU's streaming buffer (STC) holds device writes
 *     until {@code strbuf_flush()} in sync_for_cpu or unmap (arch/sparc/kernel/iommu.c)
 * @param swiotlbBelowZoneDma the default swiotlb pool comes from {@code memblock_alloc_low()},
 *     which arm64 bounds by {@code arm64_dma_phys_limit} (ARCH_LOW_ADDRESS_LIMIT): the pool sits
 *     below ZONE_DMA's end rather than just below 4 GiB
 * @param vmapStack {@code CONFIG_VMAP_STACK}: task stacks are vmalloc memory (x86_64, arm64,
 *     riscv64 select HAVE_ARCH_VMAP_STACK in their Kconfig; arc and sparc64 do not, so their
 *     stacks are pages of the linear map)
 * @param kernelImage where the kernel image (text, rodata) is mapped
 */
public record ArchTraits(int archDmaMinalign, int dmaCacheAlignment, IommuKind iommu, boolean streamingCache,
        boolean swiotlbBelowZoneDma, boolean vmapStack, KernelImagePlacement kernelImage) {

    public ArchTraits {
        if (archDmaMinalign < 0 || dmaCacheAlignment < 1) {
            throw new IllegalArgumentException("alignments must be positive");
        }
        if (kernelImage == null) {
            kernelImage = KernelImagePlacement.SEPARATE;
        }
    }

    /** Traits with a vmalloc'ed stack and a separately mapped kernel image (as x86_64). */
    public ArchTraits(int archDmaMinalign, int dmaCacheAlignment, IommuKind iommu, boolean streamingCache,
            boolean swiotlbBelowZoneDma) {
        this(archDmaMinalign, dmaCacheAlignment, iommu, streamingCache, swiotlbBelowZoneDma, true,
                KernelImagePlacement.SEPARATE);
    }

    /** What a profile that says nothing gets: a non-coherent arch aligns to its cache line. */
    public static ArchTraits defaults(int cacheLine, boolean coherentDefault) {
        return coherentDefault ? new ArchTraits(0, 1, IommuKind.VTD, false, false)
                : new ArchTraits(cacheLine, cacheLine, IommuKind.SMMU, false, false);
    }
}
