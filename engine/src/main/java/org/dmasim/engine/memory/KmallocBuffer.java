package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/** A kmalloc object: cacheable, physically contiguous, possibly sharing cache lines with neighbours. */
public final class KmallocBuffer implements Buffer {
    private final long phys;
    private final long size;
    private boolean freed;
    private String label;

    public KmallocBuffer(long phys, long size) {
        this.phys = phys;
        this.size = size;
        this.label = "kmalloc@" + Units.hex(phys);
    }

    @Override
    public long physBase() {
        return phys;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean freed() {
        return freed;
    }

    public void markFreed() {
        freed = true;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }

    @Override
    public long phys(long offset) {
        return phys + offset;
    }

    @Override
    public long contiguousFrom(long offset) {
        return size - offset;
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
