package org.dmasim.engine.dmabuf;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * A CPU view of dma-buf or GEM memory made by this layer: a vmap ({@link IosysMap}) or a user
 * mapping ({@link UserMapping}). Its bytes are the backing's, wherever the backing lives now.
 */
public abstract sealed class DmaBufView implements CpuView permits IosysMap, UserMapping {
    private final DmaBuf dmabuf;
    private final CpuView backing;
    private final MemoryType type;
    private final long base;
    private final long length;
    private boolean unmapped;
    private int warnedEpoch = -1;
    private String label;

    DmaBufView(DmaBuf dmabuf, CpuView backing, MemoryType type, long base, long length, String label) {
        this.dmabuf = dmabuf;
        this.backing = backing;
        this.type = type;
        this.base = base;
        this.length = length;
        this.label = label;
    }

    /** The dma-buf it maps, or null for a GEM object's own mapping (not a dma-buf mapping). */
    public DmaBuf dmabuf() {
        return dmabuf;
    }

    public CpuView backing() {
        return backing;
    }

    public boolean unmapped() {
        return unmapped;
    }

    void unmap() {
        unmapped = true;
    }

    /** Whether an unbracketed access in this START/END epoch has been reported already. */
    boolean warnOnce(int epoch) {
        if (warnedEpoch == epoch) {
            return false;
        }
        warnedEpoch = epoch;
        return true;
    }

    @Override
    public long size() {
        return length;
    }

    /** The offset in the backing of this view's byte 0 (an mmap's {@code vm_pgoff}). */
    public long base() {
        return base;
    }

    @Override
    public MemoryType memoryType() {
        // TTM zaps the PTEs when a buffer moves; the next fault maps the new placement's type
        if (backing instanceof VramBuffer v && !v.inVram() && type != MemoryType.CACHED) {
            return MemoryType.CACHED;
        }
        return type;
    }

    @Override
    public long phys(long offset) {
        return backing.phys(base + offset);
    }

    @Override
    public long contiguousFrom(long offset) {
        return Math.min(backing.contiguousFrom(base + offset), length - offset);
    }

    @Override
    public void faultIn(long offset, long length) {
        backing.faultIn(base + offset, length);
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
