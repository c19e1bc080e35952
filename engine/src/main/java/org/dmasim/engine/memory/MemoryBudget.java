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
    private long used;
    /** Depth of {@link #covered} calls in progress: their checks of single pieces pass. */
    private int covering;
    /** The stores of this machine and the pages they share (each store is charged for its pages, shared or not). */
    final SharedPages shared = new SharedPages();

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used;
    }

    /** Throws unless {@code bytes} more would fit (inside {@link #covered}, the caller's bound already did). */
    public void require(long bytes, String what) {
        if (covering > 0) {
            return;
        }
        if (bytes > 0 && bytes > limit - used) {
            throw new ScriptFault("memory budget exceeded: " + what + " needs " + Units.size(bytes)
                    + " more, " + Units.size(used) + " of " + Units.size(limit)
                    + " in use (raise machine { memory_budget } or touch less memory)", ScriptFault.MEMORY);
        }
    }

    /**
     * {@link #require(long, String)} naming what needs the bytes only when it does not fit: the
     * checks on every cache maintenance and write would otherwise format a message nobody reads.
     */
    public void require(long bytes, java.util.function.Supplier<String> what) {
        if (covering == 0 && bytes > 0 && bytes > limit - used) {
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
        used += bytes;
    }

    public void release(long bytes) {
        used -= bytes;
    }
}
