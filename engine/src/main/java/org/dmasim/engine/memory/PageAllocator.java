package org.dmasim.engine.memory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The page allocator: free page runs of RAM, served top-down so placement is deterministic
 * (docs/semantics.md, "The machine"). A zone limit caps the addresses a request may use, which is the
 * zonelist fallback of mm/page_alloc.c: NORMAL falls back to DMA32 then DMA, never upwards.
 * Runs are aligned to their power-of-two order like the buddy allocator's.
 */
public final class PageAllocator {
    /** {@code MAX_PAGE_ORDER} 10: the buddy allocator hands out at most 4 MiB at once. */
    public static final int MAX_ORDER = 10;

    private final int pageSize;
    /** first free page frame -> end (exclusive) of the free run. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private final long ramBase;
    private final long ramEnd;
    private final org.dmasim.engine.Pulse pulse;
    private long freePages;

    public PageAllocator(long ramBase, long ram, int pageSize) {
        this(ramBase, ram, pageSize, org.dmasim.engine.Pulse.NONE);
    }

    /** {@code pulse} is beaten while a search walks many free runs (a fragmented machine). */
    public PageAllocator(long ramBase, long ram, int pageSize, org.dmasim.engine.Pulse pulse) {
        this.pulse = pulse;
        this.pageSize = pageSize;
        this.ramBase = ramBase;
        this.ramEnd = ramBase + ram;
        if (ram > 0) {
            free.put(ramBase / pageSize, ramEnd / pageSize);
            freePages = ramEnd / pageSize - ramBase / pageSize;
        }
    }

    /** Free pages left (anywhere): no request for more can succeed. */
    public long freePages() {
        return freePages;
    }

    /** Free pages below {@code limit} (a zone limit): how many single-page requests under it can succeed. */
    public long freePagesBelow(long limit) {
        long limitFrame = Math.min(limit, ramEnd) / pageSize;
        if (limitFrame >= ramEnd / pageSize) {
            return freePages;
        }
        long n = 0;
        int walked = 0;
        for (Map.Entry<Long, Long> run : free.headMap(limitFrame, false).entrySet()) {
            if ((++walked & 255) == 0) {
                pulse.beat();
            }
            n += Math.min(run.getValue(), limitFrame) - run.getKey();
        }
        return n;
    }

    public long ramBase() {
        return ramBase;
    }

    public long ramEnd() {
        return ramEnd;
    }

    public boolean isRam(long phys) {
        return phys >= ramBase && phys < ramEnd;
    }

    /** The page count a byte size rounds up to. */
    public long pagesFor(long size) {
        return size <= 0 ? 1 : (size - 1) / pageSize + 1; // no overflow near 2^63
    }

    /** The buddy order of a page count. */
    public static int order(long pages) {
        return 64 - Long.numberOfLeadingZeros(Math.max(1, pages) - 1);
    }

    /**
     * Takes {@code pages} contiguous pages, aligned to their order, as high as possible below
     * {@code limit}; returns the physical address or -1 when nothing fits.
     */
    public long allocate(long pages, long limit) {
        if (pages <= 0 || pages > freePages) {
            return -1;
        }
        long align = 1L << Math.min(order(pages), MAX_ORDER);
        long limitFrame = Math.min(limit, ramEnd) / pageSize;
        int walked = 0;
        for (Map.Entry<Long, Long> run : free.headMap(limitFrame, false).descendingMap().entrySet()) {
            if ((++walked & 255) == 0) {
                pulse.beat();
            }
            long end = Math.min(run.getValue(), limitFrame);
            long start = Math.floorDiv(end - pages, align) * align;
            if (start >= run.getKey()) {
                take(run.getKey(), run.getValue(), start, start + pages);
                return start * pageSize;
            }
        }
        return -1;
    }

    /** Reserves a fixed range at machine start (the swiotlb pool). */
    public boolean reserve(long phys, long size) {
        long first = phys / pageSize;
        long end = first + pagesFor(size);
        Map.Entry<Long, Long> run = free.floorEntry(first);
        if (run == null || run.getValue() < end) {
            return false;
        }
        take(run.getKey(), run.getValue(), first, end);
        return true;
    }

    public void free(long phys, long pages) {
        long start = phys / pageSize;
        long end = start + pages;
        Map.Entry<Long, Long> before = free.floorEntry(start);
        if (before != null && before.getValue() > start) {
            throw new IllegalStateException("double free of page frame " + start);
        }
        freePages += pages;
        if (before != null && before.getValue() == start) {
            start = before.getKey();
            free.remove(before.getKey());
        }
        Long after = free.get(end);
        if (after != null) {
            free.remove(end);
            end = after;
        }
        free.put(start, end);
    }

    /** The highest {@code pages}-page run below {@code limit} that is free, without taking it. */
    public long peekHighest(long pages, long limit) {
        if (pages <= 0 || pages > freePages) {
            return -1;
        }
        long align = 1L;
        long limitFrame = Math.min(limit, ramEnd) / pageSize;
        int walked = 0;
        for (Map.Entry<Long, Long> run : free.headMap(limitFrame, false).descendingMap().entrySet()) {
            if ((++walked & 255) == 0) {
                pulse.beat();
            }
            long end = Math.min(run.getValue(), limitFrame);
            long start = Math.floorDiv(end - pages, align) * align;
            if (start >= run.getKey()) {
                return start * pageSize;
            }
        }
        return -1;
    }

    private void take(long runStart, long runEnd, long start, long end) {
        freePages -= end - start;
        free.remove(runStart);
        if (runStart < start) {
            free.put(runStart, start);
        }
        if (end < runEnd) {
            free.put(end, runEnd);
        }
    }
}
