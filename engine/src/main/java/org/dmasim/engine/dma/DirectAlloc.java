package org.dmasim.engine.dma;

import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_NO_KERNEL_MAPPING;
import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_WRITE_COMBINE;

import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.check.DebugEntry;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.PageAllocator;
import org.dmasim.engine.memory.PageBuffer;
import org.dmasim.engine.memory.PhysView;
import org.dmasim.engine.memory.VmallocBuffer;
import org.dmasim.engine.memory.Zone;

/**
 * Coherent and non-coherent allocations: kernel/dma/direct.c {@code dma_direct_alloc},
 * {@code dma_direct_alloc_pages}, {@code dma_direct_free}; drivers/iommu/dma-iommu.c
 * {@code iommu_dma_alloc} behind an IOMMU; and the page allocations under them.
 */
public final class DirectAlloc {
    private final Machine m;
    /** Live coherent and non-coherent allocations, for the kernel's free forms that pass only addresses. */
    private final List<CoherentAllocation> live = new java.util.ArrayList<>();

    public DirectAlloc(Machine machine) {
        this.m = machine;
    }

    /**
     * Contiguous zeroed pages below {@code limit}, highest first; null when nothing fits or the
     * order is above {@code MAX_PAGE_ORDER} (the kernel returns NULL; the caller reports it).
     * The zeroing is {@code clear_page()} through the cacheable linear map (__GFP_ZERO,
     * mm/page_alloc.c kernel_init_pages): zeroes in dirty lines over the previous owner's data.
     */
    public PageBuffer allocPages(long size, long limit, String witness) {
        PageBuffer p = allocPagesUnzeroed(size, limit);
        if (p != null) {
            try {
                zero(p, AccessKind.CPU_CACHED, witness);
            } catch (RuntimeException e) {
                freePages(p); // a limit that stopped the zeroing half-way: the pages go back
                throw e;
            }
        }
        return p;
    }

    /** Contiguous pages as the allocator hands them out, the previous owner's data still in them. */
    PageBuffer allocPagesUnzeroed(long size, long limit) {
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        PageAllocator a = m.allocator();
        long pages = a.pagesFor(size);
        if (PageAllocator.order(pages) > PageAllocator.MAX_ORDER) {
            return null;
        }
        long phys = a.allocate(pages, limit);
        if (phys < 0) {
            return null;
        }
        return new PageBuffer(phys, size, pages);
    }

    /** The new owner's zeroing through a mapping of {@code kind}: a CPU write in program order for the shadow. */
    private void zero(PageBuffer p, AccessKind kind, String witness) {
        long bytes = p.pages() * m.profile().pageSize();
        // the witness ends with the site ("zeroed by alloc_pages at 5:1"): the cache's own texts want it alone
        int at = witness.lastIndexOf(" at ");
        m.cache().zeroForNewOwner(kind, p.physBase(), bytes, witness, at < 0 ? witness : witness.substring(at + 4));
        m.shadow().zero(p.physBase(), bytes, witness);
    }

    /**
     * Check, then act: the zeroing ({@code zeroKind}, or null for none) and the preparation of a new
     * allocation's pages must fit the memory budget; when they do not, the pages (and the IOVA)
     * go back and the allocation did not happen.
     */
    private void requireSetup(Device dev, PageBuffer pages, long dma, boolean prep, AccessKind zeroKind) {
        long bytes = pages.pages() * m.profile().pageSize();
        try {
            if (prep) {
                m.cache().requireMaintain(m.profile().prepCoherent(), pages.physBase(), bytes);
            }
            if (zeroKind != null) {
                m.cache().requireWrite(zeroKind, pages.physBase(), bytes);
            }
        } catch (ScriptFault f) {
            if (dev.iommu()) {
                m.domain(dev).unmap(dma);
            }
            freePages(pages);
            throw f;
        }
    }

    public void freePages(PageBuffer buffer) {
        if (!buffer.freed()) {
            m.allocator().free(buffer.physBase(), buffer.pages());
            buffer.markFreed();
        }
    }

    /** {@code free_pages} of a script's buffer: only alloc_pages memory; a second free is a use after free. */
    public void freePages(Buffer buffer, Site site) {
        if (!(buffer instanceof PageBuffer pages)) {
            throw new ScriptFault(buffer.label() + " was not allocated with alloc_pages"
                    + (buffer instanceof KmallocBuffer ? "; use kfree" : buffer instanceof VmallocBuffer ? "; use vfree" : ""));
        }
        if (pages.freed()) {
            m.log().add(ReportCode.USE_AFTER_FREE, "free_pages of " + pages.label()
                    + " (phys " + Units.hex(pages.physBase()) + "), which is already free", site,
                    "free each allocation once", List.of());
            return;
        }
        freePages(pages);
    }

    /**
     * {@code dma_alloc_attrs}: pages the coherent mask reaches (direct.c retries DMA32, then
     * DMA); behind an IOMMU any pages and an IOVA below the coherent mask.
     */
    public CoherentBuffer alloc(Device dev, long size, long attrs, Site site) {
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        PageBuffer pages = reachablePages(dev, size);
        if (pages == null) {
            return null;
        }
        long dma = dev.physToDma(pages.physBase());
        if (dev.iommu() && (dma = iommuMap(dev, pages, Direction.DMA_BIDIRECTIONAL)) < 0) {
            freePages(pages);
            return null;
        }
        String zeroed = "zeroed by dma_alloc_coherent at " + site;
        long bytes = pages.pages() * m.profile().pageSize();
        boolean noKernelMapping = (attrs & DMA_ATTR_NO_KERNEL_MAPPING) != 0;
        boolean direct = !dev.iommu();
        requireSetup(dev, pages, dma, !dev.dmaCoherent() || (direct && noKernelMapping),
                direct && noKernelMapping ? null
                        : direct && !dev.dmaCoherent() ? AccessKind.CPU_UNCACHED : AccessKind.CPU_CACHED);
        if (dev.iommu()) {
            // iommu_dma_alloc: gfp |= __GFP_ZERO (cleared through the cache), then
            // arch_dma_prep_coherent() for a non-coherent device
            zero(pages, AccessKind.CPU_CACHED, zeroed);
            if (!dev.dmaCoherent()) {
                ArchSync.prepCoherent(m, pages.physBase(), bytes, site);
            }
        } else if (noKernelMapping) {
            // kernel/dma/direct.c dma_direct_alloc_no_mapping(): __dma_direct_alloc_pages(gfp & ~__GFP_ZERO)
            // and arch_dma_prep_coherent() (for every device: it comes before the coherence test);
            // nothing zeroes the pages, the previous owner's data stays
            ArchSync.prepCoherent(m, pages.physBase(), bytes, site);
            m.cache().markPreviousOwner(pages.physBase(), pages.physBase() + bytes);
        } else if (dev.dmaCoherent()) {
            // dma_direct_alloc: memset(ret, 0, size) through the cacheable linear map
            zero(pages, AccessKind.CPU_CACHED, zeroed);
        } else {
            // non-coherent: arch_dma_prep_coherent() on the linear alias ("remove any dirty cache
            // lines on the kernel alias"), then memset through the uncached remap
            ArchSync.prepCoherent(m, pages.physBase(), bytes, site);
            zero(pages, AccessKind.CPU_UNCACHED, zeroed);
        }
        MemoryType type = dev.dmaCoherent() ? MemoryType.CACHED
                : (attrs & DMA_ATTR_WRITE_COMBINE) != 0 ? MemoryType.WRITE_COMBINE : MemoryType.UNCACHED;
        CpuView cpu = (attrs & DMA_ATTR_NO_KERNEL_MAPPING) != 0 ? null
                : new PhysView(pages, type, "coherent@" + Units.hex(pages.physBase()));
        CoherentBuffer c = new CoherentBuffer(dev, pages, cpu, dma, size, attrs);
        pages.setLabel("linear alias of coherent@" + Units.hex(pages.physBase()));
        m.debug().add(new DebugEntry(dev, c.dma().dmaAddress(), size, Direction.DMA_BIDIRECTIONAL, "coherent",
                pages.physBase(), false, false), site);
        live.add(c);
        return c;
    }

    /** {@code dma_free_attrs}: check_unmap as a coherent entry, then the IOVA and the pages go back. */
    public void free(Device dev, CoherentBuffer c, Site site) {
        free(dev, c, c.size(), -1, site);
    }

    /**
     * The same as the kernel calls it, {@code dma_free_coherent(dev, size, cpu_addr, dma_handle)}:
     * check_unmap with the size given and, when {@code cpuPhys >= 0}, the CPU address (debug.c:
     * "frees DMA memory with different CPU address"); the pages go back as allocated.
     */
    void free(Device dev, CoherentBuffer c, long size, long cpuPhys, Site site) {
        var entry = m.debug().checkUnmap(dev, c.dma().dmaAddress(), size, Direction.DMA_BIDIRECTIONAL,
                "coherent", site, "dma_free_coherent(" + dev + ", " + Units.size(c.size()) + ", "
                        + c.dma().label() + ")");
        checkCpuAddress(dev, entry, "coherent", size, cpuPhys, site);
        if (entry != null) {
            live.remove(c);
            if (dev.iommu()) {
                m.domain(dev).unmap(c.dma().dmaAddress());
            }
            freePages(c.pages());
        }
    }

    /**
     * {@code dma_alloc_noncoherent} = {@code dma_alloc_pages}: cacheable pages the coherent mask
     * reaches, zeroed by a memset through the cached linear map (dirty lines, no maintenance),
     * owned by the CPU until the driver's first {@code dma_sync_single_for_device}.
     */
    public NoncoherentBuffer allocNoncoherent(Device dev, long size, Direction dir, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_alloc_noncoherent with invalid direction " + dir);
        }
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        PageBuffer pages = reachablePages(dev, size);
        if (pages == null) {
            return null;
        }
        long dma = dev.physToDma(pages.physBase());
        if (dev.iommu() && (dma = iommuMap(dev, pages, dir)) < 0) {
            freePages(pages);
            return null;
        }
        long bytes = pages.pages() * m.profile().pageSize();
        requireSetup(dev, pages, dma, false, AccessKind.CPU_CACHED);
        // dma_direct_alloc_pages: memset(page_address(page), 0, size) through the cached linear map,
        // no maintenance: dirty lines even over fresh memory (a device write under them may be undone)
        m.cache().markPreviousOwner(pages.physBase(), pages.physBase() + bytes);
        m.cache().write(AccessKind.CPU_CACHED, pages.physBase(), bytes, new byte[] {0}, 0,
                "zeroed through the cache by dma_alloc_noncoherent at " + site, site.toString());
        m.shadow().zero(pages.physBase(), bytes, "zeroed by dma_alloc_noncoherent at " + site);
        pages.setLabel("noncoherent@" + Units.hex(pages.physBase()));
        StreamingMapping s = new StreamingMapping(dev, pages, dma, pages.physBase(), size, dir, 0, -1, dev.iommu(),
                "noncoherent", null);
        s.setLabel(pages.label() + ".dma");
        s.giveToCpu();
        s.noteCpuWrite(); // the zeroing: the CPU wrote it, so it must be synced before DMA
        m.mappings().add(s);
        m.debug().add(new DebugEntry(dev, dma, size, dir, "noncoherent", pages.physBase(), false, false), site);
        NoncoherentBuffer n = new NoncoherentBuffer(pages, s);
        live.add(n);
        return n;
    }

    /**
     * {@code dma_free_noncoherent}: check_unmap as {@code asType} ({@code noncoherent}, or
     * {@code coherent} when dma_free_coherent got it: "wrong function", then freed anyway); no
     * maintenance; pages freed.
     */
    public void freeNoncoherent(Device dev, NoncoherentBuffer c, String asType, Site site) {
        freeNoncoherent(dev, c, asType, c.size(), -1, c.dma().direction(), site);
    }

    /** The same with what the caller passed: size, CPU address (or -1) and direction. */
    void freeNoncoherent(Device dev, NoncoherentBuffer c, String asType, long size, long cpuPhys, Direction dir,
            Site site) {
        StreamingMapping s = c.dma();
        var entry = m.debug().checkUnmap(dev, s.dmaAddress(), size, dir, asType, site,
                "dma_free_noncoherent(" + dev + ", " + Units.size(c.size()) + ", " + s.label() + ", "
                        + s.direction() + ")");
        checkCpuAddress(dev, entry, asType, size, cpuPhys, site);
        if (entry != null && !s.released()) {
            live.remove(c);
            if (s.iommu()) {
                m.domain(dev).unmap(s.dmaAddress());
            }
            s.release();
            m.mappings().remove(s);
            freePages(c.pages());
        }
    }

    /** {@code dma_free_coherent}: a non-coherent allocation is freed with dma-debug's wrong-function check. */
    public void dmaFreeCoherent(Device dev, CoherentAllocation allocation, Site site) {
        dmaFreeCoherent(dev, allocation, allocation.size(), -1, site);
    }

    /** {@code dma_free_coherent(dev, size, cpu_addr, dma_handle)}: {@code cpuPhys} -1 when not checked. */
    public void dmaFreeCoherent(Device dev, CoherentAllocation allocation, long size, long cpuPhys, Site site) {
        switch (allocation) {
            case CoherentBuffer c -> free(dev, c, size, cpuPhys, site);
            // dma-debug: "frees DMA memory with wrong function", then it is freed anyway
            case NoncoherentBuffer n -> freeNoncoherent(dev, n, "coherent", size, cpuPhys,
                    Direction.DMA_BIDIRECTIONAL, site);
            default -> throw new ScriptFault("not a DMA allocation");
        }
    }

    /** {@code dma_free_noncoherent(dev, size, vaddr, handle, dir)}, checked like check_unmap. */
    public void dmaFreeNoncoherent(Device dev, CoherentAllocation allocation, Site site) {
        Direction dir = allocation instanceof NoncoherentBuffer n ? n.dma().direction() : Direction.DMA_BIDIRECTIONAL;
        dmaFreeNoncoherent(dev, allocation, allocation.size(), -1, dir, site);
    }

    /** The same with what the caller passed: size, CPU address (or -1) and direction. */
    public void dmaFreeNoncoherent(Device dev, CoherentAllocation allocation, long size, long cpuPhys,
            Direction dir, Site site) {
        switch (allocation) {
            case NoncoherentBuffer n -> freeNoncoherent(dev, n, "noncoherent", size, cpuPhys, dir, site);
            case CoherentBuffer c -> {
                // the wrong function: dma-debug's type check, then the kernel frees what it got
                m.debug().checkUnmap(dev, c.dma().dmaAddress(), size, dir, "noncoherent", site, "dma_free_coherent");
                live.remove(c);
                freePages(c.pages());
            }
            default -> throw new ScriptFault("not a DMA allocation");
        }
    }

    /** The live allocation of {@code dev} at {@code dmaAddr}, or null (the kernel forms pass only addresses). */
    public CoherentAllocation allocationAt(Device dev, long dmaAddr) {
        for (CoherentAllocation c : live) {
            if (!c.freed() && c.dma().device() == dev && c.dma().dmaAddress() == dmaAddr) {
                return c;
            }
        }
        return null;
    }

    /**
     * kernel/dma/debug.c check_unmap(): for a (non)coherent entry of the same type, the CPU address
     * freed must be the one allocated ("device driver frees DMA memory with different CPU address").
     */
    private void checkCpuAddress(Device dev, DebugEntry entry, String type, long size, long cpuPhys, Site site) {
        if (entry != null && cpuPhys >= 0 && entry.type().equals(type) && entry.paddr() != cpuPhys) {
            m.debug().cpuAddressMismatch(dev, entry, size, cpuPhys, site);
        }
    }

    /**
     * {@code dma_get_sgtable}: a one-entry table of the allocation's pages through the linear map
     * (dma_direct_get_sgtable: {@code sg_set_page(sgt->sgl, page, PAGE_ALIGN(size), 0)}).
     */
    public SgTable getSgtable(Device dev, CoherentAllocation c) {
        // A dma_pool block is a slice of its pool's coherent page: the table covers the block's bytes.
        CpuView view = switch (c) {
            case CoherentBuffer cb -> cb.pages();
            case NoncoherentBuffer nb -> nb.pages();
            case DmaPoolBlock pb -> pb.cpu();
            default -> throw new ScriptFault("dma_get_sgtable: " + c.dma().label() + " is not a coherent allocation");
        };
        return new SgTable(List.of(new SgTable.Entry(view, 0, c.size())), c,
                "sgtable of " + c.dma().label());
    }

    /** An IOVA for the pages below the coherent mask, mapped with {@code dir}'s permissions, or -1. */
    private long iommuMap(Device dev, PageBuffer pages, Direction dir) {
        IommuDomain domain = m.domain(dev);
        long iova = domain.allocIova(pages.pages(), dev.coherentDmaMask());
        if (iova >= 0) {
            domain.map(iova, pages.physBase(), pages.pages(), dir);
        }
        return iova;
    }

    /**
     * Pages for an allocation of {@code dev}, not zeroed (each caller zeroes as its kernel path
     * does): any behind an IOMMU, else what the coherent mask reaches.
     */
    private PageBuffer reachablePages(Device dev, long size) {
        if (dev.iommu()) {
            return allocPagesUnzeroed(size, Long.MAX_VALUE);
        }
        // kernel/dma/direct.c dma_direct_optimal_gfp_mask: the zone from dma_to_phys of
        // min_not_zero(coherent_dma_mask, bus_dma_limit); dma_coherent_ok checks every page
        long limit = dev.config().parms().limit(dev.coherentDmaMask());
        long physLimit = limit == -1L ? Long.MAX_VALUE : dev.dmaToPhys(limit);
        if (physLimit == -1L) {
            physLimit = Long.MAX_VALUE;
        }
        long dmaLimit = m.zoneDmaLimit();
        Zone first = physLimit < dmaLimit ? Zone.DMA : physLimit < (1L << 32) ? Zone.DMA32 : Zone.NORMAL;
        for (int k = first.ordinal(); k >= 0; k--) {
            PageBuffer p = allocPagesUnzeroed(size, Zone.values()[k].limit(dmaLimit));
            if (p == null) {
                continue;
            }
            if (DirectMapping.capable(dev, dev.physToDma(p.physBase()), p.pages() * m.profile().pageSize(), limit)) {
                return p;
            }
            freePages(p);
        }
        return null;
    }
}
