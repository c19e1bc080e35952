package org.dmasim.engine.memory;

/** The memory type of a CPU view: how a CPU access meets the cache (docs/semantics.md, "The CPU cache"). */
public enum MemoryType {
    /** Normal write-back cacheable memory (the kernel linear map, most vmaps and mmaps). */
    CACHED,
    /** Write-combined: bypasses the cache, stores may be posted. */
    WRITE_COMBINE,
    /** Uncached (arm64 Normal-NC, pgprot_noncached): bypasses the cache. */
    UNCACHED,
    /** I/O memory (a BAR): never cached; plain loads/stores trap on some arches. */
    IOMEM;

    public boolean cacheable() {
        return this == CACHED;
    }
}
