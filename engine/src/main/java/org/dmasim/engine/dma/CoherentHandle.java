package org.dmasim.engine.dma;

import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;

/** The device side of a coherent allocation: no ownership protocol, no bounce. */
public final class CoherentHandle implements DmaHandle {
    private final Device device;
    private final long dmaAddr;
    private final CoherentBuffer allocation;
    private String label;

    CoherentHandle(Device device, long dmaAddr, CoherentBuffer allocation) {
        this.device = device;
        this.dmaAddr = dmaAddr;
        this.allocation = allocation;
        this.label = "coherent@" + Units.hex(dmaAddr);
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public long dmaAddress() {
        return dmaAddr;
    }

    @Override
    public long size() {
        return allocation.size();
    }

    public CoherentBuffer allocation() {
        return allocation;
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
