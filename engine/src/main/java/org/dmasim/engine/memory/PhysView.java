package org.dmasim.engine.memory;

/**
 * A CPU view of a physically contiguous range with its own memory type: the uncached or
 * write-combined remap of a coherent allocation, or its cacheable address on a coherent device.
 * It lives as long as the pages under it.
 */
public final class PhysView extends PhysRange {
    private final PageBuffer pages;
    private final MemoryType type;

    public PhysView(PageBuffer pages, MemoryType type, String label) {
        super(pages.physBase(), pages.size(), label);
        this.pages = pages;
        this.type = type;
    }

    public PageBuffer pages() {
        return pages;
    }

    @Override
    public MemoryType memoryType() {
        return type;
    }
}
