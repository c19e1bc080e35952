package org.dmasim.engine.check;

import static org.dmasim.engine.Units.hex16;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;

/**
 * The checks of kernel/dma/debug.c with its texts (kernel-reference.md §G1): entries are added
 * at map/alloc, matched by (dev, dev_addr) at unmap/free ({@code check_unmap}) and by containment
 * at sync ({@code check_sync}). Messages carry dma-debug's {@code DMA-API: <dev>: } prefix.
 */
public final class DmaDebug {
    private final List<DebugEntry> entries = new ArrayList<>();
    private final ReportLog log;
    private final int cacheLine;
    private final boolean trackCachelines;

    /** @param trackCachelines {@code dma_get_cache_alignment() >= L1_CACHE_BYTES}: false on x86 */
    public DmaDebug(ReportLog log, int cacheLine, boolean trackCachelines) {
        this.log = log;
        this.cacheLine = cacheLine;
        this.trackCachelines = trackCachelines;
    }

    /** {@code add_dma_entry}, with the cacheline overlap check (EEXIST) for non-TO_DEVICE maps. */
    public void add(DebugEntry entry, Site site) {
        if (trackCachelines && entry.direction() != Direction.DMA_TO_DEVICE && !entry.skipCpuSync()
                && !entry.type().equals("coherent")) {
            for (DebugEntry e : entries) {
                if (e.direction() != Direction.DMA_TO_DEVICE && !e.skipCpuSync() && !e.type().equals("coherent")
                        && e.paddr() / cacheLine == entry.paddr() / cacheLine) {
                    report(ReportCode.DMA_OVERLAP, entry.device(),
                            "cacheline tracking EEXIST, overlapping mappings aren't supported", site,
                            "do not map one cache line twice for the device to write; align buffers to "
                                    + "dma_get_cache_alignment() (" + cacheLine + " bytes)");
                    break;
                }
            }
        }
        entries.add(entry);
    }

    public List<DebugEntry> entries() {
        return List.copyOf(entries);
    }

    /** {@code debug_dma_mapping_error}: marks the first unchecked entry with that address. */
    public void mappingError(Device dev, long addr) {
        for (DebugEntry e : entries) {
            if (e.device() == dev && e.devAddr() == addr && !e.mapErrorChecked()) {
                e.markMapErrorChecked();
                return;
            }
        }
    }

    /**
     * {@code check_unmap}: reports every mismatch and removes the matched entry even then, as
     * debug.c does. Returns the entry, or null when nothing matched.
     */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            String unmapCall) {
        return checkUnmap(dev, addr, size, dir, type, site, unmapCall, 0);
    }

    /** {@code check_unmap} with the sg entry count the unmap call passed ({@code sg_call_ents}). */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            String unmapCall, int sgCallEnts) {
        DebugEntry entry = find(dev, addr, size, dir, type);
        if (entry == null) {
            if (addr == Kernel.DMA_MAPPING_ERROR) {
                report(ReportCode.DMA_FREE_INVALID_ADDR, dev,
                        "device driver tries to free an invalid DMA memory address", site,
                        "check dma_mapping_error(" + dev + ", addr) after mapping and never unmap a failed map");
            } else {
                report(ReportCode.DMA_FREE_NOT_ALLOCATED, dev,
                        "device driver tries to free DMA memory it has not allocated [device address=" + hex16(addr)
                                + "] [size=" + size + " bytes]", site,
                        "pass " + unmapCall + " the address the map call returned, once");
            }
            return null;
        }
        String at = "[device address=" + hex16(addr) + "] ";
        if (entry.size() != size) {
            report(ReportCode.DMA_UNMAP_SIZE_MISMATCH, dev, "device driver frees DMA memory with different size "
                    + at + "[map size=" + entry.size() + " bytes] [unmap size=" + size + " bytes]", site,
                    "call " + unmapCall + " with the mapped size, " + Units.size(entry.size()));
        }
        if (!entry.type().equals(type)) {
            report(ReportCode.DMA_UNMAP_TYPE_MISMATCH, dev, "device driver frees DMA memory with wrong function "
                    + at + "[size=" + entry.size() + " bytes] [mapped as " + entry.type() + "] [unmapped as "
                    + type + "]", site, "release " + entry.type() + " memory with the function that matches its map");
        }
        if (sgCallEnts != 0 && type.equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver frees DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [unmap count=" + sgCallEnts + "]", site,
                    "pass " + unmapCall + " the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        if (entry.direction() != dir) {
            report(ReportCode.DMA_UNMAP_DIR_MISMATCH, dev, "device driver frees DMA memory with different direction "
                    + at + "[size=" + entry.size() + " bytes] [mapped with " + entry.direction()
                    + "] [unmapped with " + dir + "]", site,
                    "call " + unmapCall + " with the mapped direction, " + entry.direction());
        }
        if (!entry.mapErrorChecked()) {
            report(ReportCode.DMA_MAP_ERROR_UNCHECKED, dev, "device driver failed to check map error"
                    + at.trim() + " [size=" + entry.size() + " bytes] [mapped as " + entry.type() + "]", site,
                    "call dma_mapping_error(" + dev + ", addr) right after the map call");
        }
        entries.remove(entry);
        return entry;
    }

    /** {@code check_sync}: returns the entry containing the address, or null. */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site) {
        return checkSync(dev, addr, size, dir, toCpu, site, 0);
    }

    /** {@code check_sync} of one sg segment, with the nents the sync call passed. */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site,
            int sgCallEnts) {
        DebugEntry entry = null;
        for (DebugEntry e : entries) {
            if (e.device() == dev && e.contains(addr, 1)) {
                entry = e;
                break;
            }
        }
        String call = toCpu ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device";
        if (entry == null) {
            report(ReportCode.DMA_SYNC_NOT_ALLOCATED, dev, "device driver tries to sync DMA memory it has not "
                    + "allocated [device address=" + hex16(addr) + "] [size=" + size + " bytes]", site,
                    "sync only between dma_map_*() and dma_unmap_*() of that address");
            return null;
        }
        String at = "[device address=" + hex16(addr) + "] ";
        if (sgCallEnts != 0 && entry.type().equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver syncs DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [sync count=" + sgCallEnts + "]", site,
                    "pass the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        long end = addr - entry.devAddr() + size;
        if (end > entry.size()) {
            report(ReportCode.DMA_SYNC_OUT_OF_RANGE, dev, "device driver syncs DMA memory outside allocated range "
                    + at + "[allocation size=" + entry.size() + " bytes] [sync offset+size=" + end + "]", site,
                    "sync at most the mapped " + Units.size(entry.size()));
        }
        if (entry.direction() == Direction.DMA_BIDIRECTIONAL) {
            return entry;
        }
        String with = "[size=" + size + " bytes] [mapped with " + entry.direction() + "] [synced with " + dir + "]";
        if (entry.direction() != dir) {
            report(ReportCode.DMA_SYNC_DIR_MISMATCH, dev,
                    "device driver syncs DMA memory with different direction " + at + with, site,
                    "call " + call + " with the mapped direction, " + entry.direction());
        }
        if (toCpu && entry.direction() != Direction.DMA_FROM_DEVICE && dir != Direction.DMA_TO_DEVICE) {
            report(ReportCode.DMA_SYNC_READONLY_FOR_CPU, dev,
                    "device driver syncs device read-only DMA memory for cpu " + at + with, site,
                    "call " + call + " with " + entry.direction());
        }
        if (!toCpu && entry.direction() != Direction.DMA_TO_DEVICE && dir != Direction.DMA_FROM_DEVICE) {
            report(ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE, dev,
                    "device driver syncs device write-only DMA memory to device " + at + with, site,
                    "call " + call + " with " + entry.direction());
        }
        return entry;
    }

    /** The driver is released: one DMA_LEAK per device with entries left. */
    public void finish(Site site) {
        List<Device> seen = new ArrayList<>();
        for (DebugEntry e : entries) {
            if (seen.contains(e.device())) {
                continue;
            }
            seen.add(e.device());
            long count = entries.stream().filter(x -> x.device() == e.device()).count();
            report(ReportCode.DMA_LEAK, e.device(), "device driver has pending DMA allocations while released from "
                    + "device [count=" + count + "]\nOne of leaked entries details: [device address="
                    + hex16(e.devAddr()) + "] [size=" + e.size() + " bytes] [mapped with " + e.direction()
                    + "] [mapped as " + e.type() + "]", site,
                    "unmap or free every DMA mapping and allocation of " + e.device() + " before the driver is released");
        }
    }

    private DebugEntry find(Device dev, long addr, long size, Direction dir, String type) {
        DebugEntry first = null;
        for (DebugEntry e : entries) {
            if (e.device() == dev && e.devAddr() == addr) {
                if (e.size() == size && e.direction() == dir && e.type().equals(type)) {
                    return e;
                }
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    private void report(ReportCode code, Device dev, String text, Site site, String help) {
        log.add(code, "DMA-API: " + dev + ": " + text, site, help, List.of());
    }
}
