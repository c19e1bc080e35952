package org.dmasim.engine.dma;

import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_NO_KERNEL_MAPPING;
import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_WRITE_COMBINE;

import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.DebugEntry;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.PageAllocator;
import org.dmasim.engine.memory.PageBuffer;
import org.dmasim.engine.memory.PhysView;
import org.dmasim.engine.memory.Zone;

/**
 * Coherent allocations, kernel/dma/direct.c {@code dma_direct_alloc}/{@code dma_direct_free}
 * and the page allocations under them.
 */
public final class DirectAlloc {
    private final Machine m;

    public DirectAlloc(Machine machine) {
        this.m = machine;
    }

    /**
     * Contiguous zeroed pages below {@code limit}, highest first; null when nothing fits or the
     * order is above {@code MAX_PAGE_ORDER} (the kernel returns NULL; the caller reports it).
     */
    public PageBuffer allocPages(long size, long limit, String witness) {
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
        long bytes = pages * m.profile().pageSize();
        // the zeroing is a CPU write in program order for the shadow; it leaves no dirty lines
        m.cache().zero(phys, bytes, witness);
        m.shadow().zero(phys, bytes);
        return new PageBuffer(phys, size, pages);
    }

    public void freePages(PageBuffer buffer) {
        if (!buffer.freed()) {
            m.allocator().free(buffer.physBase(), buffer.pages());
            buffer.markFreed();
        }
    }

    /** {@code dma_direct_alloc}: pages the coherent mask reaches (direct.c retries DMA32, then DMA). */
    public CoherentBuffer alloc(Device dev, long size, long attrs, Site site) {
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        PageBuffer pages = reachable(dev, size, "dma_alloc_coherent", site);
        if (pages == null) {
            return null;
        }
        long offset = dev.config().dmaOffset();
        // non-coherent: arch_dma_prep_coherent() on the linear alias, then memset through the
        // uncached remap: DRAM holds zeros and no line is dirty, which zero() already modelled
        MemoryType type = dev.coherent() ? MemoryType.CACHED
                : (attrs & DMA_ATTR_WRITE_COMBINE) != 0 ? MemoryType.WRITE_COMBINE : MemoryType.UNCACHED;
        CpuView cpu = (attrs & DMA_ATTR_NO_KERNEL_MAPPING) != 0 ? null
                : new PhysView(pages, type, "coherent@" + Units.hex(pages.physBase()));
        CoherentBuffer c = new CoherentBuffer(dev, pages, cpu, pages.physBase() - offset, size, attrs);
        pages.setLabel("linear alias of coherent@" + Units.hex(pages.physBase()));
        m.debug().add(new DebugEntry(dev, c.dma().dmaAddress(), size, Direction.DMA_BIDIRECTIONAL, "coherent",
                pages.physBase(), false, false), site);
        return c;
    }

    /**
     * {@code dma_alloc_noncoherent(dev, size, dir)}: pages the coherent mask reaches, zeroed
     * through the cached linear map (the lines stay dirty), no maintenance; the CPU owns them
     * until {@code dma_sync_single_for_device}. dma-debug records a {@code noncoherent} entry.
     */
    public NoncoherentBuffer allocNoncoherent(Device dev, long size, Direction dir, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_alloc_noncoherent with invalid direction " + dir);
        }
        PageBuffer pages = reachable(dev, size, "dma_alloc_noncoherent", site);
        if (pages == null) {
            return null;
        }
        pages.setLabel("noncoherent@" + Units.hex(pages.physBase()));
        long bytes = pages.pages() * m.profile().pageSize();
        m.cache().write(org.dmasim.engine.cache.AccessKind.CPU_CACHED, pages.physBase(), bytes, new byte[] {0}, 0,
                "zeroed by dma_alloc_noncoherent at " + site, site.toString());
        StreamingMapping handle = new StreamingMapping(dev, pages, pages.physBase() - dev.config().dmaOffset(),
                pages.physBase(), size, dir, 0, -1);
        handle.giveToCpu();
        handle.noteCpuWrite(); // the zeroing: the CPU wrote it, so it must be synced before DMA
        m.mappings().add(handle);
        m.debug().add(new DebugEntry(dev, handle.dmaAddress(), size, dir, "noncoherent", pages.physBase(), false,
                false), site);
        return new NoncoherentBuffer(pages, handle);
    }

    /** {@code dma_free_noncoherent(dev, size, vaddr, handle, dir)}. */
    public void freeNoncoherent(Device dev, NoncoherentBuffer c, String asType, Site site) {
        StreamingMapping h = c.dma();
        var entry = m.debug().checkUnmap(dev, h.dmaAddress(), h.size(), h.direction(), asType, site,
                "dma_free_noncoherent(" + dev + ", " + Units.size(h.size()) + ", " + h.label() + ", " + h.direction()
                        + ")");
        if (entry != null) {
            h.release();
            freePages(c.pages());
        }
    }

    /** Zeroed pages below the coherent mask (direct.c retries DMA32, then DMA), or null. */
    private PageBuffer reachable(Device dev, long size, String call, Site site) {
        long offset = dev.config().dmaOffset();
        long physLimit = dev.coherentDmaMask() == -1L ? Long.MAX_VALUE : dev.coherentDmaMask() + offset;
        long dmaLimit = m.profile().zoneDmaLimit();
        Zone first = physLimit < dmaLimit ? Zone.DMA : physLimit < (1L << 32) ? Zone.DMA32 : Zone.NORMAL;
        PageBuffer pages = null;
        for (Zone z : Zone.values()) {
            if (z.ordinal() > first.ordinal()) {
                continue;
            }
            Zone zone = Zone.values()[first.ordinal() - z.ordinal()];
            PageBuffer p = allocPages(size, zone.limit(dmaLimit), "zeroed by " + call + " at " + site);
            if (p == null) {
                continue;
            }
            long dma = p.physBase() - offset;
            if (p.physBase() >= offset && Long.compareUnsigned(dma + p.pages() * m.profile().pageSize() - 1,
                    dev.coherentDmaMask()) <= 0) {
                pages = p;
                break;
            }
            freePages(p);
        }
        return pages;
    }

    /** {@code dma_free_attrs}: check_unmap as a coherent entry, then the pages go back. */
    public void free(Device dev, CoherentBuffer c, Site site) {
        var entry = m.debug().checkUnmap(dev, c.dma().dmaAddress(), c.size(), Direction.DMA_BIDIRECTIONAL,
                "coherent", site, "dma_free_coherent(" + dev + ", " + Units.size(c.size()) + ", "
                        + c.dma().label() + ")");
        if (entry != null) {
            freePages(c.pages());
        }
    }
}
