package org.dmasim.engine.dma;

import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;

/**
 * The help for stale data on an arch whose DMA API does no cache maintenance (x86_64, sparc64):
 * there no sync can help a device that does not snoop, so the help must not name one. Such arches
 * select neither ARCH_HAS_SYNC_DMA_FOR_DEVICE nor _FOR_CPU, so dev_is_dma_coherent() is hard-wired
 * true (include/linux/dma-map-ops.h) and every dma_sync_* is a no-op for the caches; x86 drivers of
 * non-snooping devices flush by themselves (drivers/gpu/drm/drm_cache.c drm_clflush_sg(),
 * drm_clflush_virt_range()).
 */
final class ClflushAdvice {
    private ClflushAdvice() {
    }

    /**
     * Whether the help for a stale access by or for {@code dev} through {@code handle} must name a
     * flush instead of a sync: a non-snooping device on such an arch, unless swiotlb bounces the
     * mapping (then the sync's copy is what is missing).
     */
    static boolean applies(ArchProfile p, Device dev, DmaHandle handle) {
        return !p.hasDmaMaintenance() && !dev.coherent()
                && !(handle instanceof StreamingMapping s && s.bounced());
    }

    /**
     * The help: {@code what} is the sync the driver might reach for, {@code label} the buffer,
     * {@code when} the moment the flush belongs ("after nic writes and before the CPU reads").
     */
    static String help(ArchProfile p, String device, String what, String label, String when) {
        String flush = p.name().startsWith("x86")
                ? "clflush(" + label + ") " + when + " (drm_clflush_virt_range() or drm_clflush_sg() in a driver)"
                : "write back and invalidate the lines of " + label + " " + when + " by the arch's own cache "
                        + "instructions";
        return p.name() + "'s DMA API does no cache maintenance (it treats every device as snooping), so "
                + what + " does nothing for " + device + ", which does not snoop: " + flush;
    }
}
