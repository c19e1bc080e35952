package org.dmasim.engine.dma;

/** {@code DMA_ATTR_*} bits (include/linux/dma-mapping.h). */
public final class DmaAttrs {
    public static final long DMA_ATTR_WEAK_ORDERING = 1L << 1;
    public static final long DMA_ATTR_WRITE_COMBINE = 1L << 2;
    /** Gone from mainline; accepted and ignored. */
    public static final long DMA_ATTR_NON_CONSISTENT = 1L << 3;
    public static final long DMA_ATTR_NO_KERNEL_MAPPING = 1L << 4;
    public static final long DMA_ATTR_SKIP_CPU_SYNC = 1L << 5;
    public static final long DMA_ATTR_FORCE_CONTIGUOUS = 1L << 6;
    public static final long DMA_ATTR_ALLOC_SINGLE_PAGES = 1L << 7;
    public static final long DMA_ATTR_NO_WARN = 1L << 8;
    public static final long DMA_ATTR_PRIVILEGED = 1L << 9;
    public static final long DMA_ATTR_MMIO = 1L << 10;
    public static final long DMA_ATTR_REQUIRE_COHERENT = 1L << 12;

    private DmaAttrs() {
    }
}
