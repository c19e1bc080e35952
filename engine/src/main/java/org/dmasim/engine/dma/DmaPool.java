package org.dmasim.engine.dma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.CacheDomain;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;

/**
 * {@code struct dma_pool} (mm/dmapool.c, Linux 6.4 and later): small blocks carved out of
 * {@code dma_alloc_coherent} pages, handed out from one LIFO free list. The model is the one a
 * debug kernel runs ({@code DMAPOOL_DEBUG}, set by {@code CONFIG_SLUB_DEBUG_ON}): new pages are
 * poisoned with {@code POOL_POISON_FREED} (0xa7), an allocation checks that nobody wrote the block
 * since it was freed and fills it with {@code POOL_POISON_ALLOCATED} (0xa9) unless it is
 * {@code dma_pool_zalloc}, and a free checks the address and poisons the block again. The free
 * list's link ({@code struct dma_block}: next pointer and DMA address, 16 bytes) lives in the
 * first bytes of a free block; the corruption check skips them, as the kernel's does, and the
 * model does not write the link itself (an allocation overwrites it with poison anyway).
 */
public final class DmaPool {
    /** include/linux/poison.h */
    static final byte POOL_POISON_FREED = (byte) 0xa7;
    static final byte POOL_POISON_ALLOCATED = (byte) 0xa9;
    /** {@code sizeof(struct dma_block)} on a 64-bit kernel. */
    static final long DMA_BLOCK = 16;

    /** A free block: where its bytes are, and the DMA address dma_pool_free stored with it. */
    private record Free(CoherentBuffer page, long offset, long dma) {
    }

    private final Machine m;
    private final DirectAlloc alloc;
    private final String name;
    private final Device dev;
    private final long size;
    private final long allocation;
    private final long boundary;
    private final List<CoherentBuffer> pages = new ArrayList<>();
    private final Deque<Free> free = new ArrayDeque<>();
    private final List<DmaPoolBlock> active = new ArrayList<>();
    private boolean destroyed;
    private String label;

    private DmaPool(Machine m, DirectAlloc alloc, String name, Device dev, long size, long allocation,
            long boundary) {
        this.m = m;
        this.alloc = alloc;
        this.name = name;
        this.dev = dev;
        this.size = size;
        this.allocation = allocation;
        this.boundary = boundary;
        this.label = "dma_pool " + name;
    }

    /**
     * {@code dma_pool_create(name, dev, size, align, boundary)}: null (the kernel's NULL, no
     * message) when {@code align} is not a power of two, {@code size} is 0 or above INT_MAX, or a
     * non-zero {@code boundary} is smaller than the block or not a power of two. Blocks are at
     * least 16 bytes, rounded up to {@code align}; a page ({@code allocation}) is at least
     * PAGE_SIZE; no block crosses {@code boundary}.
     */
    public static DmaPool create(Machine m, DirectAlloc alloc, String name, Device dev, long size, long align,
            long boundary) {
        if (align < 0 || size < 0 || boundary < 0) {
            return null;
        }
        if (align == 0) {
            align = 1;
        } else if ((align & (align - 1)) != 0) {
            return null;
        }
        if (size == 0 || size > Integer.MAX_VALUE) {
            return null;
        }
        size = Math.max(size, DMA_BLOCK);
        size = (size + align - 1) / align * align;
        long allocation = Math.max(size, m.profile().pageSize());
        if (boundary == 0) {
            boundary = allocation;
        } else if (boundary < size || (boundary & (boundary - 1)) != 0) {
            return null;
        }
        return new DmaPool(m, alloc, name, dev, size, allocation, Math.min(boundary, allocation));
    }

    public Device device() {
        return dev;
    }

    /** The block size after rounding. */
    public long blockSize() {
        return size;
    }

    public String label() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * {@code dma_pool_alloc(pool, gfp, &handle)} ({@code zero}: {@code dma_pool_zalloc}): the
     * most recently freed block, or a new coherent page carved into blocks; null when
     * {@code dma_alloc_coherent} fails.
     */
    public DmaPoolBlock allocate(boolean zero, Site site) {
        if (destroyed) {
            m.log().add(ReportCode.USE_AFTER_FREE, "dma_pool_alloc of " + label + " after dma_pool_destroy", site,
                    "destroy a pool only when nothing will allocate from it again", List.of());
            return null;
        }
        // check, then act: the new page (its allocation, zeroing and poison) and the block's memset
        // must all fit before the page is taken or a block popped; the memsets' own checks come
        // after the allocation changed the machine, and a failure there left the pool changed
        CacheDomain cache = m.cache();
        long need = cache.writeBound(size);
        if (free.isEmpty()) {
            need = CacheDomain.addCapped(need, CacheDomain.addCapped(cache.writeBound(allocation),
                    cache.writeBound(allocation)));
        }
        return m.budget().covered(need, free.isEmpty() ? "a new " + Units.size(allocation)
                + " dma_pool page and its memsets" : "a " + Units.size(size) + " dma_pool memset",
                () -> allocateChecked(zero, site));
    }

    private DmaPoolBlock allocateChecked(boolean zero, Site site) {
        if (free.isEmpty() && !addPage(site)) {
            return null;
        }
        Free f = free.pop();
        PoolBlockView view = new PoolBlockView(f.page(), f.offset(), size, name + "@" + Units.hex(f.page().pages()
                .physBase() + f.offset()));
        CoherentBuffer dmaPage = pageOf(f.dma());
        DmaPoolBlock block = new DmaPoolBlock(this, view, dmaPage, f.dma() - dmaPage.dma().dmaAddress());
        checkPoison(view, site);
        fill(view, 0, size, zero ? 0 : POOL_POISON_ALLOCATED, zero ? "zeroed by dma_pool_zalloc at " + site
                : "poisoned by dma_pool_alloc (POOL_POISON_ALLOCATED, 0xa9) at " + site, site);
        active.add(block);
        return block;
    }

    /**
     * {@code dma_pool_free(pool, vaddr, dma)}: the debug checks of pool_block_err(), then the
     * block is poisoned and pushed with the DMA address given. A bad address or a double free is
     * reported and nothing happens, as in the kernel.
     */
    public void free(PoolBlockView vaddr, long dma, Site site) {
        if (destroyed) {
            m.log().add(ReportCode.USE_AFTER_FREE, "dma_pool_free into " + label + " after dma_pool_destroy", site,
                    "free every block before dma_pool_destroy", List.of());
            return;
        }
        if (pageOf(dma) == null) {
            m.log().add(ReportCode.DMAPOOL_BAD_DMA, dev + ": dma_pool_free " + name + ", " + vaddr.label() + "/"
                    + Units.hex(dma) + " (bad dma)", site, "pass the DMA address dma_pool_alloc returned with this "
                    + "block, to the pool it came from", List.of());
            return;
        }
        if (!pages.contains(vaddr.page())) {
            throw new ScriptFault(vaddr.label() + " is not a block of " + label
                    + ": dma_pool_free would poison and hand out memory the pool does not own");
        }
        for (Free f : free) {
            if (f.page() == vaddr.page() && f.offset() == vaddr.offset()) {
                m.log().add(ReportCode.DMAPOOL_ALREADY_FREE, dev + ": dma_pool_free " + name + ", dma "
                        + Units.hex(dma) + " already free", site, "free each block once", List.of());
                return;
            }
        }
        fill(vaddr, 0, size, POOL_POISON_FREED, "poisoned by dma_pool_free (POOL_POISON_FREED, 0xa7) at " + site,
                site);
        for (DmaPoolBlock b : active) {
            if (b.cpu().page() == vaddr.page() && b.cpu().offset() == vaddr.offset()) {
                b.cpu().markFreed(true);
            }
        }
        active.removeIf(DmaPoolBlock::freed);
        vaddr.markFreed(true);
        free.push(new Free(vaddr.page(), vaddr.offset(), dma));
    }

    /**
     * {@code dma_pool_destroy}: with blocks still allocated, "dma_pool_destroy NAME busy" and the
     * pages are leaked (not freed, so dma-debug still holds them); otherwise every page goes back
     * through {@code dma_free_coherent}. The pool itself is gone either way.
     */
    public void destroy(Site site) {
        if (destroyed) {
            m.log().add(ReportCode.USE_AFTER_FREE, "dma_pool_destroy of " + label + ", which is already destroyed",
                    site, "destroy a pool once", List.of());
            return;
        }
        destroyed = true;
        if (!active.isEmpty()) {
            m.log().add(ReportCode.DMAPOOL_BUSY, dev + ": dma_pool_destroy " + name + " busy", site,
                    "dma_pool_free every block (" + active.size() + " still allocated, the first "
                            + active.get(0).cpu().label() + ") before dma_pool_destroy; the pool's pages are "
                            + "leaked", List.of());
            return;
        }
        for (CoherentBuffer p : pages) {
            alloc.free(dev, p, site);
        }
    }

    public boolean destroyed() {
        return destroyed;
    }

    /** A device access through a block's DMA address: a use after free once the block is freed. */
    public static void deviceAccess(Machine m, Device dev, PoolBlockHandle b, boolean write, Site site) {
        if (b.block().freed()) {
            m.log().add(ReportCode.USE_AFTER_FREE, dev + (write ? " writes " : " reads ") + b.label()
                    + " after dma_pool_free()", site, "stop the device before dma_pool_free(); the pool hands the "
                    + "block to its next dma_pool_alloc", List.of());
        }
    }

    /** pool_alloc_page() and pool_initialise_page(): a coherent page, poisoned, carved into blocks. */
    private boolean addPage(Site site) {
        CoherentBuffer page = alloc.alloc(dev, allocation, 0, site);
        if (page == null) {
            return false;
        }
        page.cpu().setLabel(name + " page@" + Units.hex(page.pages().physBase()));
        pages.add(page);
        fill(page.cpu(), 0, allocation, POOL_POISON_FREED, "poisoned by dma_pool_alloc's new page "
                + "(POOL_POISON_FREED, 0xa7) at " + site, site);
        List<Free> blocks = new ArrayList<>();
        long next = boundary;
        for (long offset = 0; offset + size <= allocation; ) {
            if (offset + size > next) {
                offset = next;
                next += boundary;
                continue;
            }
            blocks.add(new Free(page, offset, page.dma().dmaAddress() + offset));
            offset += size;
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            free.push(blocks.get(i));
        }
        return true;
    }

    /** pool_find_page(): the page whose DMA range holds {@code dma}, or null. */
    private CoherentBuffer pageOf(long dma) {
        for (CoherentBuffer p : pages) {
            long base = p.dma().dmaAddress();
            if (Long.compareUnsigned(dma, base) >= 0 && Long.compareUnsigned(dma - base, allocation) < 0) {
                return p;
            }
        }
        return null;
    }

    /** pool_check_block(): every byte after the link must still be POOL_POISON_FREED. */
    private void checkPoison(PoolBlockView view, Site site) {
        byte[] now = m.shadow().read(view.phys(0), (int) size);
        for (int i = (int) DMA_BLOCK; i < now.length; i++) {
            if (now[i] != POOL_POISON_FREED) {
                m.log().add(ReportCode.DMAPOOL_CORRUPTED, dev + ": dma_pool_alloc " + name + ", " + view.label()
                        + " (corrupted)", site, "byte " + Units.hex(i) + " of the free block was written after "
                        + "dma_pool_free (" + m.shadow().writer(view.phys(i)) + "): nothing may touch a block, from "
                        + "the CPU or the device, once it is freed", List.of());
                return;
            }
        }
    }

    /** A memset by the kernel through {@code view}: a CPU write in program order. */
    private void fill(CpuView view, long offset, long length, byte value, String witness,
            Site site) {
        AccessKind kind = m.memoryType(view).cacheable() ? AccessKind.CPU_CACHED : AccessKind.CPU_UNCACHED;
        long phys = view.phys(offset);
        m.budget().require(CacheDomain.addCapped(m.shadow().missing(phys, length),
                m.cache().writeNeeds(kind, phys, length)), "a " + Units.size(length) + " dma_pool memset");
        byte[] pattern = {value};
        m.cache().write(kind, phys, length, pattern, 0, witness, site.toString());
        m.shadow().write(phys, length, pattern, 0, witness);
    }
}
