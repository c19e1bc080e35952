package org.dmasim.engine.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * kmalloc (mm/slab_common.c): small objects packed into slab pages by size class, so neighbours
 * share cache lines (the reason for ARCH_DMA_MINALIGN and kmalloc bouncing). Objects are handed
 * out in address order and never reused, which keeps placement deterministic. Requests above
 * a page go to the page allocator ({@code kmalloc_large}).
 */
public final class Kmalloc {
    /** The kmalloc-N caches up to a page ({@code kmalloc_info[]}). */
    private static final int[] CLASSES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096};

    private final PageAllocator pages;
    private final int pageSize;
    /** (size class, zone) -> the slab page being filled: phys of the next free object, or absent. */
    private final Map<String, long[]> current = new HashMap<>();

    public Kmalloc(PageAllocator pages, int pageSize) {
        this.pages = pages;
        this.pageSize = pageSize;
    }

    /** {@code kmalloc_size_roundup()}: the object size kmalloc really hands out. */
    public static long sizeRoundup(long size) {
        for (int c : CLASSES) {
            if (size <= c) {
                return c;
            }
        }
        return size;
    }

    /** True when a request of {@code size} comes from a slab, not straight from the page allocator. */
    public static boolean fromSlab(long size) {
        return size <= CLASSES[CLASSES.length - 1];
    }

    /**
     * The physical address of a new object of {@code size} below {@code limit}, and whether a
     * fresh slab page was taken for it ({@code newPage[0]}, to be zeroed by the caller); -1 when
     * the zone is full.
     */
    public long allocate(long size, long limit, Zone zone, boolean[] newPage) {
        int cls = (int) sizeRoundup(size);
        String key = cls + "/" + zone;
        long[] next = current.get(key);
        newPage[0] = false;
        if (next == null || next[0] + cls > next[1]) {
            long page = pages.allocate(1, limit);
            if (page < 0) {
                return -1;
            }
            next = new long[] {page, page + pageSize};
            current.put(key, next);
            newPage[0] = true;
        }
        long phys = next[0];
        next[0] += cls;
        return phys;
    }
}
