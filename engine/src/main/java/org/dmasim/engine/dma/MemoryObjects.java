package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.RodataBuffer;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.engine.memory.Slab;
import org.dmasim.engine.memory.StackBuffer;
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
    /** The current task's stack pages, made at the first stack_buf; how much of it is in use. */
    private long[] stack;
    private long stackUsed;

    /**
     * {@code THREAD_SIZE}: 16 KiB on every modelled arch (x86_64 THREAD_SIZE_ORDER 2 with 4 KiB
     * pages, arm64 MIN_THREAD_SHIFT 14, riscv64 THREAD_SIZE_ORDER 2, sparc64 two 8 KiB pages).
     */
    public static final long THREAD_SIZE = 16 << 10;
    /** Stack objects are kept 16-byte aligned (the x86_64 and arm64 ABIs' stack alignment). */
    private static final long STACK_ALIGN = 16;

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

    /**
     * {@code stack_buf(size)}: a local array in the current task's stack frame, below the ones
     * made before (the stack grows down). With {@code CONFIG_VMAP_STACK} the stack is
     * {@code THREAD_SIZE / PAGE_SIZE} single pages (kernel/fork.c alloc_thread_stack_node:
     * {@code __vmalloc_node_range}), else one block of the linear map ({@code alloc_pages_node}
     * of {@code THREAD_SIZE_ORDER}). The stack is made at the first call.
     */
    public StackBuffer stackBuf(long size, Site site) {
        long used = size <= 0 ? -1 : (stackUsed + size + STACK_ALIGN - 1) / STACK_ALIGN * STACK_ALIGN;
        if (used < 0 || used > THREAD_SIZE) {
            throw new ScriptFault(size <= 0 ? "the size must be positive, not " + size
                    : "a " + Units.size(size) + " local array overflows the task's stack: THREAD_SIZE is "
                            + Units.size(THREAD_SIZE) + " and " + Units.size(stackUsed) + " of it are in use");
        }
        int ps = pages.pageSize();
        boolean vmapped = m.profile().traits().vmapStack();
        if (stack == null) {
            String witness = "the task's stack (first used by stack_buf at " + site + ")";
            long[] frames = new long[(int) (THREAD_SIZE / ps)];
            if (vmapped) {
                int got = 0;
                try {
                    for (; got < frames.length; got++) {
                        frames[got] = pages.allocate(ps, Long.MAX_VALUE, witness);
                        if (frames[got] < 0) {
                            throw new ScriptFault("no memory left for the task's " + Units.size(THREAD_SIZE)
                                    + " stack");
                        }
                    }
                } catch (RuntimeException stopped) {
                    free(frames, got, ps); // a failing call leaves the allocator as it was
                    throw stopped;
                }
            } else {
                long base = pages.allocate(THREAD_SIZE, Long.MAX_VALUE, witness);
                if (base < 0) {
                    throw new ScriptFault("no memory left for the task's " + Units.size(THREAD_SIZE) + " stack");
                }
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = base + (long) i * ps;
                }
            }
            stack = frames;
        }
        stackUsed = used;
        return new StackBuffer(stack, ps, THREAD_SIZE - used, size, vmapped);
    }

    /** {@code rodata(size)}: a constant object in the kernel image, on pages of its own; null when none are left. */
    public RodataBuffer rodata(long size, Site site) {
        if (size <= 0) {
            throw new ScriptFault("the size must be positive, not " + size);
        }
        long base = pages.allocate(size, Long.MAX_VALUE, "rodata of the kernel image (rodata at " + site + ")");
        return base < 0 ? null : new RodataBuffer(base, size);
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

    /**
     * Frees a shmem object's pages, its page list and its swap; a second free is a use after free.
     * drivers/gpu/drm/drm_gem_shmem_helper.c drm_gem_shmem_free(): {@code shmem->pages} are put
     * once ({@code drm_gem_shmem_put_pages_locked}), then
     * {@code drm_WARN_ON(obj->dev, refcount_read(&shmem->pages_use_count))} and
     * {@code drm_WARN_ON(obj->dev, refcount_read(&shmem->pages_pin_count))}, and the object is
     * freed whatever they say. A drm_gem_shmem_pin still held keeps the use count it took: with
     * the cached sg table's use count also there ({@code hadSgt}) the one put leaves the count
     * above 0 and the pages leak; without it the put frees the pages under the pin.
     */
    public void shmemFree(ShmemObject bo, String fn, boolean hadSgt, Site site) {
        if (bo.freed()) {
            m.log().add(ReportCode.USE_AFTER_FREE, fn + " of " + bo.label() + ", which is already freed (double free)",
                    site, "free each object once, when its last reference goes", List.of());
            return;
        }
        long count = (bo.size() - 1) / pages.pageSize() + 1;
        if (bo.gemPins() > 0) {
            boolean leak = hadSgt;
            String help = "drm_gem_shmem_unpin every drm_gem_shmem_pin (" + bo.gemPins() + " still held) before "
                    + "the object's last reference goes";
            Severity w = ReportCode.GEM_FREED_PINNED.defaultSeverity();
            if (leak) {
                m.log().add(new Report(ReportCode.GEM_FREED_PINNED, w, fn + " of " + bo.label()
                        + ": drm_WARN_ON(refcount_read(&shmem->pages_use_count))", site, help, List.of(),
                        List.of("the pin's own pages_use_count is never dropped: the pages stay allocated (leaked)")));
            }
            m.log().add(new Report(ReportCode.GEM_FREED_PINNED, w, fn + " of " + bo.label()
                    + ": drm_WARN_ON(refcount_read(&shmem->pages_pin_count))", site, help, List.of(),
                    leak ? List.of() : List.of("the pages were put all the same: whoever relied on the pin "
                            + "(a device mapping, a vmap) now reaches freed pages")));
            if (leak) {
                m.budget().release(count * Long.BYTES + bo.abandon());
                return;
            }
        }
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
        if (offset >= 0 && length > 0 && offset <= view.size() - length) {
            view.faultIn(offset, length); // out of range: runs() says so
        }
        return new SgTable(SgTable.runs(view, offset, length, m.pulse(), m.budget()), null, "sgt#" + (++sgCount));
    }

    /** {@code sg_table([b1, b2, ...])}: one entry per buffer (a scattered buffer gives one per run). */
    public SgTable sgTable(List<SgTable.Entry> parts) {
        List<SgTable.Entry> entries = new ArrayList<>();
        for (SgTable.Entry e : parts) {
            if (e.offset() >= 0 && e.length() > 0 && e.offset() <= e.view().size() - e.length()) {
                e.view().faultIn(e.offset(), e.length());
            }
            entries.addAll(SgTable.runs(e.view(), e.offset(), e.length(), m.pulse(), m.budget()));
            m.budget().require(entries.size() * SgTable.ENTRY_COST, "an sg table of " + entries.size() + " entries");
        }
        return new SgTable(entries, null, "sgt#" + (++sgCount));
    }
}
