package org.dmasim.engine.dma;

import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;

/**
 * A streaming mapping as the kernel tracks it (kernel/dma/swiotlb.c keeps the original address of a
 * bounce slot, kernel/dma/debug.c a struct dma_debug_entry per mapping): the original buffer, the
 * bounce slot if any, and who owns each byte now: map gives all of it to the device;
 * {@code dma_sync_single_range_for_cpu} gives back only the synced range and {@code _for_device}
 * hands only its range over again (Documentation/core-api/dma-api.rst: the partial sync is how
 * drivers like igb use half a page while the device fills the other half); unmap ends it.
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
    /** What the CPU owns and wrote; null while the device owns it all (one field: a million mappings). */
    private CpuRanges cpu;
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
        if (dmaAddr == -1) {
            cpu().owned = ByteRanges.add(null, 0, size);
        }
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
    }

    /** The device owns some byte of the mapping. */
    public boolean deviceOwns() {
        return deviceOwns(0, size);
    }

    /** The device owns some byte of {@code [off, off+length)} (offsets into the mapping). */
    public boolean deviceOwns(long off, long length) {
        return !released && !(cpu != null && ByteRanges.covers(cpu.owned, Math.max(0, off), Math.min(size, off + length)));
    }

    /** The CPU owns some byte of {@code [off, off+length)}. */
    public boolean cpuOwns(long off, long length) {
        return cpu != null && ByteRanges.intersects(cpu.owned, off, off + length);
    }

    /** map / sync_for_device of the whole mapping. */
    public void giveToDevice() {
        giveToDevice(0, size);
    }

    /** {@code dma_sync_single_range_for_device}: only {@code [off, off+length)} goes to the device. */
    public void giveToDevice(long off, long length) {
        if (cpu != null) {
            cpu.owned = ByteRanges.remove(cpu.owned, off, off + length);
            cpu.written = ByteRanges.remove(cpu.written, off, off + length);
            if (cpu.owned == null && cpu.written == null) {
                cpu = null;
            }
        }
    }

    public void giveToCpu() {
        giveToCpu(0, size);
    }

    /** {@code dma_sync_single_range_for_cpu}: only {@code [off, off+length)} comes back to the CPU. */
    public void giveToCpu(long off, long length) {
        cpu().owned = ByteRanges.add(cpu().owned, Math.max(0, off), Math.min(size, off + length));
    }

    /** The CPU wrote some byte of {@code [off, off+length)} since it last handed it over (DEVICE_ACCESS_CPU_OWNED). */
    public boolean cpuWrote(long off, long length) {
        return cpu != null && ByteRanges.intersects(cpu.written, off, off + length);
    }

    public void noteCpuWrite() {
        noteCpuWrite(0, size);
    }

    public void noteCpuWrite(long off, long length) {
        cpu().written = ByteRanges.add(cpu().written, Math.max(0, off), Math.min(size, off + length));
    }

    /** The CPU-owned byte ranges, for {@code show()}: empty when the device owns it all. */
    public String cpuOwnedRanges() {
        return cpu == null ? "" : ByteRanges.describe(cpu.owned);
    }

    private CpuRanges cpu() {
        if (cpu == null) {
            cpu = new CpuRanges();
        }
        return cpu;
    }

    /** The CPU's byte ranges of a mapping, as {@link ByteRanges} sets. */
    private static final class CpuRanges {
        long[] owned;
        long[] written;
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

    /** Without making up the default: a caller checking whose label it is need not format an address. */
    @Override
    public String givenLabel() {
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
