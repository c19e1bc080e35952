package org.dmasim.engine.dma;

import org.dmasim.engine.machine.Device;

/**
 * What a device accesses: a streaming mapping, the device side of a coherent allocation,
 * a mapped sg table, a resource mapping. The device sees bus addresses; what sits behind
 * them (direct RAM, a bounce slot, an IOMMU page) is the engine's business.
 */
public interface DmaHandle {
    Device device();

    /** The bus address of byte 0, as the kernel returned it ({@code ~0} for a failed map). */
    long dmaAddress();

    long size();

    String label();

    /** The label {@link #setLabel} gave, or what {@link #label()} returns when it makes none up. */
    default String givenLabel() {
        return label();
    }

    void setLabel(String label);
}
