package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * A {@code kmalloc} object: {@code size} bytes inside a slab page, next to the other objects of
 * its size class (mm/slub.c). Small objects share cache lines with their neighbours unless the
 * class is aligned to {@code ARCH_DMA_MINALIGN}.
 */
public final class KmallocBuffer implements Buffer {
    private final long phys;
    private final long size;
    private final long objectSize;
    private boolean freed;
    private String label;

    KmallocBuffer(long phys, long size, long objectSize) {
        this.phys = phys;
        this.size = size;
        this.objectSize = objectSize;
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

    /** The size class the object was served from ({@code kmalloc_size_roundup}). */
    public long objectSize() {
        return objectSize;
    }

    @Override
    public boolean freed() {
        return freed;
    }

    void markFreed() {
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
