package org.dmasim.engine.memory;

/**
 * A CPU view of a physically contiguous range with its own memory type: the uncached or
 * write-combined remap of a coherent allocation, or its cacheable address on a coherent device.
 * It lives as long as the pages under it.
 */
public final class PhysView implements CpuView {
    private final PageBuffer pages;
    private final MemoryType type;
    private String label;

    public PhysView(PageBuffer pages, MemoryType type, String label) {
        this.pages = pages;
        this.type = type;
        this.label = label;
    }

    public PageBuffer pages() {
        return pages;
    }

    @Override
    public long size() {
        return pages.size();
    }

    @Override
    public MemoryType memoryType() {
        return type;
    }

    @Override
    public long phys(long offset) {
        return pages.physBase() + offset;
    }

    @Override
    public long contiguousFrom(long offset) {
        return pages.size() - offset;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
