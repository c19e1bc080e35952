package org.dmasim.engine.memory;

/**
 * A constant object in the kernel image's rodata (a {@code static const} table of a driver built
 * in). Physically contiguous; read-only to the CPU ({@code CONFIG_STRICT_KERNEL_RWX}), but a
 * device writes wherever a mapping lets it, which is why dma-debug's
 * {@code check_for_illegal_area} looks for it (kernel/dma/debug.c). Never freed.
 */
public final class RodataBuffer extends PhysRange implements Buffer {
    public RodataBuffer(long base, long size) {
        super(base, size, "rodata@0x" + Long.toHexString(base));
    }

    @Override
    public long physBase() {
        return base;
    }

    @Override
    public boolean freed() {
        return false;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }
}
