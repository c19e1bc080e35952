package org.dmasim.engine.dma;

import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.PageBuffer;

/** A {@code dma_alloc_attrs} allocation: the pages, the CPU view (or none) and the device handle. */
public final class CoherentBuffer implements CoherentAllocation {
    private final PageBuffer pages;
    private final CpuView cpu;
    private final CoherentHandle dma;
    private final long size;
    private final long attrs;

    CoherentBuffer(Device device, PageBuffer pages, CpuView cpu, long dmaAddr, long size, long attrs) {
        this.pages = pages;
        this.cpu = cpu;
        this.size = size;
        this.attrs = attrs;
        this.dma = new CoherentHandle(device, dmaAddr, this);
    }

    public PageBuffer pages() {
        return pages;
    }

    @Override
    public CpuView cpu() {
        return cpu;
    }

    @Override
    public CoherentHandle dma() {
        return dma;
    }

    @Override
    public long size() {
        return size;
    }

    public long attrs() {
        return attrs;
    }

    @Override
    public boolean freed() {
        return pages.freed();
    }
}
