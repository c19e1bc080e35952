package org.dmasim.engine.cache;

/** Who accesses a line and how the access meets the cache (the rows of docs/semantics.md, "The CPU cache"). */
public enum AccessKind {
    /** The CPU through a cacheable view. */
    CPU_CACHED,
    /** The CPU through an uncached or write-combined view: DRAM only, cache untouched. */
    CPU_UNCACHED,
    /** A device that snoops the CPU caches. */
    DEVICE_COHERENT,
    /** A device that sees DRAM only. */
    DEVICE_NONCOHERENT
}
