package org.dmasim.engine.sync;

/**
 * {@code enum dma_resv_usage} (include/linux/dma-resv.h), with the kernel's values. The order
 * KERNEL &lt; WRITE &lt; READ &lt; BOOKKEEP is the point: asking a reservation object for the fences of
 * one usage returns those of every lower usage as well.
 */
public enum DmaResvUsage {
    /** Kernel memory management (a move or clear by a copy engine): everyone waits for it. */
    KERNEL,
    /** Implicit write synchronisation: a user-space submission that writes the buffer. */
    WRITE,
    /** Implicit read synchronisation: a user-space submission that reads it. */
    READ,
    /** No implicit synchronisation (preemption fences, page-table updates, explicitly synced work). */
    BOOKKEEP;

    /** {@code DMA_RESV_USAGE_KERNEL} and so on, as scripts and messages spell it. */
    public String kernelName() {
        return "DMA_RESV_USAGE_" + name();
    }

    /** The usage with the kernel's value, or null. */
    public static DmaResvUsage of(long value) {
        return value >= 0 && value < values().length ? values()[(int) value] : null;
    }

    /**
     * dma-resv.h dma_resv_usage_rw(): "new write operations needs to wait for the existing read
     * and write operations to finish. But a new read operation only needs to wait for the
     * existing write operations to finish."
     */
    public static DmaResvUsage rw(boolean write) {
        return write ? READ : WRITE;
    }
}
