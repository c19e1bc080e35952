package org.dmasim.engine.memory;

import java.util.Arrays;

/**
 * Bytes addressed by a 64-bit physical address, backed lazily by 4 KiB pages: an untouched
 * page reads as zeros and costs nothing. Used for DRAM contents, the cache overlay and the
 * shadow. The pages are frames of the machine's {@link PageFrames} (large arrays, not one array
 * per page: see there).
 *
 * <p>Pages are shared copy-on-write between the stores of one machine (they share a
 * {@link MemoryBudget}): a whole-page {@link #copyTo} hands the source's array over instead of
 * copying it, and a whole page just written is shared with another store that holds the same
 * bytes at that address (the shadow with the cache line a CPU store just wrote, DRAM with the
 * shadow after a write-back). The budget still charges every
 * page of every store, so what fits and what fails is the same as without sharing; only the
 * real heap is smaller.
 */
public final class SparseBytes {
    public static final int PAGE = 4096;
    private static final int SHIFT = 12;
    /** What an untouched page reads as: compared with word-wise, never written. */
    private static final byte[] ZEROS = new byte[PAGE];

    private final PageTable pages = new PageTable();
    private final MemoryBudget budget;
    private final SharedPages shared;
    private final PageFrames frames;
    private final String what;
    /**
     * The last {@link #fill} while nothing else changed this store since: another store filling
     * the same pages with the same pattern at the same phase shares these pages instead of
     * writing and comparing its own (a CPU store writes the cache line and the shadow alike).
     */
    private byte[] runPattern;
    /** Whether a whole page written here looks for an equal page in the other stores. */
    private boolean seekEqualPages = true;
    private long runFrom;
    private long runTo;
    private long runStart;
    /** The tile of the last pattern filled; callers pass one array for all pages of a write. */
    /** The longest pattern a fill's run keeps (see {@link #fill}). */
    private static final int MAX_RUN_PATTERN = 64 << 10;
    private byte[] tilePattern;
    private byte[] lastTile;

    public SparseBytes(MemoryBudget budget, String what) {
        this.budget = budget;
        this.shared = budget.shared;
        this.frames = shared.frames;
        this.what = what;
        shared.register(this);
    }

    /**
     * Whether a whole page written here is compared with the other stores' pages to share an
     * equal one (on by default; the cache overlay turns it off: its pages are the ones that differ).
     */
    public void seekEqualPages(boolean on) {
        seekEqualPages = on;
    }

    /** Throws before anything changes if writing {@code [phys, phys+length)} would go over budget. */
    public void requireBacking(long phys, long length) {
        budget.requirePages(missing(phys, length), what);
    }

    /**
     * The bytes that writing {@code [phys, phys+length)} would add (its pages not yet backed), for
     * callers that check several stores at once; more than the budget has left when that is clear.
     */
    public long missing(long phys, long length) {
        if (length <= 0) {
            return 0;
        }
        long first = phys >>> SHIFT;
        long count = ((phys + length - 1) >>> SHIFT) - first + 1;
        // at most every present page is in the range: when even that leaves too many missing, say
        // so at once instead of walking a range that may span 2^50 pages
        long atLeast = count - pages.size();
        if (atLeast > 0 && atLeast > (budget.limit() - budget.used() + budget.shared.frames.idleBytes()) / PAGE) {
            return atLeast > Long.MAX_VALUE / PAGE ? Long.MAX_VALUE : atLeast * PAGE;
        }
        long missing = 0;
        for (long p = first; p < first + count; p++) {
            if (!pages.containsKey(p)) {
                missing += PAGE;
            }
        }
        return missing;
    }

    public void read(long phys, byte[] into, int at, int length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = Math.min(length, PAGE - off);
            int frame = pages.get(phys >>> SHIFT);
            if (frame == PageTable.NONE) {
                Arrays.fill(into, at, at + n, (byte) 0);
            } else {
                System.arraycopy(frames.array(frame), PageFrames.offset(frame) + off, into, at, n);
            }
            phys += n;
            at += n;
            length -= n;
        }
    }

    /** Whether {@code data[at, at+length)} equals {@code [phys, phys+length)} here (no copy). */
    public boolean equalsRange(long phys, byte[] data, int at, int length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = Math.min(length, PAGE - off);
            int frame = pages.get(phys >>> SHIFT);
            if (frame == PageTable.NONE) {
                if (Arrays.mismatch(data, at, at + n, ZEROS, 0, n) >= 0) {
                    return false;
                }
            } else {
                int from = PageFrames.offset(frame) + off;
                if (!Arrays.equals(frames.array(frame), from, from + n, data, at, at + n)) {
                    return false;
                }
            }
            phys += n;
            at += n;
            length -= n;
        }
        return true;
    }

    /** Whether every byte of {@code [phys, phys+length)} is zero (unbacked pages are, at no cost). */
    public boolean isZero(long phys, long length) {
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            int frame = pages.get(phys >>> SHIFT);
            if (frame != PageTable.NONE) {
                int from = PageFrames.offset(frame) + off;
                if (Arrays.mismatch(frames.array(frame), from, from + n, ZEROS, 0, n) >= 0) {
                    return false;
                }
            }
            phys += n;
            length -= n;
        }
        return true;
    }

    private static boolean allZero(byte[] pattern) {
        for (byte b : pattern) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the page holding {@code phys} repeats with period {@code period} (a divisor of the
     * page): every {@code period}-byte piece of it equals the first. An untouched page does, at
     * no cost; a written one is one array comparison, not one per piece.
     */
    public boolean periodicPage(long phys, int period) {
        int frame = pages.get(phys >>> SHIFT);
        if (frame == PageTable.NONE) {
            return true;
        }
        byte[] array = frames.array(frame);
        int at = PageFrames.offset(frame);
        return Arrays.equals(array, at, at + PAGE - period, array, at + period, at + PAGE);
    }

    /** Whether {@code other} holds the same frames (or none, both zero) for every page of the range. */
    public boolean sharesPages(SparseBytes other, long phys, int length) {
        if (length <= 0) {
            return true;
        }
        if (other.frames != frames) {
            return false;
        }
        for (long p = phys >>> SHIFT; p <= (phys + length - 1) >>> SHIFT; p++) {
            if (pages.get(p) != other.pages.get(p)) {
                return false;
            }
        }
        return true;
    }

    public byte[] read(long phys, int length) {
        byte[] out = new byte[length];
        read(phys, out, 0, length);
        return out;
    }

    public void write(long phys, byte[] from, int at, int length) {
        runPattern = null;
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = Math.min(length, PAGE - off);
            int frame = page(phys);
            System.arraycopy(from, at, frames.array(frame), PageFrames.offset(frame) + off, n);
            phys += n;
            at += n;
            length -= n;
        }
    }

    /** Writes {@code pattern} repeated; the byte at {@code phys + i} gets {@code pattern[(start + i) % len]}. */
    public void fill(long phys, long length, byte[] pattern, long start) {
        if (allZero(pattern)) {
            // zeroes need no backing: whole pages are dropped (a page of dirty zero lines is free)
            zero(phys, length);
            return;
        }
        // a fill continuing the last one (a store split at pages) extends its run
        boolean continues = runPattern == pattern && phys == runTo
                && (runStart + (phys - runFrom)) % pattern.length == start % pattern.length;
        long from = continues ? runFrom : phys;
        long firstStart = continues ? runStart : start;
        runPattern = null;
        // a tile of the pattern one page plus one period long: every page is one arraycopy; a
        // pattern of a page or more (the bytes of a read, a pattern() stream) is its own tile,
        // copied with a wrap (a tile of it would be as long as it, and kept)
        byte[] tile = null;
        if (pattern.length > 1 && pattern.length < PAGE) {
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
            if (n == PAGE && takeFilledAlike(phys, pattern, start)) {
                phys += n;
                start += n;
                length -= n;
                continue;
            }
            int frame = n == PAGE ? wholePage(phys) : page(phys);
            byte[] array = frames.array(frame);
            int at = PageFrames.offset(frame) + off;
            if (pattern.length == 1) {
                Arrays.fill(array, at, at + n, pattern[0]);
            } else if (tile != null) {
                System.arraycopy(tile, (int) (start % pattern.length), array, at, n);
            } else {
                for (int p = (int) (start % pattern.length), done = 0; done < n; p = 0) {
                    int k = Math.min(n - done, pattern.length - p);
                    System.arraycopy(pattern, p, array, at + done, k);
                    done += k;
                }
            }
            if (n == PAGE) {
                shareIfEqual(phys >>> SHIFT, frame);
            }
            phys += n;
            start += n;
            length -= n;
        }
        // the run remembers its pattern for the next fill and the other stores: a small one only,
        // as the budget does not charge what it keeps (a 96 MiB read written back would stay)
        runPattern = pattern.length <= MAX_RUN_PATTERN ? pattern : null;
        runFrom = from;
        runTo = phys;
        runStart = firstStart;
    }

    /** Whether this store's last fill wrote page {@code [phys, phys+PAGE)} with {@code pattern} from {@code start}. */
    boolean filledAlike(long phys, byte[] pattern, long start) {
        return runPattern == pattern && phys >= runFrom && phys + PAGE <= runTo
                && (runStart + (phys - runFrom)) % pattern.length == start % pattern.length;
    }

    /**
     * The fill of a whole page: when another store's last fill wrote those very bytes there,
     * this slot takes that page (charged like a new one) and nothing is written.
     */
    private boolean takeFilledAlike(long phys, byte[] pattern, long start) {
        long index = phys >>> SHIFT;
        int same = shared.filledAlike(this, phys, index, pattern, start);
        if (same == PageTable.NONE) {
            return false;
        }
        int old = pages.get(index);
        if (old == same) {
            return true;
        }
        if (old == PageTable.NONE) {
            budget.requirePages(PAGE, what);
            budget.chargePage();
        }
        pages.put(index, same);
        if (old != PageTable.NONE) {
            shared.dropped(this, index, old);
        }
        return true;
    }

    /** Copies {@code [phys, phys+length)} of this store to the same addresses of {@code to}. */
    public void copyTo(SparseBytes to, long phys, long length) {
        to.runPattern = null;
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            long index = phys >>> SHIFT;
            int src = pages.get(index);
            if (src == PageTable.NONE) {
                to.zero(phys, n);
            } else if (n == PAGE && to.shared == shared) {
                to.adopt(index, src);
            } else {
                int dst = to.page(phys);
                System.arraycopy(frames.array(src), PageFrames.offset(src) + off, to.frames.array(dst),
                        PageFrames.offset(dst) + off, n);
            }
            phys += n;
            length -= n;
        }
    }

    /** Zeroes a range; whole pages are dropped (they read as zero again and cost nothing). */
    public void zero(long phys, long length) {
        runPattern = null;
        while (length > 0) {
            int off = (int) (phys & (PAGE - 1));
            int n = (int) Math.min(length, PAGE - off);
            long index = phys >>> SHIFT;
            if (n == PAGE) {
                int old = pages.remove(index);
                if (old != PageTable.NONE) {
                    shared.dropped(this, index, old);
                    budget.releasePage();
                }
            } else if (pages.get(index) != PageTable.NONE) {
                int frame = page(phys);
                int at = PageFrames.offset(frame) + off;
                Arrays.fill(frames.array(frame), at, at + n, (byte) 0);
            }
            phys += n;
            length -= n;
        }
    }

    /** The frame at page {@code index}, or {@link PageTable#NONE} (for {@link SharedPages}). */
    int frameAt(long index) {
        return pages.get(index);
    }

    public long backedPages() {
        return pages.size();
    }

    /** This store's slot {@code index} takes {@code frame} (held elsewhere too) as it is. */
    private void adopt(long index, int frame) {
        int old = pages.get(index);
        if (old == frame) {
            return;
        }
        if (old == PageTable.NONE) {
            budget.requirePages(PAGE, what);
            budget.chargePage();
        }
        pages.put(index, frame);
        if (old != PageTable.NONE) {
            shared.dropped(this, index, old);
        }
        shareIfEqual(index, frame);
    }

    /**
     * After a whole page was written here: if another store of the machine holds the same bytes
     * at that address (the shadow and the cache line just written, DRAM after a write-back and
     * the shadow), both keep one frame.
     */
    private void shareIfEqual(long index, int frame) {
        if (!seekEqualPages) {
            return;
        }
        int same = shared.equalPage(this, index, frame);
        if (same != PageTable.NONE) {
            // this slot takes the other frame; ours is reused if no one else holds it
            pages.put(index, same);
            shared.dropped(this, index, frame);
        }
    }

    /** Like {@link #page} for a write of the whole page: a shared page is replaced, not copied. */
    private int wholePage(long phys) {
        long index = phys >>> SHIFT;
        int frame = pages.get(index);
        if (frame == PageTable.NONE) {
            budget.requirePages(PAGE, what);
            budget.chargePage();
            frame = frames.take();
            pages.put(index, frame);
        } else if (shared.heldElsewhere(this, index, frame)) {
            frame = frames.take();
            pages.put(index, frame);
        }
        return frame;
    }

    /** The frame holding {@code phys}, created if missing, made private (copied) if shared: for writing. */
    private int page(long phys) {
        long index = phys >>> SHIFT;
        int frame = pages.get(index);
        if (frame == PageTable.NONE) {
            budget.requirePages(PAGE, what);
            budget.chargePage();
            frame = frames.takeZeroed();
            pages.put(index, frame);
        } else if (shared.heldElsewhere(this, index, frame)) {
            int copy = frames.take();
            System.arraycopy(frames.array(frame), PageFrames.offset(frame), frames.array(copy),
                    PageFrames.offset(copy), PAGE);
            frame = copy;
            pages.put(index, frame);
        }
        return frame;
    }
}
