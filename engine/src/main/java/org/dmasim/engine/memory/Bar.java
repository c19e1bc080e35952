package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * A device's local memory (VRAM) behind a PCI BAR (docs/semantics.md, "The machine"): a physical range above RAM,
 * I/O memory, never cached, never in a zone. As a CPU view it is the BAR's {@code ioremap}: plain
 * loads and stores are I/O memory accesses. {@code vram_alloc} carves buffers out of it in order.
 */
public final class Bar extends PhysRange {
    private final String device;
    private long next;

    public Bar(String device, long base, long size) {
        super(base, size, device + ".bar");
        this.device = device;
    }

    public String device() {
        return device;
    }

    /** Physical (and, with no host-bridge offset, PCI bus) address of the BAR's first byte. */
    public long base() {
        return base;
    }

    public boolean contains(long phys) {
        return phys >= base && phys < base + size;
    }

    /** Takes {@code bytes} (page-rounded) of VRAM; returns the offset in the BAR or -1 when it is full. */
    public long allocate(long bytes, int pageSize) {
        if (bytes <= 0 || bytes > size - next) {
            return -1;
        }
        long rounded = ((bytes - 1) / pageSize + 1) * pageSize;
        if (rounded > size - next) {
            return -1;
        }
        long at = next;
        next += rounded;
        return at;
    }

    public long used() {
        return next;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.IOMEM;
    }

    @Override
    public String toString() {
        return label() + " (" + Units.size(size) + " at " + Units.hex(base) + ")";
    }
}
