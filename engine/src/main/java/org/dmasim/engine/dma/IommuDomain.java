package org.dmasim.engine.dma;

import java.util.Map;
import java.util.TreeMap;
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

    private final int pageSize;
    private final IommuKind kind;
    private final TreeMap<Long, Pte> ptes = new TreeMap<>();
    /** The sun4u dummy page every unmapped IOPTE points at (iommu_table_init: zeroed). */
    private final byte[] dummyPage;
    /** first IOVA page -> end page (exclusive) of each allocated range. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public IommuDomain(int pageSize) {
        this(pageSize, IommuKind.VTD);
    }

    public IommuDomain(int pageSize, IommuKind kind) {
        this.pageSize = pageSize;
        this.kind = kind;
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
        while (true) {
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
        long physPage = phys / pageSize;
        for (long i = 0; i < pages; i++) {
            ptes.put(first + i, prot(physPage + i, dir));
        }
    }

    /** {@code iommu_unmap} and {@code iommu_dma_free_iova} of the range starting at {@code iova}. */
    public void unmap(long iova) {
        long first = iova / pageSize;
        Long end = ranges.remove(first);
        if (end == null) {
            return;
        }
        for (long p = first; p < end; p++) {
            Pte old = ptes.remove(p);
            if (kind == IommuKind.SUN4U && old != null) {
                // iopte_make_dummy: the entry stays valid, with its permissions, on the dummy page
                ptes.put(p, new Pte(-1, old.read(), old.write(), true));
            }
        }
    }

    /** The entry for the page holding {@code iova}, or null when nothing is mapped there. */
    public Pte lookup(long iova) {
        return ptes.get(Long.divideUnsigned(iova, pageSize));
    }

    /** The physical address {@code iova} translates to, or -1. */
    public long translate(long iova) {
        Pte pte = lookup(iova);
        return pte == null ? -1 : pte.physPage() * pageSize + Long.remainderUnsigned(iova, pageSize);
    }

    /** Mapped IOVA pages (for tests and {@code show}); sun4u dummy entries do not count. */
    public int mappedPages() {
        return (int) ptes.values().stream().filter(p -> !p.dummy()).count();
    }
}
