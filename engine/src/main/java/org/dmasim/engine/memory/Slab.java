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
    private final org.dmasim.engine.Pulse pulse;
    private final Map<String, List<SlabPage>> caches = new HashMap<>();
    private final Map<Long, SlabPage> byObject = new HashMap<>();

    private static final class SlabPage {
        final long phys;
        final long objectSize;
        final boolean[] used;
        int free;

        SlabPage(long phys, long objectSize, int objects) {
            this.phys = phys;
            this.objectSize = objectSize;
            this.used = new boolean[objects];
            this.free = objects;
        }
    }

    /** @param minAlign {@code __kmalloc_minalign()} of the machine */
    public Slab(PageSource pages, int minAlign) {
        this(pages, minAlign, org.dmasim.engine.Pulse.NONE);
    }

    /** {@code pulse} is beaten while the search for a free object walks many slab pages. */
    public Slab(PageSource pages, int minAlign, org.dmasim.engine.Pulse pulse) {
        this.pages = pages;
        this.minAlign = minAlign;
        this.pulse = pulse;
    }

    /** {@code kmalloc_size_roundup(size)} with alignment {@code minAlign}; large sizes round to pages. */
    public static long sizeClass(long size, int minAlign, int pageSize) {
        for (long c : CLASSES) {
            if (c >= size && c % minAlign == 0) {
                return c;
            }
        }
        return size <= 0 ? pageSize : ((size - 1) / pageSize + 1) * pageSize;
    }

    /** {@code kmalloc(size, gfp)} below {@code limit}; null when no page can be had. */
    public KmallocBuffer allocate(long size, long limit) {
        if (size == 0) {
            throw new ScriptFault("kmalloc of 0 bytes");
        }
        // include/linux/slab.h KMALLOC_MAX_SIZE: 1 << (MAX_PAGE_ORDER + PAGE_SHIFT); larger requests
        // (size_t: unsigned, so 2^63 and above too) fail in __kmalloc_large_node (the page
        // allocator's order limit) and kmalloc returns NULL
        if (Long.compareUnsigned(size, (long) pages.pageSize() << PageAllocator.MAX_ORDER) > 0) {
            return null;
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
        int walked = 0;
        for (SlabPage sp : cache) {
            if ((++walked & 63) == 0) {
                pulse.beat();
            }
            if (sp.free == 0) {
                continue;
            }
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
        sp.free--;
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
            sp.free++;
        }
        return true;
    }
}
