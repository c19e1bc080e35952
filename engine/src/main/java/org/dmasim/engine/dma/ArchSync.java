package org.dmasim.engine.dma;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.Maintenance;

/**
 * {@code arch_sync_dma_for_device} / {@code arch_sync_dma_for_cpu} / {@code arch_dma_prep_coherent}:
 * the profile's maintenance per direction, only for non-coherent devices
 * (include/linux/dma-map-ops.h: {@code dev_is_dma_coherent()} gates every call).
 */
public final class ArchSync {
    private ArchSync() {
    }

    /**
     * The maintenance a device the script did not declare gets: one with the arch's default
     * coherence ({@code dev->dma_coherent = dma_default_coherent}, drivers/base/core.c
     * device_initialize), such as the udmabuf misc device. {@code forCpu} picks the table.
     */
    public static void forDefaultDevice(Machine m, boolean forCpu, long phys, long size, Direction dir,
            String what, Site site) {
        if (!m.profile().coherentDefault()) {
            apply(m, forCpu ? m.profile().forCpu(dir) : m.profile().forDevice(dir), phys, size, what, site);
        }
    }

    static void forDevice(Machine m, Device dev, long phys, long size, Direction dir, String what, Site site) {
        if (!dev.dmaCoherent()) {
            apply(m, m.profile().forDevice(dir), phys, size, what, site);
        }
    }

    static void forCpu(Machine m, Device dev, long phys, long size, Direction dir, String what, Site site) {
        if (!dev.dmaCoherent()) {
            apply(m, m.profile().forCpu(dir), phys, size, what, site);
        }
    }

    /** {@code arch_dma_prep_coherent()}: the profile's maintenance of a new coherent allocation's linear alias. */
    static void prepCoherent(Machine m, long phys, long size, Site site) {
        if (m.cacheOps()) {
            m.cache().maintain(m.profile().prepCoherent(), phys, size, site);
        }
    }

    /**
     * Maintenance, reporting LOST_WRITE where an invalidate discards the latest data. On a riscv
     * machine without cache operations the ALT_CMO_OP alternatives are never patched in: nothing.
     */
    static void apply(Machine m, Maintenance op, long phys, long size, String what, Site site) {
        if (!m.cacheOps()) {
            return;
        }
        m.cache().requireMaintain(op, phys, size); // check, then act: before the report
        if (m.cache().wouldDiscardLatest(op, phys, size)) {
            m.log().add(ReportCode.LOST_WRITE, "the invalidate of " + what + " (phys " + Units.hex(phys)
                    + ") discards dirty CPU data that is the latest value of some bytes", site,
                    "do not write a buffer while it is mapped for the device to write; write it before "
                            + "dma_map_*() or map it DMA_BIDIRECTIONAL and call dma_sync_single_for_device() after "
                            + "the write", List.of());
        }
        m.cache().maintain(op, phys, size, site);
    }
}
