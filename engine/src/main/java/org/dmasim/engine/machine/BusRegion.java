package org.dmasim.engine.machine;

/**
 * One region of a device's {@code dma_range_map} (include/linux/dma-direct.h {@code struct
 * bus_dma_region}, from the device tree's dma-ranges): {@code size} bytes from CPU address
 * {@code cpuStart} appear on the bus at {@code dmaStart}.
 */
public record BusRegion(long cpuStart, long dmaStart, long size) {
    public BusRegion {
        if (size <= 0) {
            throw new IllegalArgumentException("a dma-ranges region has a size");
        }
    }

    boolean holdsCpu(long phys) {
        return Long.compareUnsigned(phys, cpuStart) >= 0 && Long.compareUnsigned(phys - cpuStart, size) < 0;
    }

    boolean holdsDma(long dma) {
        return Long.compareUnsigned(dma, dmaStart) >= 0 && Long.compareUnsigned(dma - dmaStart, size) < 0;
    }
}
