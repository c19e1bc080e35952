package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.machine.ArchProfile;

/**
 * The kmalloc caches (mm/slab_common.c {@code kmalloc_info}, mm/slub.c): size classes 8..8192,
 * objects of one class packed into shared slab pages, lowest free object first. Larger requests
 * go to the page allocator ({@code kmalloc_large}). One set of caches per zone (kmalloc-dma-*).
 *
 * <p>Alignment: {@code ARCH_KMALLOC_MINALIGN} is {@code ARCH_DMA_MINALIGN} on non-coherent arches
 * unless the arch bounces unaligned kmalloc buffers instead ({@code CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC},
 * arm64 since 6.5), where it drops to 8 (include/linux/slab.h).
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

    public Slab(PageSource pages, ArchProfile profile) {
        this(pages, profile, org.dmasim.engine.Pulse.NONE);
    }

    /** {@code pulse} is beaten while the search for a free object walks many slab pages. */
    public Slab(PageSource pages, ArchProfile profile, org.dmasim.engine.Pulse pulse) {
        this.pages = pages;
        this.minAlign = kmallocMinalign(profile);
        this.pulse = pulse;
    }

    /** {@code ARCH_KMALLOC_MINALIGN}: the smallest alignment (and size) kmalloc hands out. */
    public static int kmallocMinalign(ArchProfile p) {
        return p.coherentDefault() || p.bounceUnalignedKmalloc() ? 8 : p.cacheLine();
    }

    /**
     * {@code ARCH_DMA_MINALIGN}: 8 where DMA is coherent, two cache lines on arm64 (128), one
     * cache line on the other non-coherent arches.
     */
    public static int archDmaMinalign(ArchProfile p) {
        if (p.coherentDefault()) {
            return 8;
        }
        return p.bounceUnalignedKmalloc() ? 2 * p.cacheLine() : p.cacheLine();
    }

    /** {@code kmalloc_size_roundup(size)} with the profile's alignment; large sizes round to pages. */
    public static long sizeClass(long size, ArchProfile p) {
        int align = kmallocMinalign(p);
        for (long c : CLASSES) {
            if (c >= size && c % align == 0) {
                return c;
            }
        }
        long ps = p.pageSize();
        return size <= 0 ? ps : ((size - 1) / ps + 1) * ps;
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
