package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;

/**
 * The kmalloc caches (mm/slab_common.c {@code kmalloc_info}, mm/slub.c): size classes 8..8192,
 * objects of one class packed into shared slab pages, lowest free object first. Larger requests
 * go to the page allocator ({@code kmalloc_large}). One set of caches per zone (kmalloc-dma-*).
 *
 * <p>Alignment: mm/slab_common.c {@code __kmalloc_minalign()}: {@code dma_get_cache_alignment()}
 * (64 on arm64 and riscv with cache operations, 1 where DMA is coherent), or
 * {@code ARCH_KMALLOC_MINALIGN} (8) where the arch bounces unaligned kmalloc buffers and swiotlb
 * is allocated ({@code CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC}: arm64 since 6.5, riscv); at least 8.
 */
public final class Slab {
    private static final long[] CLASSES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

    private final PageSource pages;
    private final int minAlign;
    private final Map<String, List<SlabPage>> caches = new HashMap<>();
    private final Map<Long, SlabPage> byObject = new HashMap<>();

    private static final class SlabPage {
        final long phys;
        final long objectSize;
        final boolean[] used;

        SlabPage(long phys, long objectSize, int objects) {
            this.phys = phys;
            this.objectSize = objectSize;
            this.used = new boolean[objects];
        }
    }

    /** @param minAlign {@code __kmalloc_minalign()} of the machine */
    public Slab(PageSource pages, int minAlign) {
        this.pages = pages;
        this.minAlign = minAlign;
    }

    /** {@code kmalloc_size_roundup(size)} with alignment {@code minAlign}; large sizes round to pages. */
    public static long sizeClass(long size, int minAlign, int pageSize) {
        for (long c : CLASSES) {
            if (c >= size && c % minAlign == 0) {
                return c;
            }
        }
        return (size + pageSize - 1) / pageSize * pageSize;
    }

    /** {@code kmalloc(size, gfp)} below {@code limit}; null when no page can be had. */
    public KmallocBuffer allocate(long size, long limit) {
        if (size <= 0) {
            throw new ScriptFault("kmalloc of " + size + " bytes");
        }
        long cls = 0;
        for (long c : CLASSES) {
            if (c >= size && c % minAlign == 0) {
                cls = c;
                break;
            }
        }
        if (cls == 0) {
            long bytes = (size + pages.pageSize() - 1) / pages.pageSize() * pages.pageSize();
            long phys = pages.allocate(bytes, limit, "zeroed by kmalloc (kmalloc_large)");
            if (phys < 0) {
                return null;
            }
            KmallocBuffer b = new KmallocBuffer(phys, size, bytes);
            return b;
        }
        List<SlabPage> cache = caches.computeIfAbsent(cls + "@" + limit, k -> new ArrayList<>());
        for (SlabPage sp : cache) {
            for (int i = 0; i < sp.used.length; i++) {
                if (!sp.used[i]) {
                    return take(sp, i, size);
                }
            }
        }
        long slabBytes = Math.max(pages.pageSize(), cls);
        long phys = pages.allocate(slabBytes, limit, "zeroed by the slab allocator (new kmalloc-" + cls + " slab)");
        if (phys < 0) {
            return null;
        }
        SlabPage sp = new SlabPage(phys, cls, (int) (slabBytes / cls));
        cache.add(sp);
        return take(sp, 0, size);
    }

    private KmallocBuffer take(SlabPage sp, int index, long size) {
        sp.used[index] = true;
        long phys = sp.phys + index * sp.objectSize;
        byObject.put(phys, sp);
        return new KmallocBuffer(phys, size, sp.objectSize);
    }

    /** {@code kfree}: false when the object was already freed (the caller reports it). */
    public boolean free(KmallocBuffer b) {
        if (b.freed()) {
            return false;
        }
        b.markFreed();
        SlabPage sp = byObject.remove(b.physBase());
        if (sp == null) {
            pages.free(b.physBase(), b.objectSize());
        } else {
            sp.used[(int) ((b.physBase() - sp.phys) / sp.objectSize)] = false;
        }
        return true;
    }
}
