package org.dmasim.engine.memory;

/**
 * Another virtual mapping of a buffer's pages with a memory type of its own: a {@code vmap()}
 * with a pgprot, or a user mapping made by {@code remap_pfn_range()} / {@code vmf_insert_pfn()}.
 * It sees the buffer's bytes through the same physical pages.
 */
public final class AliasView implements CpuView {
    private final CpuView backing;
    private final MemoryType type;
    private final String how;
    private String label;

    public AliasView(CpuView backing, MemoryType type, String how) {
        this.backing = backing;
        this.type = type;
        this.how = how;
        this.label = how + " of " + backing.label();
    }

    /** The buffer whose pages this maps. */
    public CpuView backing() {
        return backing;
    }

    /** {@code vmap}, {@code remap_pfn_range} or {@code vmf_insert_pfn}. */
    public String how() {
        return how;
    }

    @Override
    public long size() {
        return backing.size();
    }

    @Override
    public MemoryType memoryType() {
        return type;
    }

    @Override
    public long phys(long offset) {
        return backing.phys(offset);
    }

    @Override
    public long contiguousFrom(long offset) {
        return backing.contiguousFrom(offset);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }
}
