package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.eval.ValueKind.BOOL;
import static org.dmasim.interpreter.eval.ValueKind.BYTES;
import static org.dmasim.interpreter.eval.ValueKind.COHERENT;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE;
import static org.dmasim.interpreter.eval.ValueKind.INT;
import static org.dmasim.interpreter.eval.ValueKind.LIST;
import static org.dmasim.interpreter.eval.ValueKind.NULL;
import static org.dmasim.interpreter.eval.ValueKind.OPAQUE;
import static org.dmasim.interpreter.eval.ValueKind.OUTCOMES;
import static org.dmasim.interpreter.eval.ValueKind.VIEW;
import static org.dmasim.interpreter.eval.ValueKind.VIEW_SLICE;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * What each builtin returns, as kinds of value: the type checker infers from it before a script runs, and
 * every call checks it while the script runs (a builtin returning something else is a dmasim bug). A
 * builtin missing here returns "anything" to the checker; ReferenceDocTest lists the missing ones.
 */
final class ResultTypes {
    private static final Map<String, Set<ValueKind>> RESULTS = new HashMap<>();

    static {
        returns(Set.of(NULL), "free_pages", "kfree", "vfree", "shmem_pin", "shmem_unpin", "dma_free_coherent",
                "dma_free_noncoherent", "dma_unmap_page", "dma_unmap_single", "dma_unmap_sg", "dma_unmap_sgtable",
                "dma_sync_single_range_for_cpu", "dma_sync_single_range_for_device", "dma_sync_single_for_cpu",
                "dma_sync_single_for_device", "dma_sync_sg_for_cpu", "dma_sync_sg_for_device",
                "dma_sync_sgtable_for_cpu", "dma_sync_sgtable_for_device", "dma_buf_put", "dma_buf_unmap_attachment",
                "dma_buf_detach", "dma_buf_vunmap", "munmap", "memcpy_toio", "iowrite32", "iosys_map_memcpy_to", "wmb", "mb", "rmb",
                "dma_mb", "dma_rmb", "dma_wmb", "smp_mb", "smp_rmb", "smp_wmb",
                "clflush", "evict", "prefetch", "writeback", "dma_unmap_resource", "print",
                "dma_resv_add_fence", "iosys_map_memset", "iosys_map_wr", "iosys_map_wr_field", "iosys_map_clear");
        returns(Set.of(NULL), "writeb", "writew", "writel", "writeq", "writeb_relaxed", "writew_relaxed",
                "writel_relaxed", "writeq_relaxed");
        returns(Set.of(OUTCOMES), "readb", "readw", "readl", "readq", "readb_relaxed", "readw_relaxed",
                "readl_relaxed", "readq_relaxed");
        returns(Set.of(VIEW, NULL), "alloc_pages", "kmalloc", "vmalloc", "rodata");
        returns(Set.of(VIEW), "shmem", "stack_buf");
        returns(Set.of(INT), "shmem_swap_out", "dma_map_sg", "dma_map_sgtable", "dma_set_mask", "dma_set_coherent_mask",
                "dma_set_mask_and_coherent", "DMA_BIT_MASK", "dma_buf_fd", "dma_buf_begin_cpu_access",
                "dma_buf_end_cpu_access", "dma_buf_sync", "len", "dma_resv_wait_timeout", "sync_file_wait",
                "dma_buf_import_sync_file", "close", "dma_fence_signal", "dma_fence_wait");
        returns(Set.of(HANDLE), "sg_table", "dma_get_sgtable", "dma_map_single", "dma_map_page", "dma_map_resource");
        returns(Set.of(COHERENT, NULL), "dma_alloc_coherent", "dma_alloc_attrs", "dma_alloc_noncoherent");
        returns(Set.of(BOOL), "dma_mapping_error", "dma_need_sync", "dma_resv_test_signaled", "dma_fence_is_signaled");
        returns(Set.of(OPAQUE, NULL), "dma_heap_alloc");
        returns(Set.of(OPAQUE), "dma_buf_export");
        returns(Set.of(OPAQUE, INT), "dma_buf_get", "dma_buf_attach", "dma_buf_dynamic_attach");
        returns(Set.of(HANDLE, INT), "dma_buf_map_attachment");
        returns(Set.of(VIEW, INT), "dma_buf_vmap", "mmap", "drm_gem_mmap", "drm_gem_vmap", "vram_alloc");
        returns(Set.of(OPAQUE, COHERENT, VIEW, INT), "drm_gem_prime_import");
        returns(Set.of(OUTCOMES), "memcpy_fromio", "ioread32", "iosys_map_rd", "iosys_map_memcpy_from",
                "iosys_map_rd_field");
        returns(Set.of(VIEW_SLICE), "IOSYS_MAP_INIT_OFFSET", "iosys_map_incr");
        returns(Set.of(VIEW), "remap_pfn_range", "vmf_insert_pfn", "vmap");
        returns(Set.of(INT), "pgprot_writecombine", "pgprot_noncached");
        returns(Set.of(NULL), "set_memory_wc", "set_memory_uc", "set_memory_wb", "set_pages_array_wc");
        returns(Set.of(BOOL), "iosys_map_is_null", "iosys_map_is_set", "iosys_map_is_equal");
        returns(Set.of(BYTES), "u32", "u64", "pattern");
        returns(Set.of(LIST), "reports", "dma_resv_get_fences");
        returns(Set.of(OPAQUE), "sync_file_create", "sync_file_merge", "dma_fence_create");
        returns(Set.of(OPAQUE, INT), "dma_buf_export_sync_file");
        returns(Set.of(OPAQUE, NULL), "dma_pool_create");
        returns(Set.of(COHERENT, NULL), "dma_pool_alloc", "dma_pool_zalloc");
        returns(Set.of(NULL), "dma_pool_free", "dma_pool_destroy");
        returns(Set.of(COHERENT, NULL), "drm_gem_dma_create");
        returns(Set.of(NULL), "drm_gem_dma_free", "drm_gem_shmem_free");
        returns(Set.of(INT), "dma_resv_lock", "dma_resv_reserve_fences");
        returns(Set.of(BOOL), "dma_resv_trylock");
        returns(Set.of(NULL), "dma_resv_unlock", "ww_acquire_done", "ww_acquire_fini");
        returns(Set.of(OPAQUE), "ww_acquire_init");
        returns(Set.of(INT), "dma_buf_pin", "ttm_bo_evict");
        returns(Set.of(NULL), "dma_buf_unpin");
        returns(Set.of(OPAQUE, INT), "udmabuf_create");
        returns(Set.of(HANDLE, INT), "drm_gem_shmem_get_pages_sgt");
    }

    private ResultTypes() {
    }

    private static void returns(Set<ValueKind> kinds, String... names) {
        for (String name : names) {
            if (RESULTS.put(name, EnumSet.copyOf(kinds)) != null) {
                throw new IllegalStateException("result declared twice: " + name);
            }
        }
    }

    /** What {@code name} returns, or null when nothing is declared (then anything). */
    static Set<ValueKind> of(String name) {
        return RESULTS.get(name);
    }
}
