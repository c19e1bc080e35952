package org.dmasim.engine.sync;

import java.util.List;
import org.dmasim.engine.dmabuf.Named;

/**
 * A {@code struct dma_fence} (include/linux/dma-fence.h, drivers/dma-buf/dma-fence.c): a one-shot
 * completion flag. A device job's fence signals after the job's last step; a fence made by
 * {@code dma_fence_create()} (vgem, sw_sync) signals when the CPU says so.
 */
public final class DmaFence implements FenceSource, Named {
    private String label;
    /** The label it was made with: unlike {@link #label()}, it never changes. */
    private final String origin;
    private String signalledAt;

    /**
     * How many fences signalled in this JVM so far: a clock for {@link DmaResv}'s knowledge that
     * the entries it scanned are still unsignalled (no fence signalled since the scan).
     */
    private static final java.util.concurrent.atomic.AtomicLong SIGNALS = new java.util.concurrent.atomic.AtomicLong();

    static long signals() {
        return SIGNALS.get();
    }

    /** @param label what messages call it ({@code "nic's job at 12:9"}) */
    public DmaFence(String label) {
        this.label = label;
        this.origin = label;
    }

    /** The label it was made with (a stable name while scripts rename it). */
    public String origin() {
        return origin;
    }

    public boolean isSignaled() {
        return signalledAt != null;
    }

    /** Where it signalled ({@code "14:5"}), or null while it has not. */
    public String signalledAt() {
        return signalledAt;
    }

    /**
     * {@code dma_fence_signal()}: false (the kernel's -EINVAL) when it had already signalled,
     * which changes nothing.
     */
    public boolean signal(String site) {
        if (signalledAt != null) {
            return false;
        }
        signalledAt = site;
        SIGNALS.incrementAndGet();
        return true;
    }

    @Override
    public List<DmaFence> fences() {
        return List.of(this);
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
