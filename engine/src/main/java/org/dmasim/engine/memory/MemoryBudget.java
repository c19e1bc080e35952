package org.dmasim.engine.memory;

import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Units;

/**
 * The real bytes the emulator may spend backing emulated state (pages, the shadow, uncertain
 * cache lines). Callers check before they act, so going over is a {@link ScriptFault} that
 * leaves the machine unchanged, never an OutOfMemoryError.
 */
public final class MemoryBudget {
    private final long limit;
    /** Everything charged but the stores' pages. */
    private long other;
    /** The stores' pages, each store charged for each of its pages (shared or not). */
    private long pages;
    /** Depth of {@link #covered} calls in progress: their checks of single pieces pass. */
    private int covering;
    /** The stores of this machine and the pages they share (each store is charged for its pages, shared or not). */
    final SharedPages shared = new SharedPages(this);

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /**
     * What the machine holds: the stores' pages, or the page-frame slabs when those hold more
     * (a slab keeps the frames freed pages leave, and the part of the newest slab not yet handed
     * out), plus everything else charged.
     */
    public long used() {
        return other + Math.max(pages, shared.frames.bytes());
    }

    /** Whether {@code bytes} more of anything fit. */
    private boolean fits(long bytes) {
        return bytes <= limit - used();
    }

    /**
     * Whether {@code bytes} more of the stores' pages fit: freed frames in the slabs are charged
     * already, and pages reuse them before a slab grows. (Only pages can use them: other needs
     * are checked by {@link #fits}.)
     */
    private boolean pagesFit(long bytes) {
        long slabs = shared.frames.bytes();
        long fromIdle = Math.min(bytes, shared.frames.idleBytes());
        long after = other + Math.max(addCapped(pages, bytes), slabs + (bytes - fromIdle));
        return after <= limit;
    }

    private static long addCapped(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /**
     * The most a new page-frame slab may hold without going over the limit (the page it is
     * grown for was already charged and checked).
     */
    long slabRoom() {
        return limit - other - shared.frames.bytes();
    }

    /** Throws unless {@code bytes} more would fit (inside {@link #covered}, the caller's bound already did). */
    public void require(long bytes, String what) {
        if (covering > 0) {
            return;
        }
        if (bytes > 0 && !fits(bytes)) {
            throw exceeded(bytes, what);
        }
    }

    /** {@link #require(long, String)} for {@code bytes} of the stores' pages, which can reuse freed frames. */
    void requirePages(long bytes, String what) {
        if (covering == 0 && bytes > 0 && !pagesFit(bytes)) {
            throw exceeded(bytes, what);
        }
    }

    private ScriptFault exceeded(long bytes, String what) {
        return new ScriptFault("memory budget exceeded: " + what + " needs " + Units.size(bytes)
                + " more, " + Units.size(used()) + " of " + Units.size(limit)
                + " in use (raise machine { memory_budget } or touch less memory)", ScriptFault.MEMORY);
    }

    /**
     * {@link #require(long, String)} naming what needs the bytes only when it does not fit: the
     * checks on every cache maintenance and write would otherwise format a message nobody reads.
     */
    public void require(long bytes, java.util.function.Supplier<String> what) {
        if (covering == 0 && bytes > 0 && !fits(bytes)) {
            require(bytes, what.get());
        }
    }

    /**
     * Check, then act, for a call made of pieces that each check their own bound (dma_map_sg maps
     * entry by entry): throws unless {@code bytes}, a bound for the whole call, fit; then runs
     * {@code action} with the pieces' own checks passing, so no piece fails after earlier pieces
     * acted. The pieces' bounds are each pessimistic and, checked one after another against what
     * earlier pieces really charged, could fail although the whole fits.
     */
    public <T> T covered(long bytes, String what, java.util.function.Supplier<T> action) {
        require(bytes, what);
        covering++;
        try {
            return action.get();
        } finally {
            covering--;
        }
    }

    /**
     * The largest budget this JVM can back: two thirds of its maximum heap (the rest holds the
     * program itself, the values of reads and what is printed). Larger budgets would end in an
     * OutOfMemoryError before the budget's own error.
     */
    public static long heapCap() {
        return Runtime.getRuntime().maxMemory() / 3 * 2 >>> 20 << 20;
    }

    /** The most one read returns at once (its bytes, once per possible value, are made in the heap). */
    public static final long MAX_READ = 1L << 30;

    /**
     * Check, then act, for a read: its result holds its bytes (once per possible value, at least
     * once), so they must fit beside what the machine holds, and one read stays below {@link #MAX_READ}.
     */
    public void requireRead(long length) {
        if (length > MAX_READ) {
            throw new ScriptFault("a read returns at most " + Units.size(MAX_READ) + " at once, not "
                    + Units.size(length) + ": read it in pieces");
        }
        require(length, "the values of a " + Units.size(length) + " read");
    }

    public void charge(long bytes) {
        other += bytes;
    }

    public void release(long bytes) {
        other -= bytes;
    }

    /** A store holds one more page (checked with {@link #requirePages}). */
    void chargePage() {
        pages += SparseBytes.PAGE;
    }

    /** A store dropped a page. */
    void releasePage() {
        pages -= SparseBytes.PAGE;
    }
}
