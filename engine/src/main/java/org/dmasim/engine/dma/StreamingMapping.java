package org.dmasim.engine.dma;

import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;

/**
 * A streaming mapping as the kernel tracks it (kernel/dma/swiotlb.c keeps the original address of a
 * bounce slot, kernel/dma/debug.c a struct dma_debug_entry per mapping): the
 * original buffer, the bounce slot if any, and who owns the buffer now (map and
 * sync_for_device give it to the device; sync_for_cpu and unmap give it back).
 */
public final class StreamingMapping implements Mapping {
    private final Device device;
    private final CpuView view;
    private final long dmaAddr;
    private final long phys;
    private final long size;
    private final Direction dir;
    private final long attrs;
    private final long slot;
    private final boolean iommu;
    private final String type;
    private final SgTable sg;
    private boolean deviceOwns;
    private boolean cpuWroteWhileOwned;
    private boolean released;
    /** Null until set or first asked for: a million live mappings should not hold a million strings. */
    private String label;
    /** The position in {@link LiveMappings} (its insertion order). */
    int seq = -1;

    /** A failed map: {@code DMA_MAPPING_ERROR}, nothing recorded. */
    public static StreamingMapping failed(Device device, CpuView view, long phys, long size, Direction dir,
            long attrs) {
        return new StreamingMapping(device, view, -1, phys, size, dir, attrs, -1);
    }

    public StreamingMapping(Device device, CpuView view, long dmaAddr, long phys, long size, Direction dir,
            long attrs, long slot) {
        this(device, view, dmaAddr, phys, size, dir, attrs, slot, false, "phy", null);
    }

    /**
     * @param iommu {@code dmaAddr} is an IOVA in the device's domain
     * @param type the dma-debug entry type: {@code phy}, {@code scatter-gather}, {@code noncoherent}
     * @param sg the sg table this mapping is one entry of, or null
     */
    public StreamingMapping(Device device, CpuView view, long dmaAddr, long phys, long size, Direction dir,
            long attrs, long slot, boolean iommu, String type, SgTable sg) {
        this.iommu = iommu;
        this.type = type;
        this.sg = sg;
        this.device = device;
        this.view = view;
        this.dmaAddr = dmaAddr;
        this.phys = phys;
        this.size = size;
        this.dir = dir;
        this.attrs = attrs;
        this.slot = slot;
        this.deviceOwns = dmaAddr != -1;
    }

    @Override
    public Device device() {
        return device;
    }

    /** The CPU view the mapping was made from. */
    public CpuView view() {
        return view;
    }

    @Override
    public long dmaAddress() {
        return dmaAddr;
    }

    /** Physical address of the original buffer's first mapped byte. */
    public long phys() {
        return phys;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Direction direction() {
        return dir;
    }

    public long attrs() {
        return attrs;
    }

    /** The bounce slot's physical address, or -1. */
    public long slot() {
        return slot;
    }

    @Override
    public boolean bounced() {
        return slot >= 0;
    }

    @Override
    public boolean iommu() {
        return iommu;
    }

    /** The dma-debug type it was recorded with ({@code phy}, {@code scatter-gather}, {@code noncoherent}). */
    public String type() {
        return type;
    }

    /** The sg table this mapping is an entry of, or null. */
    public SgTable sg() {
        return sg;
    }

    @Override
    public boolean failed() {
        return dmaAddr == -1;
    }

    @Override
    public boolean released() {
        return released;
    }

    public void release() {
        released = true;
        deviceOwns = false;
    }

    public boolean deviceOwns() {
        return deviceOwns;
    }

    public void giveToDevice() {
        deviceOwns = true;
        cpuWroteWhileOwned = false;
    }

    public void giveToCpu() {
        deviceOwns = false;
        cpuWroteWhileOwned = false;
    }

    /** The CPU wrote the buffer since it last got it back (matters for DEVICE_ACCESS_CPU_OWNED). */
    public boolean cpuWroteWhileOwned() {
        return cpuWroteWhileOwned;
    }

    public void noteCpuWrite() {
        cpuWroteWhileOwned = true;
    }

    /** Where the device's byte {@code offset} lives: the slot when bounced, else the original. */
    public long devicePhys(long offset) {
        return (slot >= 0 ? slot : phys) + offset;
    }

    public boolean overlaps(long p, long length) {
        return p < phys + size && phys < p + length;
    }

    @Override
    public String label() {
        if (label == null) {
            label = "mapping@" + (dmaAddr == -1 ? "DMA_MAPPING_ERROR" : Units.hex(dmaAddr));
        }
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label();
    }
}
