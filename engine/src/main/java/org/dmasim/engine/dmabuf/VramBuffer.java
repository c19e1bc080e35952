package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Units;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.Bar;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.MemoryType;

/**
 * A buffer object in a device's VRAM ({@code vram_alloc}): I/O memory behind the BAR, which its
 * own device accesses directly (so it is also a DMA handle of that device, at its VRAM offset).
 * A TTM exporter may migrate it to system pages; from then on it lives there (cacheable).
 */
public final class VramBuffer implements Buffer, DmaHandle {
    private final Device device;
    private final Bar bar;
    private final long offset;
    private final long size;
    private HeapBuffer system;
    private String label;

    VramBuffer(Device device, Bar bar, long offset, long size) {
        this.device = device;
        this.bar = bar;
        this.offset = offset;
        this.size = size;
        this.label = "vram@" + Units.hex(bar.base() + offset);
    }

    public Bar bar() {
        return bar;
    }

    /** Still in VRAM (not migrated to system pages). */
    public boolean inVram() {
        return system == null;
    }

    /** The system pages it moved to, or null. */
    public HeapBuffer system() {
        return system;
    }

    void movedTo(HeapBuffer pages) {
        this.system = pages;
    }

    /** Physical address of the VRAM range (where it was, after a move). */
    public long vramPhys(long off) {
        return bar.base() + offset + off;
    }

    @Override
    public Device device() {
        return device;
    }

    /** The device's own address for it: its offset in VRAM. */
    @Override
    public long dmaAddress() {
        return offset;
    }

    @Override
    public long physBase() {
        return phys(0);
    }

    @Override
    public boolean freed() {
        return false;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MemoryType memoryType() {
        return inVram() ? MemoryType.IOMEM : MemoryType.CACHED;
    }

    @Override
    public long phys(long off) {
        return inVram() ? vramPhys(off) : system.phys(off);
    }

    @Override
    public long contiguousFrom(long off) {
        return inVram() ? size - off : system.contiguousFrom(off);
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
