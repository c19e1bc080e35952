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

    /** Throws unless {@code bytes} more would fit. */
    public void require(long bytes, String what) {
        if (bytes > 0 && used + bytes > limit) {
            throw new ScriptFault("memory budget exceeded: " + what + " needs " + Units.size(bytes)
                    + " more, " + Units.size(used) + " of " + Units.size(limit)
                    + " in use (raise machine { memory_budget } or touch less memory)", ScriptFault.MEMORY);
        }
    }

    public void charge(long bytes) {
        used += bytes;
    }

    public void release(long bytes) {
        used -= bytes;
    }
}
