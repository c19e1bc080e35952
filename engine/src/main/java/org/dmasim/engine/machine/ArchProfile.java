package org.dmasim.engine.machine;

import java.util.Map;
import java.util.Objects;

/**
 * An architecture's DMA behaviour as data (docs/semantics.md, "Arch profiles"): profiles come from
 * {@code stdlib/arch/*.dma} and the engine applies them with one mechanism.
 *
 * @param zoneDmaLimit where ZONE_DMA ends: x86 16 MiB (ISA), arm64 {@code min(firmware
 *     dma-ranges, 4 GiB)} (arch/arm64/mm/init.c dma_limits_init; the machine may set the
 *     firmware's limit: 1 GiB on a Raspberry Pi 4)
 * @param forDevice {@code arch_sync_dma_for_device()} per direction (map, sync_for_device)
 * @param forCpu {@code arch_sync_dma_for_cpu()} per direction (unmap, sync_for_cpu)
 * @param prepCoherent {@code arch_dma_prep_coherent()} on the linear alias of coherent allocations
 * @param invalEdges what an invalidate does to lines only partly covered by the range
 *     (arm64 cleans+invalidates them instead of discarding the neighbours' dirty data)
 * @param iomemPlainAccessTraps plain loads/stores to I/O memory trap (sparc64)
 * @param attrAliasIsError a cacheable + non-cacheable alias of one page is an error (x86 PAT)
 * @param traits alignments, the IOMMU kind, the sun4u streaming cache, swiotlb placement
 * @param ordering how the CPU's stores and loads may be reordered, and what each barrier orders
 */
public record ArchProfile(
        String name,
        int cacheLine,
        int pageSize,
        long zoneDmaLimit,
        boolean coherentDefault,
        boolean speculativePrefetch,
        Map<Direction, Maintenance> forDevice,
        Map<Direction, Maintenance> forCpu,
        Maintenance prepCoherent,
        Maintenance invalEdges,
        boolean bounceUnalignedKmalloc,
        boolean iomemPlainAccessTraps,
        boolean attrAliasIsError,
        boolean allDevicesBehindIommu,
        ArchTraits traits,
        MemoryOrdering ordering) {

    public ArchProfile {
        Objects.requireNonNull(name);
        if (cacheLine <= 0 || Integer.bitCount(cacheLine) != 1) {
            throw new IllegalArgumentException("cache_line must be a power of two: " + cacheLine);
        }
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1 || pageSize < cacheLine) {
            throw new IllegalArgumentException("page_size must be a power of two >= cache_line: " + pageSize);
        }
        forDevice = Map.copyOf(forDevice);
        forCpu = Map.copyOf(forCpu);
        if (traits == null) {
            traits = ArchTraits.defaults(cacheLine, coherentDefault);
        }
        if (ordering == null) {
            ordering = MemoryOrdering.tso();
        }
    }

    /** A profile with x86-TSO ordering. */
    public ArchProfile(String name, int cacheLine, int pageSize, long zoneDmaLimit, boolean coherentDefault,
            boolean speculativePrefetch, Map<Direction, Maintenance> forDevice, Map<Direction, Maintenance> forCpu,
            Maintenance prepCoherent, Maintenance invalEdges, boolean bounceUnalignedKmalloc,
            boolean iomemPlainAccessTraps, boolean attrAliasIsError, boolean allDevicesBehindIommu, ArchTraits traits) {
        this(name, cacheLine, pageSize, zoneDmaLimit, coherentDefault, speculativePrefetch, forDevice, forCpu,
                prepCoherent, invalEdges, bounceUnalignedKmalloc, iomemPlainAccessTraps, attrAliasIsError,
                allDevicesBehindIommu, traits, null);
    }

    /** A profile with the default {@link ArchTraits} for its cache line and coherence. */
    public ArchProfile(String name, int cacheLine, int pageSize, long zoneDmaLimit, boolean coherentDefault,
            boolean speculativePrefetch, Map<Direction, Maintenance> forDevice, Map<Direction, Maintenance> forCpu,
            Maintenance prepCoherent, Maintenance invalEdges, boolean bounceUnalignedKmalloc,
            boolean iomemPlainAccessTraps, boolean attrAliasIsError, boolean allDevicesBehindIommu) {
        this(name, cacheLine, pageSize, zoneDmaLimit, coherentDefault, speculativePrefetch, forDevice, forCpu,
                prepCoherent, invalEdges, bounceUnalignedKmalloc, iomemPlainAccessTraps, attrAliasIsError,
                allDevicesBehindIommu, null, null);
    }

    public Maintenance forDevice(Direction dir) {
        return forDevice.getOrDefault(dir, Maintenance.NONE);
    }

    public Maintenance forCpu(Direction dir) {
        return forCpu.getOrDefault(dir, Maintenance.NONE);
    }

    /**
     * Whether the arch has any DMA cache maintenance (ARCH_HAS_SYNC_DMA_FOR_DEVICE/CPU): without
     * it {@code dev_is_dma_coherent()} is hard-wired true (include/linux/dma-map-ops.h).
     */
    public boolean hasDmaMaintenance() {
        return prepCoherent != Maintenance.NONE
                || forDevice.values().stream().anyMatch(x -> x != Maintenance.NONE)
                || forCpu.values().stream().anyMatch(x -> x != Maintenance.NONE);
    }

    /** The built-in x86_64 profile, used before any {@code arch} statement and in engine tests. */
    public static ArchProfile x86_64() {
        Map<Direction, Maintenance> none = Map.of(
                Direction.DMA_TO_DEVICE, Maintenance.NONE,
                Direction.DMA_FROM_DEVICE, Maintenance.NONE,
                Direction.DMA_BIDIRECTIONAL, Maintenance.NONE);
        return new ArchProfile("x86_64", 64, 4096, 16L << 20, true, true, none, none,
                Maintenance.NONE, Maintenance.NONE, false, false, true, false,
                new ArchTraits(0, 1, IommuKind.VTD, false, false));
    }

    /** The built-in arm64 profile (arch/arm64/mm/dma-mapping.c, >= v5.19), for engine tests. */
    public static ArchProfile arm64() {
        return new ArchProfile("arm64", 64, 4096, 4L << 30, false, true,
                Map.of(Direction.DMA_TO_DEVICE, Maintenance.CLEAN,
                        Direction.DMA_FROM_DEVICE, Maintenance.CLEAN,
                        Direction.DMA_BIDIRECTIONAL, Maintenance.CLEAN),
                Map.of(Direction.DMA_TO_DEVICE, Maintenance.NONE,
                        Direction.DMA_FROM_DEVICE, Maintenance.INVALIDATE,
                        Direction.DMA_BIDIRECTIONAL, Maintenance.INVALIDATE),
                Maintenance.CLEAN_INVALIDATE, Maintenance.CLEAN_INVALIDATE, true, false, false, false,
                new ArchTraits(128, 64, IommuKind.SMMU, false, true, true, KernelImagePlacement.VMALLOC));
    }
}
