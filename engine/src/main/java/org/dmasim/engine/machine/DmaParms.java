package org.dmasim.engine.machine;

import java.util.List;

/**
 * A device's {@code struct device_dma_parameters}, {@code bus_dma_limit} and
 * {@code dma_range_map} (include/linux/device.h, include/linux/dma-mapping.h, dma-direct.h).
 *
 * @param maxSegmentSize {@code dma_get_max_seg_size()}: 64 KiB unless the driver set it
 *     ({@code dma_set_max_seg_size}); dma-debug's check_sg_segment compares every sg entry with it
 * @param segmentBoundary {@code dma_get_seg_boundary()}: a DMA segment may not cross a multiple
 *     of {@code segmentBoundary + 1}; ULONG_MAX (-1) unless set
 * @param minAlignMask {@code dma_get_min_align_mask()}: the low address bits swiotlb keeps from
 *     the original in the bounce slot (NVMe: 4 KiB - 1); 0 unless set
 * @param busDmaLimit {@code dev->bus_dma_limit}: an interconnect limit below the mask; 0 for none
 * @param dmaRanges the device tree's dma-ranges ({@code dev->dma_range_map}); empty for the
 *     identity or the single region {@code dma_offset} describes
 */
public record DmaParms(long maxSegmentSize, long segmentBoundary, long minAlignMask, long busDmaLimit,
        List<BusRegion> dmaRanges) {
    /** include/linux/dma-mapping.h dma_get_max_seg_size(): SZ_64K when dma_parms leave it 0. */
    public static final long DEFAULT_MAX_SEGMENT = 64 << 10;

    public DmaParms {
        dmaRanges = dmaRanges == null ? List.of() : List.copyOf(dmaRanges);
    }

    public DmaParms(long maxSegmentSize, long segmentBoundary, long minAlignMask, long busDmaLimit) {
        this(maxSegmentSize, segmentBoundary, minAlignMask, busDmaLimit, List.of());
    }

    public static DmaParms defaults() {
        return new DmaParms(DEFAULT_MAX_SEGMENT, -1L, 0, 0);
    }

    /** {@code min_not_zero(mask, bus_dma_limit)}: what every reach check compares with. */
    public long limit(long mask) {
        if (busDmaLimit == 0) {
            return mask;
        }
        return Long.compareUnsigned(mask, busDmaLimit) <= 0 ? mask : busDmaLimit;
    }
}
