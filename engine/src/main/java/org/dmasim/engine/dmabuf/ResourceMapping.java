package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Units;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;

/**
 * {@code dma_map_resource(dev, phys, size, dir, attrs)}: an MMIO range (a peer's BAR) mapped for
 * a device, kernel/dma/direct.h's {@code DMA_ATTR_MMIO} path: the bus address is the physical
 * address, no dma-range translation, no swiotlb, no cache maintenance.
 */
public final class ResourceMapping implements Mapping {
    private final Device device;
    private final CpuView resource;
    private final long phys;
    private final long dma;
    private final long size;
    private final Direction dir;
    private boolean released;
    private String label;

    ResourceMapping(Device device, CpuView resource, long phys, long dma, long size, Direction dir) {
        this.device = device;
        this.resource = resource;
        this.phys = phys;
        this.dma = dma;
        this.size = size;
        this.dir = dir;
        this.label = "resource@" + (dma == -1 ? "DMA_MAPPING_ERROR" : Units.hex(dma));
    }

    public CpuView resource() {
        return resource;
    }

    public long phys() {
        return phys;
    }

    void release() {
        released = true;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public long dmaAddress() {
        return dma;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Direction direction() {
        return dir;
    }

    @Override
    public boolean bounced() {
        return false;
    }

    @Override
    public boolean iommu() {
        return false;
    }

    @Override
    public boolean failed() {
        return dma == -1;
    }

    @Override
    public boolean released() {
        return released;
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
