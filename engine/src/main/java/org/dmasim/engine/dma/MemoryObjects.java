package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.engine.memory.Slab;
import org.dmasim.engine.memory.VmallocBuffer;

/**
 * The allocators beside the page allocator: kmalloc (mm/slub.c), vmalloc (mm/vmalloc.c), shmem
 * objects (mm/shmem.c, as drm_gem_shmem uses them) and building sg tables
 * ({@code sg_alloc_table_from_pages}: one entry per physically contiguous run).
 */
public final class MemoryObjects {
    /** {@code -EBUSY}: what swapping out a pinned object gets. */
    public static final int EBUSY = -16;

    private final Machine m;
    private final PageSupply pages;
    private final Slab slab;
    private int shmemCount;
    private int sgCount;

    public MemoryObjects(Machine machine, DirectAlloc alloc) {
        this.m = machine;
        this.pages = new PageSupply(machine, alloc);
        this.slab = new Slab(pages, machine.kmallocMinalign(), machine.pulse());
    }

    private long limit(long gfp) {
        return Gfp.zone(gfp).limit(m.zoneDmaLimit());
    }

    public KmallocBuffer kmalloc(long size, long gfp) {
        return slab.allocate(size, limit(gfp));
    }

    public void kfree(KmallocBuffer b, Site site) {
        if (!slab.free(b)) {
            m.log().add(ReportCode.USE_AFTER_FREE, "kfree of " + b.label() + " (phys " + Units.hex(b.physBase())
                    + "), which is already free (double free)", site, "free each allocation once", List.of());
        }
    }

    /** {@code vmalloc(size)}: one page at a time, wherever the allocator finds one. */
    public VmallocBuffer vmalloc(long size, Site site) {
        if (size <= 0) {
            throw new ScriptFault("vmalloc of " + size + " bytes");
        }
        int ps = pages.pageSize();
        long count = (size - 1) / ps + 1;
        if (count > m.allocator().freePages()) {
            return null; // mm/vmalloc.c: not enough pages, vmalloc returns NULL
        }
        // the area's page list is part of the machine's state: 8 bytes a page
        m.budget().require(count * Long.BYTES, "the page list of a " + Units.size(size) + " vmalloc area");
        long[] frames = new long[Math.toIntExact(count)];
        String witness = "zeroed by vmalloc at " + site;
        int got = 0;
        try {
            for (; got < frames.length; got++) {
                if ((got & 63) == 0) {
                    m.pulse().beat();
                }
                frames[got] = pages.allocate(ps, Long.MAX_VALUE, witness);
                if (frames[got] < 0) {
                    break;
                }
            }
        } catch (RuntimeException stopped) {
            free(frames, got, ps); // a limit stopped it half-way: the pages go back
            throw stopped;
        }
        if (got < frames.length) {
            free(frames, got, ps);
            return null;
        }
        m.budget().charge(count * Long.BYTES);
        return new VmallocBuffer(frames, size, ps);
    }

    private void free(long[] frames, int n, int ps) {
        for (int k = 0; k < n; k++) {
            pages.free(frames[k], ps);
        }
    }

    public void vfree(VmallocBuffer b, Site site) {
        if (b.freed()) {
            m.log().add(ReportCode.USE_AFTER_FREE, "vfree of " + b.label() + ", which is already free", site,
                    "free each allocation once", List.of());
            return;
        }
        long[] frames = b.pages();
        for (long p : frames) {
            pages.free(p, pages.pageSize());
        }
        m.budget().release((long) frames.length * Long.BYTES);
        b.markFreed();
    }

    public ShmemObject shmem(long size, long gfp) {
        if (size > 0) {
            // its page list (8 bytes a page, made now; the pages come at first touch) is the machine's state
            long count = (size - 1) / pages.pageSize() + 1;
            m.budget().require(count * Long.BYTES, "the page list of a " + Units.size(size) + " shmem object");
            m.budget().charge(count * Long.BYTES);
        }
        return new ShmemObject(pages, size, limit(gfp), "shmem#" + (++shmemCount));
    }

    /** Frees a shmem object's pages, its page list and its swap; a second free is a use after free. */
    public void shmemFree(ShmemObject bo, String fn, Site site) {
        if (bo.freed()) {
            m.log().add(ReportCode.USE_AFTER_FREE, fn + " of " + bo.label() + ", which is already freed (double free)",
                    site, "free each object once, when its last reference goes", List.of());
            return;
        }
        long count = (bo.size() - 1) / pages.pageSize() + 1;
        m.budget().release(count * Long.BYTES + bo.free());
    }

    /**
     * Swap-out of every present page: a pinned object is refused ({@code -EBUSY}: reclaim skips
     * pages with elevated references); pages a live DMA mapping covers without a pin are swapped
     * anyway, as the kernel cannot know, and that is a USE_AFTER_FREE for the device. Returns
     * the number of pages written to swap.
     */
    public int shmemSwapOut(ShmemObject bo, Site site) {
        if (bo.pins() > 0) {
            return EBUSY;
        }
        long resident = 0;
        for (long p : bo.residentPages()) {
            resident += p >= 0 ? 1 : 0;
        }
        m.budget().require(resident * pages.pageSize(), "the swap of " + bo.label());
        for (long p : bo.residentPages()) {
            if (p >= 0) {
                for (StreamingMapping s : m.liveMappingsOver(p, pages.pageSize())) {
                    m.log().add(ReportCode.USE_AFTER_FREE, "page " + Units.hex(p) + " of " + bo.label()
                            + " is swapped out while mapped for " + s.device() + " (" + s.label() + "): the device "
                            + "may now DMA into a freed page", site, "pin the object (shmem_pin) for as long as it "
                            + "is mapped, as drm_gem_shmem_get_pages_sgt() does", List.of());
                    break;
                }
            }
        }
        return bo.swapOut().size();
    }

    /** {@code sg_table(buf)}: one entry per physically contiguous run of the range (the pages are faulted in). */
    public SgTable sgTable(CpuView view, long offset, long length) {
        return new SgTable(SgTable.runs(view, offset, length, m.pulse(), m.budget()), null, "sgt#" + (++sgCount));
    }

    /** {@code sg_table([b1, b2, ...])}: one entry per buffer (a scattered buffer gives one per run). */
    public SgTable sgTable(List<SgTable.Entry> parts) {
        List<SgTable.Entry> entries = new ArrayList<>();
        for (SgTable.Entry e : parts) {
            entries.addAll(SgTable.runs(e.view(), e.offset(), e.length(), m.pulse(), m.budget()));
            m.budget().require(entries.size() * SgTable.ENTRY_COST, "an sg table of " + entries.size() + " entries");
        }
        return new SgTable(entries, null, "sgt#" + (++sgCount));
    }
}
