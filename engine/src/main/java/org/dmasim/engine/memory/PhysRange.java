package org.dmasim.engine.memory;

/**
 * What the memory kinds share as CPU views: a size, the label the script may give them, and by
 * default one physically contiguous run from {@code base} (a kind that is scattered, like
 * vmalloc, overrides {@link #phys} and {@link #contiguousFrom}).
 */
abstract class PhysRange implements CpuView {
    final long base;
    final long size;
    private String label;

    PhysRange(long base, long size, String label) {
        this.base = base;
        this.size = size;
        this.label = label;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long phys(long offset) {
        return base + offset;
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
