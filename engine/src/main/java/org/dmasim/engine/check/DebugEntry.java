package org.dmasim.engine.check;

import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;

/**
 * One dma-debug entry (kernel/dma/debug.c {@code struct dma_debug_entry}): what the kernel
 * recorded at map or alloc time, matched later by (dev, dev_addr). Its type is debug.c's type2name:
 * {@code phy} (single, page and resource maps since dma_map_phys), {@code coherent},
 * {@code noncoherent} or {@code scatter-gather}.
 */
public final class DebugEntry {
    private final Device device;
    private final long devAddr;
    private final long size;
    private final Direction direction;
    private final String type;
    private final long paddr;
    private final boolean skipCpuSync;
    private final int sgCallEnts;
    private final int sgMappedEnts;
    private boolean mapErrorChecked;
    /** Insertion order in {@link DmaDebug} (debug.c walks a bucket oldest first). */
    int seq;

    public DebugEntry(Device device, long devAddr, long size, Direction direction, String type, long paddr,
            boolean mapErrorApplies, boolean skipCpuSync) {
        this(device, devAddr, size, direction, type, paddr, mapErrorApplies, skipCpuSync, 0);
    }

    /** @param sgCallEnts for {@code scatter-gather} entries: the nents the map call was given */
    public DebugEntry(Device device, long devAddr, long size, Direction direction, String type, long paddr,
            boolean mapErrorApplies, boolean skipCpuSync, int sgCallEnts) {
        this(device, devAddr, size, direction, type, paddr, mapErrorApplies, skipCpuSync, sgCallEnts, 0);
    }

    /** @param sgMappedEnts for {@code scatter-gather} entries: the count dma_map_sg returned */
    public DebugEntry(Device device, long devAddr, long size, Direction direction, String type, long paddr,
            boolean mapErrorApplies, boolean skipCpuSync, int sgCallEnts, int sgMappedEnts) {
        this.sgCallEnts = sgCallEnts;
        this.sgMappedEnts = sgMappedEnts;
        this.device = device;
        this.devAddr = devAddr;
        this.size = size;
        this.direction = direction;
        this.type = type;
        this.paddr = paddr;
        this.skipCpuSync = skipCpuSync;
        // debug.c: sg/coherent/noncoherent entries are MAP_ERR_CHECK_NOT_APPLICABLE
        this.mapErrorChecked = !mapErrorApplies;
    }

    public Device device() {
        return device;
    }

    public long devAddr() {
        return devAddr;
    }

    public long size() {
        return size;
    }

    public Direction direction() {
        return direction;
    }

    public String type() {
        return type;
    }

    public long paddr() {
        return paddr;
    }

    public boolean skipCpuSync() {
        return skipCpuSync;
    }

    /** {@code sg_call_ents}: the nents passed to dma_map_sg (0 for other types). */
    public int sgCallEnts() {
        return sgCallEnts;
    }

    /** {@code sg_mapped_ents}: what dma_map_sg returned (0 for other types). */
    public int sgMappedEnts() {
        return sgMappedEnts;
    }

    public boolean mapErrorChecked() {
        return mapErrorChecked;
    }

    void markMapErrorChecked() {
        mapErrorChecked = true;
    }

    boolean contains(long addr, long length) {
        return Long.compareUnsigned(addr, devAddr) >= 0
                && Long.compareUnsigned(addr + length, devAddr + size) <= 0;
    }
}
