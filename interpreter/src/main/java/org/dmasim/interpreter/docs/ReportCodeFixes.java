package org.dmasim.interpreter.docs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.dmasim.engine.check.ReportCode;

/**
 * What a driver does about each report code: for {@code :help CODE}, docs/reference.md and
 * docs/semantics.md. The help line of a raised report says it for the case at hand.
 */
public final class ReportCodeFixes {
    private static final Map<ReportCode, String> FIXES = new EnumMap<>(ReportCode.class);

    static {
        put(ReportCode.STALE_READ, "hand the buffer to the CPU before it reads: dma_sync_single_for_cpu (or unmap) "
                + "after the device wrote, and no CPU access between map/sync_for_device and that sync");
        put(ReportCode.DEVICE_STALE_READ, "hand the buffer to the device after the CPU wrote: map it after the writes, "
                + "or dma_sync_single_for_device before the device reads");
        put(ReportCode.LOST_WRITE, "do not let the CPU dirty lines of a buffer the device writes: no CPU writes "
                + "between map and sync_for_cpu, and cache-line-aligned DMA buffers (no neighbour sharing a line)");
        put(ReportCode.CPU_ACCESS_DEVICE_OWNED, "bracket the CPU access with dma_sync_single_for_cpu before it and "
                + "dma_sync_single_for_device after it, or access the buffer only after unmapping");
        put(ReportCode.DEVICE_ACCESS_CPU_OWNED, "give the buffer back with dma_sync_single_for_device before the "
                + "device accesses it again");
        put(ReportCode.DIRECTION_VIOLATION, "map with the direction the data really flows: DMA_FROM_DEVICE for what "
                + "the device writes, DMA_TO_DEVICE for what it reads, DMA_BIDIRECTIONAL for both");
        put(ReportCode.IOMMU_FAULT, "map the buffer for that device with a direction that grants the access, and do "
                + "not use an IOVA after its unmap");
        put(ReportCode.DMA_ADDR_OVERFLOW, "allocate from a zone the mask reaches (GFP_DMA32 for a 32-bit device), set a "
                + "wider mask with dma_set_mask, or keep a swiotlb pool to bounce through");
        put(ReportCode.SWIOTLB_FULL, "map less at once (at most 256 KiB per mapping), unmap what is done, or give the "
                + "machine a larger swiotlb pool");
        put(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, "check every map with dma_mapping_error and never hand a failed "
                + "mapping to the device");
        put(ReportCode.USE_AFTER_FREE, "stop every access (and every device job) before freeing the memory or "
                + "unmapping the mapping");
        put(ReportCode.IOMEM_PLAIN_ACCESS, "reach I/O memory through memcpy_toio/memcpy_fromio, ioread32/iowrite32 or "
                + "the iosys_map_* helpers, which pick them from map.is_iomem");
        put(ReportCode.ATTR_ALIAS_CONFLICT, "keep one memory type per page: use the write-combined or uncached mapping "
                + "the allocator gave, not the cacheable linear alias as well");
        put(ReportCode.PAT_TYPE_OVERRIDDEN, "give the pages the type first with set_memory_wc()/set_memory_uc() (or "
                + "set_pages_array_wc(), as drm_gem_shmem does for map_wc), and set_memory_wb() before freeing them");
        put(ReportCode.P2P_NOT_SUPPORTED, "put both devices under one PCIe switch (pci_switch) with p2p: true, or let "
                + "the exporter migrate the buffer to system memory");
        put(ReportCode.DMABUF_SYNC_EINVAL, "pass DMA_BUF_SYNC_START or DMA_BUF_SYNC_END together with READ, WRITE or RW, "
                + "and no other bits");
        put(ReportCode.DMABUF_CPU_ACCESS_UNBRACKETED, "bracket CPU access to a dma-buf mapping with "
                + "dma_buf_begin_cpu_access/dma_buf_end_cpu_access (DMA_BUF_IOCTL_SYNC START/END from user space)");
        put(ReportCode.DMABUF_EINVAL, "follow the dma-buf lifetime: detach and vunmap before the last put, vunmap the "
                + "map vmap returned, mmap within the buffer");
        put(ReportCode.DMA_RESV_NOT_HELD, "dma_resv_lock the buffer around dma_resv_reserve_fences and dma_resv_add_fence, and unlock it once");
        put(ReportCode.DMA_RESV_DEADLOCK, "unlock before locking again, or take every lock with one ww_acquire_ctx");
        put(ReportCode.IOMMU_ALLOC_FAILED, "unmap what the device no longer uses, or map less at once; check "
                + "dma_mapping_error() (and a 0 from dma_map_sg)");
        put(ReportCode.GEM_FREED_PINNED, "drm_gem_shmem_unpin every drm_gem_shmem_pin before the object's last "
                + "reference goes (unpin before dropping it)");
        put(ReportCode.DMA_RESV_NO_SLOT, "call dma_resv_reserve_fences after dma_resv_lock, before each dma_resv_add_fence");
        put(ReportCode.DMA_MAP_ERROR_UNCHECKED, "call dma_mapping_error(dev, handle) after every map, before using or "
                + "unmapping the handle");
        put(ReportCode.DMA_FREE_NOT_ALLOCATED, "unmap or free only what a map or allocation returned, once");
        put(ReportCode.DMA_FREE_INVALID_ADDR, "do not unmap a mapping whose map failed: dma_mapping_error tells");
        put(ReportCode.DMA_UNMAP_SIZE_MISMATCH, "unmap with the size the map used");
        put(ReportCode.DMA_UNMAP_TYPE_MISMATCH, "unmap with the function that matches the map: dma_unmap_single for "
                + "dma_map_single, dma_unmap_page for dma_map_page, dma_unmap_sg for dma_map_sg, dma_free_coherent for "
                + "dma_alloc_coherent");
        put(ReportCode.DMA_UNMAP_DIR_MISMATCH, "unmap with the direction the map used");
        put(ReportCode.DMA_SG_COUNT_MISMATCH, "pass dma_unmap_sg and the sg syncs the nents given to dma_map_sg, not "
                + "the count it returned");
        put(ReportCode.DMA_SYNC_NOT_ALLOCATED, "sync only a live mapping, with the address the map returned");
        put(ReportCode.DMA_SYNC_OUT_OF_RANGE, "keep the synced range inside the mapping");
        put(ReportCode.DMA_SYNC_DIR_MISMATCH, "sync with the direction the map used");
        put(ReportCode.DMA_SYNC_READONLY_FOR_CPU, "a DMA_TO_DEVICE mapping is never written by the device: drop the "
                + "for_cpu sync, or map DMA_BIDIRECTIONAL if the device writes too");
        put(ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE, "a DMA_FROM_DEVICE mapping carries no CPU data to the device: map "
                + "DMA_BIDIRECTIONAL if the CPU writes data for the device");
        put(ReportCode.DMA_OVERLAP, "do not map one cache line twice at once: give each DMA buffer its own lines "
                + "(alloc_pages, or kmalloc sizes of ARCH_DMA_MINALIGN)");
        put(ReportCode.DMA_MAP_VMALLOC, "map vmalloc memory page by page (vmalloc_to_page, dma_map_page) or through an "
                + "sg table, or allocate physically contiguous memory");
        put(ReportCode.DMA_MAP_STACK, "never DMA to or from the stack: kmalloc the buffer, or embed it in a "
                + "kmalloc'ed structure aligned to dma_get_cache_alignment()");
        put(ReportCode.DMA_MAP_KERNEL_TEXT, "copy the constant data into a kmalloc'ed buffer and map that");
        put(ReportCode.DMA_MAP_INVALID_AREA, "map only linear-map memory (kmalloc, alloc_pages): copy the data there first");
        put(ReportCode.DMA_MAP_RESOURCE_RAM, "dma_map_resource is for MMIO (a BAR); map RAM with dma_map_single or "
                + "dma_map_page");
        put(ReportCode.DMAPOOL_BAD_DMA, "pass dma_pool_free the block's own DMA address (b.dma), to the pool it came from");
        put(ReportCode.DMAPOOL_ALREADY_FREE, "free each block once; clear the driver's pointer when it frees");
        put(ReportCode.DMAPOOL_CORRUPTED, "stop the device and the CPU using a block before dma_pool_free");
        put(ReportCode.DMAPOOL_BUSY, "dma_pool_free every block before dma_pool_destroy");
        put(ReportCode.DMA_LEAK, "unmap every mapping and free every coherent allocation before the driver goes away");
        put(ReportCode.SWIOTLB_BUFFER_OVERFLOW, "sync and unmap no more than the mapping's size");
        put(ReportCode.DMA_MAP_COHERENT_MEMORY, "do not map coherent memory with the streaming API: the device already "
                + "has its dma address; share it through the coherent allocation itself");
        put(ReportCode.DMA_FREE_CPU_ADDR_MISMATCH, "free a coherent allocation with the cpu_addr and dma_handle the "
                + "allocation returned, both of the same allocation");
        put(ReportCode.DMA_SG_SEGMENT_TOO_LONG, "keep each sg segment within the device's max_segment_size "
                + "(dma_set_max_seg_size), or raise it if the device takes longer ones");
        put(ReportCode.DMA_SG_SEGMENT_BOUNDARY, "split segments that cross the device's segment boundary "
                + "(dma_set_seg_boundary)");
        put(ReportCode.NONCOHERENT_WITHOUT_MAINTENANCE, "drop coherent: false if the device snoops; otherwise flush "
                + "by hand around every transfer (clflush on x86)");
        put(ReportCode.DMA_UNMAP_WHILE_BUSY, "wait for the job (wait j, dma_fence_wait(j.fence)) before unmapping or "
                + "freeing what it accesses");
        put(ReportCode.JOB_NOT_WAITED, "wait for every job before the scenario ends: wait j, or dma_fence_wait(j.fence)");
        put(ReportCode.HANG, "make sure what the wait waits for can happen: a job that signals the fence or writes the "
                + "polled value, with its dependencies satisfiable");
    }

    private ReportCodeFixes() {
    }

    private static void put(ReportCode code, String fix) {
        FIXES.put(code, fix);
    }

    /** What to do about {@code code}, if it has been written down. */
    public static Optional<String> of(ReportCode code) {
        return Optional.ofNullable(FIXES.get(code));
    }
}
