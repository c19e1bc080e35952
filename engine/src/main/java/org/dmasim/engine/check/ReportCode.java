package org.dmasim.engine.check;

/**
 * Every report code of docs/semantics.md, "Reports", with its default severity. Some codes take another
 * severity on some arches (IOMEM_PLAIN_ACCESS is an error on sparc64); the report carries
 * the severity actually used.
 */
public enum ReportCode {
    STALE_READ(Severity.ERROR),
    DEVICE_STALE_READ(Severity.ERROR),
    LOST_WRITE(Severity.ERROR),
    CPU_ACCESS_DEVICE_OWNED(Severity.WARNING),
    DEVICE_ACCESS_CPU_OWNED(Severity.WARNING),
    DIRECTION_VIOLATION(Severity.ERROR),
    IOMMU_FAULT(Severity.ERROR),
    // arch/sparc/kernel/iommu.c, pci_sun4v.c: no room in the IOMMU table for a map
    IOMMU_ALLOC_FAILED(Severity.WARNING),
    DMA_ADDR_OVERFLOW(Severity.WARNING),
    SWIOTLB_FULL(Severity.WARNING),
    DEVICE_DMA_TO_ERROR_ADDR(Severity.ERROR),
    USE_AFTER_FREE(Severity.ERROR),
    IOMEM_PLAIN_ACCESS(Severity.WARNING),
    ATTR_ALIAS_CONFLICT(Severity.WARNING),
    // arch/x86/mm/pat/memtype.c reserve_pfn_range
    PAT_TYPE_OVERRIDDEN(Severity.WARNING),
    P2P_NOT_SUPPORTED(Severity.ERROR),
    DMABUF_SYNC_EINVAL(Severity.ERROR),
    DMABUF_CPU_ACCESS_UNBRACKETED(Severity.WARNING),
    DMABUF_EINVAL(Severity.ERROR),
    // drivers/dma-buf/dma-resv.c and include/linux/dma-resv.h under lockdep: dma_resv_assert_held(),
    // bad unlock balance, ww_acquire_fini with locks held; recursive locking; add_fence without a slot
    DMA_RESV_NOT_HELD(Severity.WARNING),
    DMA_RESV_DEADLOCK(Severity.ERROR),
    DMA_RESV_NO_SLOT(Severity.ERROR),
    // drivers/gpu/drm/drm_gem_shmem_helper.c drm_gem_shmem_free(): drm_WARN_ON of the page counts
    GEM_FREED_PINNED(Severity.WARNING),
    // kernel/dma/debug.c
    DMA_MAP_ERROR_UNCHECKED(Severity.WARNING),
    DMA_FREE_NOT_ALLOCATED(Severity.WARNING),
    DMA_FREE_INVALID_ADDR(Severity.WARNING),
    DMA_FREE_CPU_ADDR_MISMATCH(Severity.WARNING),
    DMA_UNMAP_SIZE_MISMATCH(Severity.WARNING),
    DMA_UNMAP_TYPE_MISMATCH(Severity.WARNING),
    DMA_UNMAP_DIR_MISMATCH(Severity.WARNING),
    DMA_SG_COUNT_MISMATCH(Severity.WARNING),
    DMA_SYNC_NOT_ALLOCATED(Severity.WARNING),
    DMA_SYNC_OUT_OF_RANGE(Severity.WARNING),
    DMA_SYNC_DIR_MISMATCH(Severity.WARNING),
    DMA_SYNC_READONLY_FOR_CPU(Severity.WARNING),
    DMA_SYNC_WRITEONLY_TO_DEVICE(Severity.WARNING),
    DMA_OVERLAP(Severity.WARNING),
    DMA_MAP_VMALLOC(Severity.WARNING),
    // debug_dma_map_phys/debug_dma_map_sg check_for_stack, check_for_illegal_area;
    // debug_dma_map_single's virt_addr_valid check
    DMA_MAP_STACK(Severity.WARNING),
    DMA_MAP_KERNEL_TEXT(Severity.WARNING),
    DMA_MAP_INVALID_AREA(Severity.WARNING),
    DMA_MAP_RESOURCE_RAM(Severity.WARNING),
    DMA_LEAK(Severity.WARNING),
    DMA_SG_SEGMENT_TOO_LONG(Severity.WARNING),
    DMA_SG_SEGMENT_BOUNDARY(Severity.WARNING),
    // mm/dmapool.c with DMAPOOL_DEBUG (CONFIG_SLUB_DEBUG_ON): pool_block_err(), pool_check_block(),
    // dma_pool_destroy()
    DMAPOOL_BAD_DMA(Severity.WARNING),
    DMAPOOL_ALREADY_FREE(Severity.WARNING),
    DMAPOOL_CORRUPTED(Severity.WARNING),
    DMAPOOL_BUSY(Severity.WARNING),
    // kernel/dma/swiotlb.c swiotlb_bounce(): a sync or unmap larger than the slots
    SWIOTLB_BUFFER_OVERFLOW(Severity.WARNING),
    // kernel/dma/mapping.c dma_get_sgtable_attrs(): coherent memory passed to the streaming API
    // ("fundamentally unsafe"); no runtime check in the kernel, so a warning
    DMA_MAP_COHERENT_MEMORY(Severity.WARNING),
    // include/linux/dma-map-ops.h dev_is_dma_coherent(): without ARCH_HAS_SYNC_DMA_* (x86, sparc64)
    // every device is coherent to the DMA API, so a device that does not snoop gets no maintenance
    NONCOHERENT_WITHOUT_MAINTENANCE(Severity.WARNING),
    // concurrency: device jobs, fences and waits
    DMA_UNMAP_WHILE_BUSY(Severity.ERROR),
    JOB_NOT_WAITED(Severity.WARNING),
    HANG(Severity.ERROR);

    private final Severity defaultSeverity;

    ReportCode(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
