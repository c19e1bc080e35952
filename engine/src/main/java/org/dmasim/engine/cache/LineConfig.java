package org.dmasim.engine.cache;

import java.util.Objects;

/**
 * One configuration a line's hardware could be in: the cache state with its data (null when
 * Invalid) and the line's bytes in DRAM (docs/semantics.md, "The CPU cache"). Equality ignores witnesses.
 */
record LineConfig(CacheState state, LineValue cache, LineValue memory) {
    LineConfig {
        if ((state == CacheState.INVALID) != (cache == null)) {
            throw new IllegalArgumentException("an Invalid line has no data; a valid one has");
        }
        Objects.requireNonNull(memory);
    }

    static LineConfig invalid(LineValue memory) {
        return new LineConfig(CacheState.INVALID, null, memory);
    }

    static LineConfig clean(LineValue cache, LineValue memory) {
        return new LineConfig(CacheState.CLEAN, cache, memory);
    }

    static LineConfig dirty(LineValue cache, LineValue memory) {
        return new LineConfig(CacheState.DIRTY, cache, memory);
    }

    /** What a CPU read through the cache returns (after its fill). */
    LineValue cpuVisible() {
        return state == CacheState.INVALID ? memory : cache;
    }

    /** What a snooping (coherent) device read returns: dirty data, else memory. */
    LineValue snooped() {
        return state == CacheState.DIRTY ? cache : memory;
    }

    @Override
    public String toString() {
        return switch (state) {
            case INVALID -> "Invalid";
            case CLEAN -> "Clean(" + cache + ")";
            case DIRTY -> "Dirty(" + cache + ")";
        } + " / " + memory;
    }
}
