package org.dmasim.engine.dma;

import java.util.Map;
import java.util.TreeMap;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.machine.Direction;

/**
 * One device's IOMMU domain (drivers/iommu/dma-iommu.c, drivers/iommu/iova.c): an IOVA
 * allocator and a page table with permissions.
 *
 * <p>IOVAs are handed out top-down below the limit, each range aligned to its page count rounded
 * up to a power of two ({@code alloc_iova_fast(..., size_aligned)}); a limit above 32 bits is
 * tried below 4 GiB first, as {@code iommu_dma_alloc_iova} does for PCI devices (the SAC trick).
 * The aperture is 48 bits. Permissions come from {@code dma_info_to_prot()}: TO_DEVICE maps
 * read-only, FROM_DEVICE write-only, BIDIRECTIONAL both.
 */
public final class IommuDomain {
    /** A page table entry: the physical page and what the device may do through it. */
    public record Pte(long physPage, boolean read, boolean write) {
    }

    private static final long APERTURE = (1L << 48) - 1;
    private static final long FOUR_GIB = 1L << 32;

    /**
     * {@code pages} consecutive IOVA pages onto consecutive physical pages with one permission:
     * one entry per {@link #map} call, so a large mapping costs what a small one does.
     */
    private record Extent(long pages, long physPage, boolean read, boolean write) {
    }

    private final int pageSize;
    private final Pulse pulse;
    /** first IOVA page -> the extent mapped from there. */
    private final TreeMap<Long, Extent> extents = new TreeMap<>();
    /** first IOVA page -> end page (exclusive) of each allocated range. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long mapped;

    public IommuDomain(int pageSize) {
        this(pageSize, Pulse.NONE);
    }

    /** {@code pulse} is beaten while the IOVA search walks many allocated ranges. */
    public IommuDomain(int pageSize, Pulse pulse) {
        this.pageSize = pageSize;
        this.pulse = pulse;
    }

    /** {@code dma_info_to_prot(dir, ...)}: read for TO/BIDIR, write for FROM/BIDIR. */
    public static Pte prot(long physPage, Direction dir) {
        return new Pte(physPage, dir.deviceReads(), dir.deviceWrites());
    }

    /**
     * {@code iommu_dma_alloc_iova}: an IOVA range of {@code pages} pages with its last byte at
     * or below {@code mask}; -1 when the space is exhausted.
     */
    public long allocIova(long pages, long mask) {
        long limit = Long.compareUnsigned(mask, APERTURE) > 0 ? APERTURE : mask;
        if (Long.compareUnsigned(limit, FOUR_GIB - 1) > 0) {
            long low = search(pages, (FOUR_GIB - 1) / pageSize);
            if (low >= 0) {
                return low;
            }
        }
        return search(pages, limit / pageSize);
    }

    /** Top-down search for a free, size-aligned run ending at or below page {@code lastPage}. */
    private long search(long pages, long lastPage) {
        long align = Long.highestOneBit(pages) == pages ? pages : Long.highestOneBit(pages) << 1;
        long end = lastPage + 1;
        for (int walked = 1; true; walked++) {
            if ((walked & 255) == 0) {
                pulse.beat();
            }
            long start = Math.floorDiv(end - pages, align) * align;
            if (start < 1) {
                return -1; // IOVA page 0 is never handed out
            }
            Map.Entry<Long, Long> below = ranges.lowerEntry(start + pages);
            if (below == null || below.getValue() <= start) {
                ranges.put(start, start + pages);
                return start * pageSize;
            }
            end = below.getKey();
        }
    }

    /** {@code iommu_map}: {@code pages} pages from {@code iova} onto {@code phys}, with {@code dir}'s permissions. */
    public void map(long iova, long phys, long pages, Direction dir) {
        long first = iova / pageSize;
        Extent old = extents.put(first, new Extent(pages, phys / pageSize, dir.deviceReads(), dir.deviceWrites()));
        mapped += pages - (old == null ? 0 : old.pages());
    }

    /** {@code iommu_unmap} and {@code iommu_dma_free_iova} of the range starting at {@code iova}. */
    public void unmap(long iova) {
        long first = iova / pageSize;
        Long end = ranges.remove(first);
        if (end == null) {
            return;
        }
        Map<Long, Extent> inRange = extents.subMap(first, true, end, false);
        for (Extent e : inRange.values()) {
            mapped -= e.pages();
        }
        inRange.clear();
    }

    /** The entry for the page holding {@code iova}, or null when nothing is mapped there. */
    public Pte lookup(long iova) {
        long page = Long.divideUnsigned(iova, pageSize);
        Map.Entry<Long, Extent> e = extents.floorEntry(page);
        if (e == null || page - e.getKey() >= e.getValue().pages()) {
            return null;
        }
        Extent x = e.getValue();
        return new Pte(x.physPage() + (page - e.getKey()), x.read(), x.write());
    }

    /** The physical address {@code iova} translates to, or -1. */
    public long translate(long iova) {
        Pte pte = lookup(iova);
        return pte == null ? -1 : pte.physPage() * pageSize + Long.remainderUnsigned(iova, pageSize);
    }

    /** Mapped IOVA pages (for tests and {@code show}). */
    public long mappedPages() {
        return mapped;
    }
}
