package org.dmasim.interpreter.docs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.dmasim.engine.check.ReportCode;

/** One line per report code: when it is raised, for the reference, docs/semantics.md and {@code :help}. */
public final class ReportCodeMeanings {
    private static final Map<ReportCode, String> MEANINGS = new EnumMap<>(ReportCode.class);

    static {
        put(ReportCode.STALE_READ, "a CPU read may return a value other than the latest one written (a stale cache line or memory)");
        put(ReportCode.DEVICE_STALE_READ, "a device read may return a value other than the latest one written (CPU data still in the cache)");
        put(ReportCode.LOST_WRITE, "a write may be undone: a device write lands under a line the CPU may hold dirty, or an invalidate discards the latest data");
        put(ReportCode.CPU_ACCESS_DEVICE_OWNED, "the CPU touches a streaming buffer the device owns (between map/sync_for_device and sync_for_cpu/unmap)");
        put(ReportCode.DEVICE_ACCESS_CPU_OWNED, "a device accesses a mapping the CPU owns (after sync_for_cpu, before sync_for_device)");
        put(ReportCode.DIRECTION_VIOLATION, "an access against the mapping's direction: a device writes DMA_TO_DEVICE or reads DMA_FROM_DEVICE, the CPU writes a mapped DMA_FROM_DEVICE buffer");
        put(ReportCode.IOMMU_FAULT, "a device accesses an IOVA that is not mapped or lacks the permission; the access does not happen");
        put(ReportCode.DMA_ADDR_OVERFLOW, "a mapping out of the device's reach with no swiotlb to bounce through; the call returns DMA_MAPPING_ERROR");
        put(ReportCode.SWIOTLB_FULL, "the swiotlb pool has no room for the mapping; the call returns DMA_MAPPING_ERROR");
        put(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, "a device uses the DMA_MAPPING_ERROR address of a failed map");
        put(ReportCode.USE_AFTER_FREE, "anyone touches freed memory or a released mapping");
        put(ReportCode.IOMEM_PLAIN_ACCESS, "a plain CPU load or store to I/O memory (use memcpy_toio / iosys_map_*); an error on sparc64, where it traps");
        put(ReportCode.ATTR_ALIAS_CONFLICT, "a page is accessed through a cacheable and a non-cacheable mapping at once; an error on x86_64 (PAT)");
        put(ReportCode.PAT_TYPE_OVERRIDDEN, "x86 PAT: remap_pfn_range asked for a memory type other than the RAM page's tracked one and got the tracked one (\"map pfn RAM range req ... got ...\")");
        put(ReportCode.P2P_NOT_SUPPORTED, "a peer-to-peer mapping the PCI topology cannot carry (-EREMOTEIO)");
        put(ReportCode.DMABUF_SYNC_EINVAL, "DMA_BUF_IOCTL_SYNC flags with a bit outside 0x7 or without READ/WRITE (-EINVAL)");
        put(ReportCode.DMABUF_CPU_ACCESS_UNBRACKETED, "CPU access through a dma-buf mmap or vmap outside begin/end_cpu_access (SYNC_START/END)");
        put(ReportCode.DMABUF_EINVAL, "a dma-buf call the kernel rejects (mmap past the end, vunmap mismatch, release while attached or vmapped, ...)");
        put(ReportCode.DMA_RESV_NOT_HELD, "lockdep: a reservation object used without its lock (dma_resv_assert_held in dma_resv_add_fence and dma_resv_reserve_fences), an unlock of a free lock, or ww_acquire_fini with locks held");
        put(ReportCode.DMA_RESV_DEADLOCK, "dma_resv_lock of a reservation object this CPU already holds, without the ww_acquire_ctx that holds it: the task waits for itself");
        put(ReportCode.IOMMU_ALLOC_FAILED, "sparc64: the IOMMU table has no room for a map (dma_4u/dma_4v_map_phys: WARN_ON(1); map_sg: \"iommu_alloc failed, iommu %p paddr %lx npages %lx\"); the map fails. Other IOMMUs fail the map silently");
        put(ReportCode.GEM_FREED_PINNED, "drm_gem_shmem_free: \"drm_WARN_ON(refcount_read(&shmem->pages_pin_count))\" (and pages_use_count when the cached sg table was there too: the pages leak); without the table the pages are freed under the pin");
        put(ReportCode.DMA_RESV_NO_SLOT, "dma_resv_add_fence with no slot reserved by dma_resv_reserve_fences under the same lock: the kernel oopses (BUG_ON, or a NULL fence list)");
        put(ReportCode.DMA_MAP_ERROR_UNCHECKED, "dma-debug: \"device driver failed to check map error\": a mapping unmapped without dma_mapping_error()");
        put(ReportCode.DMA_FREE_NOT_ALLOCATED, "dma-debug: \"device driver tries to free DMA memory it has not allocated\"");
        put(ReportCode.DMA_FREE_INVALID_ADDR, "dma-debug: \"device driver tries to free an invalid DMA memory address\": unmapping the DMA_MAPPING_ERROR of a failed map");
        put(ReportCode.DMA_UNMAP_SIZE_MISMATCH, "dma-debug: unmap or free with another size than the map");
        put(ReportCode.DMA_UNMAP_TYPE_MISMATCH, "dma-debug: unmapped with the wrong function (single vs page vs sg vs coherent)");
        put(ReportCode.DMA_UNMAP_DIR_MISMATCH, "dma-debug: unmap with another direction than the map");
        put(ReportCode.DMA_SG_COUNT_MISMATCH, "dma-debug: dma_unmap_sg or dma_sync_sg_* with another nents than was passed to dma_map_sg (reported once per DMA segment)");
        put(ReportCode.DMA_SYNC_NOT_ALLOCATED, "dma-debug: \"device driver tries to sync DMA memory it has not allocated\": no one mapping holds the whole synced range (never mapped, already unmapped, or running past the end)");
        put(ReportCode.DMA_SYNC_OUT_OF_RANGE, "dma-debug: \"syncs DMA memory outside allocated range\"; check_sync only finds entries that hold the whole range, so a sync past the end is DMA_SYNC_NOT_ALLOCATED instead");
        put(ReportCode.DMA_SYNC_DIR_MISMATCH, "dma-debug: sync with another direction than the map");
        put(ReportCode.DMA_SYNC_READONLY_FOR_CPU, "dma-debug: \"device driver syncs device read-only DMA memory for cpu\": a for_cpu sync that claims the device wrote a DMA_TO_DEVICE mapping");
        put(ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE, "dma-debug: \"device driver syncs device write-only DMA memory to device\": a for_device sync that claims the CPU wrote a DMA_FROM_DEVICE mapping");
        put(ReportCode.DMA_OVERLAP, "dma-debug: \"cacheline tracking EEXIST, overlapping mappings aren't supported\"");
        put(ReportCode.DMA_MAP_VMALLOC, "dma_map_single: \"rejecting DMA map of vmalloc memory\" (a WARN, not dma-debug); the call returns DMA_MAPPING_ERROR");
        put(ReportCode.DMA_MAP_STACK, "dma-debug: \"device driver maps memory from stack\": a map of the task's stack (\"[probable addr=...]\" for a vmalloc'ed stack: dma_map_page or an sg table of it; with CONFIG_VMAP_STACK dma_map_single rejects it as DMA_MAP_VMALLOC)");
        put(ReportCode.DMA_MAP_KERNEL_TEXT, "dma-debug: \"device driver maps memory from kernel text or rodata\": only where the kernel image runs from the linear map (arc); elsewhere the check sees the linear alias and says nothing");
        put(ReportCode.DMA_MAP_INVALID_AREA, "dma-debug: \"device driver maps memory from invalid area\": dma_map_single of an address virt_addr_valid() refuses (sparc64's kernel image); dmasim returns DMA_MAPPING_ERROR");
        put(ReportCode.DMA_MAP_RESOURCE_RAM, "dma_map_resource of RAM instead of an MMIO resource");
        put(ReportCode.DMAPOOL_BAD_DMA, "mm/dmapool.c: dma_pool_free of a DMA address no page of the pool holds (\"bad dma\"); nothing is freed");
        put(ReportCode.DMAPOOL_ALREADY_FREE, "mm/dmapool.c: dma_pool_free of a block that is already on the free list; nothing happens");
        put(ReportCode.DMAPOOL_CORRUPTED, "mm/dmapool.c: dma_pool_alloc found a free block's poison overwritten: someone wrote it after dma_pool_free");
        put(ReportCode.DMAPOOL_BUSY, "mm/dmapool.c: dma_pool_destroy with blocks still allocated; the pool's pages are leaked");
        put(ReportCode.DMA_LEAK, "dma-debug: mappings or allocations still pending when the script ends (the driver is released)");
        put(ReportCode.DMA_SG_SEGMENT_TOO_LONG, "dma-debug: \"mapping sg segment longer than device claims to support\": an sg entry above dma_get_max_seg_size() (64 KiB unless the device sets max_segment_size)");
        put(ReportCode.DMA_SG_SEGMENT_BOUNDARY, "dma-debug: \"mapping sg segment across boundary\": a DMA segment crossing the device's segment_boundary");
        put(ReportCode.SWIOTLB_BUFFER_OVERFLOW, "swiotlb: a sync or unmap larger than the bounce slots (\"Buffer overflow detected\"); clamped");
        put(ReportCode.DMA_MAP_COHERENT_MEMORY, "coherent memory (dma_get_sgtable) passed to the streaming API, "
                + "which the kernel calls \"fundamentally unsafe\"");
        put(ReportCode.DMA_UNMAP_WHILE_BUSY, "a mapping or buffer is unmapped or freed while a device job that accesses it may still be running (before wait, dma_fence_wait or a signalled fence)");
        put(ReportCode.NONCOHERENT_WITHOUT_MAINTENANCE, "a device declared coherent: false on an arch whose DMA API does no cache maintenance (x86_64, sparc64): no DMA API call can help it");
        put(ReportCode.DMA_FREE_CPU_ADDR_MISMATCH, "dma-debug: \"device driver frees DMA memory with different CPU address\"");
        put(ReportCode.JOB_NOT_WAITED, "a device job was never waited for: at the end of the scenario it may still be running");
        put(ReportCode.HANG, "a wait that can never end in some execution: every job has finished (or is blocked) and the fence or the polled value never comes");
    }

    private ReportCodeMeanings() {
    }

    private static void put(ReportCode code, String meaning) {
        MEANINGS.put(code, meaning);
    }

    /** The one-line meaning of {@code code}, if it has been written down. */
    public static Optional<String> of(ReportCode code) {
        return Optional.ofNullable(MEANINGS.get(code));
    }
}
