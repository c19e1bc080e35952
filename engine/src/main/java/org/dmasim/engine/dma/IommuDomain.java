package org.dmasim.engine.dma;

import java.util.Map;
import java.util.TreeMap;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.IommuKind;

/**
 * One device's IOMMU domain (drivers/iommu/dma-iommu.c, drivers/iommu/iova.c): an IOVA
 * allocator and a page table with permissions.
 *
 * <p>IOVAs are handed out top-down below the limit, each range aligned to its page count rounded
 * up to a power of two ({@code alloc_iova_fast(..., size_aligned)}); a limit above 32 bits is
 * tried below 4 GiB first, as {@code iommu_dma_alloc_iova} does for PCI devices (the SAC trick).
 * The aperture is 48 bits. Permissions come from {@code dma_info_to_prot()} (TO_DEVICE
 * IOMMU_READ, FROM_DEVICE IOMMU_WRITE, BIDIRECTIONAL both) as the IOMMU's page tables can hold
 * them ({@link IommuKind}): only VT-d/AMD-Vi keep FROM_DEVICE write-only; SMMU stage 1, RISC-V
 * and sparc64 map it read+write. A sun4u IOMMU never invalidates an entry: an unmapped page
 * keeps its permissions and points at the IOMMU's dummy page (arch/sparc/kernel/iommu.c
 * iopte_make_dummy).
 */
public final class IommuDomain {
    /**
     * A page table entry: the physical page and what the device may do through it; {@code dummy}
     * for a sun4u entry that was unmapped and now points at the dummy page.
     */
    public record Pte(long physPage, boolean read, boolean write, boolean dummy) {
        public Pte(long physPage, boolean read, boolean write) {
            this(physPage, read, write, false);
        }
    }

    private static final long APERTURE = (1L << 48) - 1;
    private static final long FOUR_GIB = 1L << 32;

    /**
     * {@code pages} consecutive IOVA pages onto consecutive physical pages with one permission:
     * one entry per {@link #map} call, so a large mapping costs what a small one does. A sun4u
     * extent left by an unmap is {@code dummy}: every page of it points at the dummy page.
     */
    private record Extent(long pages, long physPage, boolean read, boolean write, boolean dummy) {
    }

    private final int pageSize;
    private final IommuKind kind;
    private final Pulse pulse;
    /** first IOVA page -> the extent mapped from there; extents never overlap. */
    private final TreeMap<Long, Extent> extents = new TreeMap<>();
    /** The sun4u dummy page every unmapped IOPTE points at (iommu_table_init: zeroed). */
    private final byte[] dummyPage;
    /** first IOVA page -> end page (exclusive) of each allocated range. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    /** Pages of the non-dummy extents. */
    private long mapped;

    public IommuDomain(int pageSize) {
        this(pageSize, IommuKind.VTD);
    }

    public IommuDomain(int pageSize, IommuKind kind) {
        this(pageSize, kind, Pulse.NONE);
    }

    /** {@code pulse} is beaten while the IOVA search walks many allocated ranges. */
    public IommuDomain(int pageSize, IommuKind kind, Pulse pulse) {
        this.pageSize = pageSize;
        this.kind = kind;
        this.pulse = pulse;
        this.dummyPage = kind == IommuKind.SUN4U ? new byte[pageSize] : null;
    }

    public IommuKind kind() {
        return kind;
    }

    /**
     * {@code dma_info_to_prot(dir, ...)} as the page tables hold it: write for FROM/BIDIR; read for
     * TO/BIDIR, and for FROM_DEVICE too where the format has no write-only entry.
     */
    public Pte prot(long physPage, Direction dir) {
        return new Pte(physPage, dir.deviceReads() || !kind.writeOnly(), dir.deviceWrites());
    }

    /** The sun4u dummy page's bytes (reads and writes through an unmapped IOPTE land here), or null. */
    public byte[] dummyPage() {
        return dummyPage;
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
        clear(first, first + pages);
        Pte p = prot(phys / pageSize, dir);
        extents.put(first, new Extent(pages, p.physPage(), p.read(), p.write(), false));
        mapped += pages;
    }

    /** {@code iommu_unmap} and {@code iommu_dma_free_iova} of the range starting at {@code iova}. */
    public void unmap(long iova) {
        long first = iova / pageSize;
        Long end = ranges.remove(first);
        if (end == null) {
            return;
        }
        Map<Long, Extent> gone = new TreeMap<>(extents.subMap(first, true, end, false));
        clear(first, end);
        if (kind == IommuKind.SUN4U) {
            // iopte_make_dummy: the entries stay valid, with their permissions, on the dummy page
            gone.forEach((at, e) -> extents.put(at, new Extent(e.pages(), -1, e.read(), e.write(), true)));
        }
    }

    /** Drops pages [from, to) from the extents, trimming the ones that straddle either end. */
    private void clear(long from, long to) {
        Map.Entry<Long, Extent> before = extents.lowerEntry(from);
        if (before != null && before.getKey() + before.getValue().pages() > from) {
            split(before.getKey(), from);
        }
        Map.Entry<Long, Extent> last = extents.lowerEntry(to);
        if (last != null && last.getKey() + last.getValue().pages() > to) {
            split(last.getKey(), to);
        }
        Map<Long, Extent> inRange = extents.subMap(from, true, to, false);
        for (Extent e : inRange.values()) {
            mapped -= e.dummy() ? 0 : e.pages();
        }
        inRange.clear();
    }

    /** Cuts the extent starting at page {@code at} in two at page {@code cut}. */
    private void split(long at, long cut) {
        Extent e = extents.get(at);
        long head = cut - at;
        extents.put(at, new Extent(head, e.physPage(), e.read(), e.write(), e.dummy()));
        extents.put(cut, new Extent(e.pages() - head, e.dummy() ? -1 : e.physPage() + head, e.read(), e.write(),
                e.dummy()));
    }

    /** The entry for the page holding {@code iova}, or null when nothing is mapped there. */
    public Pte lookup(long iova) {
        long page = Long.divideUnsigned(iova, pageSize);
        Map.Entry<Long, Extent> e = extents.floorEntry(page);
        if (e == null || page - e.getKey() >= e.getValue().pages()) {
            return null;
        }
        Extent x = e.getValue();
        return x.dummy() ? new Pte(-1, x.read(), x.write(), true)
                : new Pte(x.physPage() + (page - e.getKey()), x.read(), x.write());
    }

    /** The physical address {@code iova} translates to, or -1. */
    public long translate(long iova) {
        Pte pte = lookup(iova);
        return pte == null ? -1 : pte.physPage() * pageSize + Long.remainderUnsigned(iova, pageSize);
    }

    /** Mapped IOVA pages (for tests and {@code show}); sun4u dummy entries do not count. */
    public long mappedPages() {
        return mapped;
    }
}
