package org.dmasim.engine.machine;

/** A declared device. Its masks may change ({@code dma_set_mask}); the rest is fixed. */
public final class Device {
    private final DeviceConfig config;
    private final boolean coherent;
    private final boolean dmaCoherent;
    private final boolean iommu;
    private long dmaMask;
    private long coherentDmaMask;
    private boolean skipSync;

    public Device(DeviceConfig config, ArchProfile profile) {
        this.config = config;
        this.coherent = config.coherent() != null ? config.coherent() : profile.coherentDefault();
        // include/linux/dma-map-ops.h: without ARCH_HAS_SYNC_DMA_FOR_{DEVICE,CPU} (x86, sparc64)
        // dev_is_dma_coherent() is hard-wired true, whatever the device really does
        this.dmaCoherent = coherent || !profile.hasDmaMaintenance();
        // iommu_default: every device sits behind an IOMMU (sparc64)
        this.iommu = config.iommu() || profile.allDevicesBehindIommu();
        this.dmaMask = bitMask(config.dmaMask());
        this.coherentDmaMask = bitMask(config.coherentDmaMask());
        setupNeedSync();
    }

    /** {@code DMA_BIT_MASK(n)}. */
    public static long bitMask(int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("a DMA mask has 1 to 64 bits, not " + bits);
        }
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    public String name() {
        return config.name();
    }

    public DeviceConfig config() {
        return config;
    }

    /** The device snoops the CPU caches (what its accesses do: docs/semantics.md, "The CPU cache"). */
    public boolean coherent() {
        return coherent;
    }

    /**
     * {@code dev_is_dma_coherent()}: what the DMA API believes and decides by (maintenance,
     * need_sync, coherent memory types, REQUIRE_COHERENT). It differs from {@link #coherent()}
     * only for a non-snooping device on an arch without DMA cache maintenance (an x86 GPU whose
     * driver must clflush by itself).
     */
    public boolean dmaCoherent() {
        return dmaCoherent;
    }

    /** {@code use_dma_iommu(dev)}: translated by an IOMMU domain. */
    public boolean iommu() {
        return iommu;
    }

    /**
     * {@code dev->dma_skip_sync}: set from coherence by {@code dma_setup_need_sync()} (run by
     * {@code dma_set_mask}), cleared for good by the first swiotlb bounce (kernel/dma/mapping.c).
     */
    public boolean skipSync() {
        return skipSync;
    }

    /** {@code dma_setup_need_sync()}: direct and dma-iommu devices skip syncs iff coherent. */
    public void setupNeedSync() {
        skipSync = dmaCoherent;
    }

    /** {@code dma_reset_need_sync()}: called by swiotlb_tbl_map_single after a slot allocation. */
    public void resetNeedSync() {
        skipSync = false;
    }

    /**
     * {@code phys_to_dma()} (include/linux/dma-direct.h translate_phys_to_dma): through the first
     * dma-ranges region holding {@code phys}; DMA_MAPPING_ERROR when none does ("make sure
     * dma_capable fails when no translation is available"). {@code dma_offset} is one region from
     * the offset up; without either, the identity.
     */
    public long physToDma(long phys) {
        var regions = config.parms().dmaRanges();
        if (!regions.isEmpty()) {
            for (BusRegion r : regions) {
                if (r.holdsCpu(phys)) {
                    return r.dmaStart() + (phys - r.cpuStart());
                }
            }
            return -1L;
        }
        long offset = config.dmaOffset();
        return phys >= offset ? phys - offset : -1L;
    }

    /** {@code dma_to_phys()} (translate_dma_to_phys): the CPU address of a bus address, or -1 when no region has it. */
    public long dmaToPhys(long dma) {
        var regions = config.parms().dmaRanges();
        if (!regions.isEmpty()) {
            for (BusRegion r : regions) {
                if (r.holdsDma(dma)) {
                    return r.cpuStart() + (dma - r.dmaStart());
                }
            }
            return -1L;
        }
        return dma == -1L ? -1L : dma + config.dmaOffset();
    }

    public long dmaMask() {
        return dmaMask;
    }

    public long coherentDmaMask() {
        return coherentDmaMask;
    }

    public void setDmaMask(long mask) {
        this.dmaMask = mask;
    }

    public void setCoherentDmaMask(long mask) {
        this.coherentDmaMask = mask;
    }

    @Override
    public String toString() {
        return name();
    }
}
