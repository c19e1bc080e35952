package org.dmasim.engine.memory;

/**
 * Bytes addressed by a 64-bit physical address, backed lazily by 4 KiB pages: an untouched
 * page reads as zeros and costs nothing. Used for DRAM contents and for the shadow.
 */
public final class SparseBytes {
    public static final int PAGE = 4096;
    private static final int SHIFT = 12;

    private final LongMap<byte[]> pages = new LongMap<>();
    private final MemoryBudget budget;
    private final String what;
    /** The tile of the last pattern filled; callers pass one array for all pages of a write. */
    private byte[] tilePattern;
    private byte[] lastTile;

    public SparseBytes(MemoryBudget budget, String what) {
        this.budget = budget;
        this.what = what;
    }

    /** Throws before anything changes if writing {@code [phys, phys+length)} would go over budget. */
    public void requireBacking(long phys, long length) {
        if (length <= 0) {
            return;
        }
        long missing = 0;
        for (long p = phys >>> SHIFT; p <= (phys + length - 1) >>> SHIFT; p++) {
            if (!pages.containsKey(p)) {
                missing += PAGE;
            }
        }
        budget.require(missing, what);
    }

    public void read(long phys, byte[] into, int at, int length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = Math.min(length, PAGE - off);
            byte[] page = pages.get(phys >>> SHIFT);
            if (page == null) {
                java.util.Arrays.fill(into, at, at + n, (byte) 0);
            } else {
                System.arraycopy(page, off, into, at, n);
            }
            phys += n;
            at += n;
            length -= n;
        }
    }

    public byte[] read(long phys, int length) {
        byte[] out = new byte[length];
        read(phys, out, 0, length);
        return out;
    }

    public void write(long phys, byte[] from, int at, int length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = Math.min(length, PAGE - off);
            System.arraycopy(from, at, page(phys), off, n);
            phys += n;
            at += n;
            length -= n;
        }
    }

    /** Writes {@code pattern} repeated; the byte at {@code phys + i} gets {@code pattern[(start + i) % len]}. */
    public void fill(long phys, long length, byte[] pattern, long start) {
        // a tile of the pattern one page plus one period long: every page is one arraycopy
        byte[] tile = null;
        if (pattern.length > 1) {
            if (pattern != tilePattern) {
                lastTile = new byte[PAGE + pattern.length];
                for (int i = 0; i < lastTile.length; i++) {
                    lastTile[i] = pattern[i % pattern.length];
                }
                tilePattern = pattern;
            }
            tile = lastTile;
        }
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            byte[] page = page(phys);
            if (tile == null) {
                java.util.Arrays.fill(page, off, off + n, pattern[0]);
            } else {
                System.arraycopy(tile, (int) (start % pattern.length), page, off, n);
            }
            phys += n;
            start += n;
            length -= n;
        }
    }

    /** Copies {@code [phys, phys+length)} of this store to the same addresses of {@code to}. */
    public void copyTo(SparseBytes to, long phys, long length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            byte[] src = pages.get(phys >>> SHIFT);
            if (src == null) {
                to.zero(phys, n);
            } else {
                System.arraycopy(src, off, to.page(phys), off, n);
            }
            phys += n;
            length -= n;
        }
    }

    /** Zeroes a range; whole pages are dropped (they read as zero again and cost nothing). */
    public void zero(long phys, long length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            long index = phys >>> SHIFT;
            if (n == PAGE) {
                if (pages.remove(index) != null) {
                    budget.release(PAGE);
                }
            } else {
                byte[] page = pages.get(index);
                if (page != null) {
                    java.util.Arrays.fill(page, off, off + n, (byte) 0);
                }
            }
            phys += n;
            length -= n;
        }
    }

    public long backedPages() {
        return pages.size();
    }

    private byte[] page(long phys) {
        byte[] page = pages.get(phys >>> SHIFT);
        if (page == null) {
            budget.require(PAGE, what);
            budget.charge(PAGE);
            page = new byte[PAGE];
            pages.put(phys >>> SHIFT, page);
        }
        return page;
    }
}
