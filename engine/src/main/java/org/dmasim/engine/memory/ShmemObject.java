package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;

/**
 * A shmem object (mm/shmem.c, as drm_gem_shmem uses it): pages are allocated one by one when
 * first touched ({@code shmem_read_mapping_page_gfp}), each wherever the allocator finds one,
 * with the mapping's gfp; pinned pages stay put, unpinned ones may be swapped out and come back
 * elsewhere with their data.
 */
public final class ShmemObject implements Buffer {
    private final PageSource source;
    private final long size;
    private final long limit;
    private final int pageSize;
    private final long[] pages;
    private final Map<Integer, byte[]> swapped = new HashMap<>();
    private int pins;
    /** The pins of drm_gem_shmem_pin ({@code pages_pin_count}), among {@link #pins}. */
    private int gemPins;
    private boolean freed;
    private String label;

    public ShmemObject(PageSource source, long size, long limit, String label) {
        if (size <= 0) {
            throw new ScriptFault("shmem object of " + size + " bytes");
        }
        this.source = source;
        this.size = size;
        this.limit = limit;
        this.pageSize = source.pageSize();
        this.pages = new long[Math.toIntExact((size + pageSize - 1) / pageSize)];
        Arrays.fill(pages, -1L);
        this.label = label;
    }

    /**
     * Whether {@code [offset, offset+length)} lies in one page, or all its pages are present and
     * physically consecutive: what a contiguity check can tell without faulting pages in.
     */
    public boolean contiguousWithoutFaulting(long offset, long length) {
        long first = offset / pageSize;
        long last = (offset + length - 1) / pageSize;
        if (first == last) {
            return true;
        }
        for (long i = first; i <= last; i++) {
            if (pages[(int) i] < 0 || i > first && pages[(int) i] != pages[(int) i - 1] + pageSize) {
                return false;
            }
        }
        return true;
    }

    /** Whether the page holding {@code offset} is present (asking faults nothing in). */
    public boolean present(long offset) {
        return pages[(int) (offset / pageSize)] >= 0;
    }

    /** The physical address of page 0 (faulting it in). */
    @Override
    public long physBase() {
        return phys(0);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean freed() {
        return freed;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }

    /** The byte's physical address; a page not yet present is allocated (or swapped in) now. */
    @Override
    public long phys(long offset) {
        int i = (int) (offset / pageSize);
        if (pages[i] < 0) {
            fault(i);
        }
        return pages[i] + offset % pageSize;
    }

    private void fault(int i) {
        if (freed) {
            throw new ScriptFault(label + " was freed before its page " + i + " was ever touched: there is no page "
                    + "to reach");
        }
        byte[] saved = swapped.remove(i);
        long p = source.allocate(pageSize, limit, saved == null ? "zeroed when page " + i + " of " + label
                + " was first touched" : "swapped in (page " + i + " of " + label + ")");
        if (p < 0) {
            throw new ScriptFault("out of memory: no page for " + label + " below the gfp's zone limit");
        }
        pages[i] = p;
        if (saved != null) {
            source.restore(p, saved, "swapped back in (page " + i + " of " + label + ")");
        }
        // should the call that touched the page fail, the page was never faulted in
        source.onFailure(() -> {
            source.free(pages[i], pageSize);
            pages[i] = -1;
            if (saved != null) {
                swapped.put(i, saved);
                source.recharge(saved.length);
            }
        });
    }

    @Override
    public long contiguousFrom(long offset) {
        phys(offset);
        int i = (int) (offset / pageSize);
        long end = (long) (i + 1) * pageSize;
        while (i + 1 < pages.length && pages[i + 1] >= 0 && pages[i + 1] == pages[i] + pageSize) {
            i++;
            end += pageSize;
            if ((i & 63) == 0) {
                source.beat();
            }
        }
        return Math.min(size, end) - offset;
    }

    /** Every page present (what pinning does). */
    public void populate() {
        faultIn(0, size);
    }

    /**
     * Check, then act: faulting in page after page would fail half-way, and undoing the pages it
     * got frees them but cannot take back their zeroing (mm/shmem.c shmem_get_folio_gfp() clears
     * each new folio with the CPU: dirty lines over what the freed page held before), so every
     * missing page of the range must be free below the gfp's zone limit first.
     */
    @Override
    public void faultIn(long offset, long length) {
        if (freed || length <= 0) {
            return; // a use after free faults nothing in (phys says why)
        }
        int first = (int) (offset / pageSize);
        int last = (int) ((offset + length - 1) / pageSize);
        long missing = 0;
        for (int i = first; i <= last; i++) {
            if (((i - first) & 1023) == 0) {
                source.beat();
            }
            missing += pages[i] < 0 ? 1 : 0; // never touched, or swapped out
        }
        long free = missing == 0 ? 0 : source.freePagesBelow(limit);
        if (missing > free) {
            throw new ScriptFault("out of memory: " + label + " needs " + missing + " more pages, the machine has "
                    + free + " free below the gfp's zone limit");
        }
        for (int i = first; i <= last; i++) {
            if (pages[i] < 0) {
                if (((i - first) & 63) == 0) {
                    source.beat();
                }
                fault(i);
            }
        }
    }

    public int pins() {
        return pins;
    }

    public void pin() {
        populate();
        pins++;
    }

    /** {@code drm_gem_shmem_pin}: a pin that counts in {@code pages_pin_count}. */
    public void pinGem() {
        pin();
        gemPins++;
    }

    /** {@code drm_gem_shmem_unpin}; false when no such pin is held. */
    public boolean unpinGem() {
        if (gemPins == 0) {
            return false;
        }
        gemPins--;
        return unpin();
    }

    /** {@code refcount_read(&shmem->pages_pin_count)}. */
    public int gemPins() {
        return gemPins;
    }

    /**
     * The object is gone but its pages are never put (a {@code pages_use_count} that does not
     * reach 0): they stay allocated, leaked, and keep their data. Returns the bytes of swap dropped.
     */
    public long abandon() {
        return release();
    }

    /** False when the object was not pinned. */
    public boolean unpin() {
        if (pins == 0) {
            return false;
        }
        pins--;
        return true;
    }

    /** Physical addresses of the present pages (page index order; -1 for absent ones). */
    public long[] residentPages() {
        return pages.clone();
    }

    /**
     * Writes every present page to swap and frees it; the caller has checked pins and mappings.
     * Returns the pages swapped out.
     */
    public List<Long> swapOut() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            if ((i & 63) == 0) {
                source.beat();
            }
            if (pages[i] >= 0) {
                swapped.put(i, source.save(pages[i], pageSize));
                source.free(pages[i], pageSize);
                out.add(pages[i]);
                pages[i] = -1;
            }
        }
        return out;
    }

    /**
     * Frees the object's pages (drm_gem_put_pages() and the shmem file's release): present pages
     * go back to the allocator, swapped ones are dropped. The page list keeps the addresses, so a
     * use after free reaches the pages as they now are. Returns the bytes of swap dropped.
     */
    public long free() {
        for (long p : pages) {
            if (p >= 0) {
                source.free(p, pageSize);
            }
        }
        return release();
    }

    /** The object is freed: its swap is dropped (the bytes returned), its pins go. */
    private long release() {
        long dropped = 0;
        for (byte[] b : swapped.values()) {
            dropped += b.length;
        }
        swapped.clear();
        pins = 0;
        gemPins = 0;
        freed = true;
        return dropped;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
