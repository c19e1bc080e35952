package org.dmasim.engine.dma;

import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Machine;

/**
 * {@code dma_set_mask} and {@code dma_set_coherent_mask} (kernel/dma/mapping.c): 0, or -EIO when
 * {@code dma_supported()} refuses the mask. Setting the streaming mask re-runs
 * {@code dma_setup_need_sync()}.
 */
public final class DmaMasks {
    /** {@code -EIO}. */
    public static final int EIO = -5;

    private final Machine m;

    public DmaMasks(Machine machine) {
        this.m = machine;
    }

    public int setMask(Device dev, int bits) {
        long mask = Device.bitMask(bits);
        if (!supported(dev, mask)) {
            return EIO;
        }
        dev.setDmaMask(mask);
        dev.setupNeedSync();
        return 0;
    }

    public int setCoherentMask(Device dev, int bits) {
        long mask = Device.bitMask(bits);
        if (!supported(dev, mask)) {
            return EIO;
        }
        dev.setCoherentDmaMask(mask);
        return 0;
    }

    /** Sets both; returns {@code dma_set_mask}'s result, as include/linux/dma-mapping.h does. */
    public int setMaskAndCoherent(Device dev, int bits) {
        int rc = setMask(dev, bits);
        if (rc == 0) {
            setCoherentMask(dev, bits);
        }
        return rc;
    }

    /**
     * {@code dma_supported()}: behind an IOMMU every mask; else kernel/dma/direct.c
     * {@code dma_direct_supported()}: 32 bits always, less must cover ZONE_DMA (or all RAM below it).
     */
    private boolean supported(Device dev, long mask) {
        if (dev.iommu() || Long.compareUnsigned(mask, 0xffff_ffffL) >= 0) {
            return true;
        }
        long top = Math.min(m.allocator().ramEnd(), m.zoneDmaLimit()) - 1;
        return Long.compareUnsigned(mask, top) >= 0;
    }
}
