package org.dmasim.engine.memory;

import org.dmasim.engine.Units;

/**
 * A {@code kmalloc} object: {@code size} bytes inside a slab page, next to the other objects of
 * its size class (mm/slub.c). Small objects share cache lines with their neighbours unless the
 * class is aligned to {@code ARCH_DMA_MINALIGN}.
 */
public final class KmallocBuffer extends PhysRange implements Buffer {
    private final long objectSize;
    private boolean freed;

    KmallocBuffer(long phys, long size, long objectSize) {
        super(phys, size, "kmalloc@" + Units.hex(phys));
        this.objectSize = objectSize;
    }

    @Override
    public long physBase() {
        return base;
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
}
