package org.dmasim.engine.check;

import static org.dmasim.engine.Units.hex16;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;

/**
 * The checks of kernel/dma/debug.c with its texts: entries are added
 * at map/alloc, matched by (dev, dev_addr) at unmap/free ({@code check_unmap}) and by containment
 * at sync ({@code check_sync}). Messages carry dma-debug's {@code DMA-API: <dev>: } prefix.
 * Entries are indexed per device by address (like debug.c's hash buckets) and keep their
 * insertion order in a sequence number: every lookup is a few tree steps, not a scan, so a
 * million live mappings stay cheap.
 */
public final class DmaDebug {
    private final Map<Device, EntryIndex> byDevice = new HashMap<>();
    /** Live entries per cache line, of the kinds the EEXIST check counts. */
    private final Map<Long, int[]> trackedLines = new HashMap<>();
    private long nextSeq;
    private int size;
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
            if (trackedLines.containsKey(entry.paddr() / cacheLine)) {
                report(ReportCode.DMA_OVERLAP, entry.device(),
                        "cacheline tracking EEXIST, overlapping mappings aren't supported", site,
                        "do not map one cache line twice for the device to write; align buffers to "
                                + "dma_get_cache_alignment() (" + cacheLine + " bytes)");
            }
        }
        entry.seq = nextSeq++;
        byDevice.computeIfAbsent(entry.device(), d -> new EntryIndex()).add(entry);
        size++;
        if (tracked(entry)) {
            trackedLines.computeIfAbsent(entry.paddr() / cacheLine, l -> new int[1])[0]++;
        }
    }

    /** The live entries, oldest first. */
    public List<DebugEntry> entries() {
        List<DebugEntry> out = new ArrayList<>(size);
        for (EntryIndex index : byDevice.values()) {
            index.addTo(out);
        }
        out.sort(Comparator.comparingLong(e -> e.seq));
        return out;
    }

    /** {@code debug_dma_mapping_error}: marks the first unchecked entry with that address. */
    public void mappingError(Device dev, long addr) {
        EntryIndex index = byDevice.get(dev);
        if (index == null) {
            return;
        }
        for (DebugEntry e : index.at(addr)) {
            if (!e.mapErrorChecked()) {
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
        return checkUnmap(dev, addr, size, dir, type, site, () -> unmapCall, 0);
    }

    /** {@code check_unmap} with the sg entry count the unmap call passed ({@code sg_call_ents}). */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            String unmapCall, int sgCallEnts) {
        return checkUnmap(dev, addr, size, dir, type, site, () -> unmapCall, sgCallEnts);
    }

    /** {@link #checkUnmap(Device, long, long, Direction, String, Site, String)}, the call's text made only for a report. */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            Supplier<String> unmapCall) {
        return checkUnmap(dev, addr, size, dir, type, site, unmapCall, 0);
    }

    /** {@code check_unmap}, the call's text made only for a report, with the sg entry count. */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            Supplier<String> unmapCall, int sgCallEnts) {
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
                        "pass " + unmapCall.get() + " the address the map call returned, once");
            }
            return null;
        }
        if (entry.size() != size) {
            report(ReportCode.DMA_UNMAP_SIZE_MISMATCH, dev, "device driver frees DMA memory with different size "
                    + at(addr) + "[map size=" + entry.size() + " bytes] [unmap size=" + size + " bytes]", site,
                    "call " + unmapCall.get() + " with the mapped size, " + Units.size(entry.size()));
        }
        if (!entry.type().equals(type)) {
            report(ReportCode.DMA_UNMAP_TYPE_MISMATCH, dev, "device driver frees DMA memory with wrong function "
                    + at(addr) + "[size=" + entry.size() + " bytes] [mapped as " + entry.type() + "] [unmapped as "
                    + type + "]", site, "release " + entry.type() + " memory with the function that matches its map");
        }
        if (sgCallEnts != 0 && type.equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver frees DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [unmap count=" + sgCallEnts + "]", site,
                    "pass " + unmapCall.get() + " the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        if (entry.direction() != dir) {
            report(ReportCode.DMA_UNMAP_DIR_MISMATCH, dev, "device driver frees DMA memory with different direction "
                    + at(addr) + "[size=" + entry.size() + " bytes] [mapped with " + entry.direction()
                    + "] [unmapped with " + dir + "]", site,
                    "call " + unmapCall.get() + " with the mapped direction, " + entry.direction());
        }
        if (!entry.mapErrorChecked()) {
            report(ReportCode.DMA_MAP_ERROR_UNCHECKED, dev, "device driver failed to check map error"
                    + at(addr).trim() + " [size=" + entry.size() + " bytes] [mapped as " + entry.type() + "]", site,
                    "call dma_mapping_error(" + dev + ", addr) right after the map call");
        }
        remove(entry);
        return entry;
    }

    /** {@code check_sync}: returns the entry containing the address, or null. */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site) {
        return checkSync(dev, addr, size, dir, toCpu, site, 0);
    }

    /** {@code check_sync} of one sg segment, with the nents the sync call passed. */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site,
            int sgCallEnts) {
        EntryIndex index = byDevice.get(dev);
        DebugEntry entry = index == null ? null : index.containing(addr);
        String call = toCpu ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device";
        if (entry == null) {
            report(ReportCode.DMA_SYNC_NOT_ALLOCATED, dev, "device driver tries to sync DMA memory it has not "
                    + "allocated [device address=" + hex16(addr) + "] [size=" + size + " bytes]", site,
                    "sync only between dma_map_*() and dma_unmap_*() of that address");
            return null;
        }
        if (sgCallEnts != 0 && entry.type().equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver syncs DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [sync count=" + sgCallEnts + "]", site,
                    "pass the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        long end = addr - entry.devAddr() + size;
        if (end > entry.size()) {
            report(ReportCode.DMA_SYNC_OUT_OF_RANGE, dev, "device driver syncs DMA memory outside allocated range "
                    + at(addr) + "[allocation size=" + entry.size() + " bytes] [sync offset+size=" + end + "]", site,
                    "sync at most the mapped " + Units.size(entry.size()));
        }
        if (entry.direction() == Direction.DMA_BIDIRECTIONAL) {
            return entry;
        }
        if (entry.direction() != dir) {
            report(ReportCode.DMA_SYNC_DIR_MISMATCH, dev,
                    "device driver syncs DMA memory with different direction " + at(addr) + with(size, entry, dir), site,
                    "call " + call + " with the mapped direction, " + entry.direction());
        }
        if (toCpu && entry.direction() != Direction.DMA_FROM_DEVICE && dir != Direction.DMA_TO_DEVICE) {
            report(ReportCode.DMA_SYNC_READONLY_FOR_CPU, dev,
                    "device driver syncs device read-only DMA memory for cpu " + at(addr) + with(size, entry, dir), site,
                    "call " + call + " with " + entry.direction());
        }
        if (!toCpu && entry.direction() != Direction.DMA_TO_DEVICE && dir != Direction.DMA_FROM_DEVICE) {
            report(ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE, dev,
                    "device driver syncs device write-only DMA memory to device " + at(addr) + with(size, entry, dir), site,
                    "call " + call + " with " + entry.direction());
        }
        return entry;
    }

    /** The driver is released: one DMA_LEAK per device with entries left. */
    public void finish(Site site) {
        List<DebugEntry> entries = entries();
        List<Device> seen = new ArrayList<>();
        for (DebugEntry e : entries) {
            if (seen.contains(e.device())) {
                continue;
            }
            seen.add(e.device());
            long count = byDevice.get(e.device()).size();
            report(ReportCode.DMA_LEAK, e.device(), "device driver has pending DMA allocations while released from "
                    + "device [count=" + count + "]\nOne of leaked entries details: [device address="
                    + hex16(e.devAddr()) + "] [size=" + e.size() + " bytes] [mapped with " + e.direction()
                    + "] [mapped as " + e.type() + "]", site,
                    "unmap or free every DMA mapping and allocation of " + e.device() + " before the driver is released");
        }
    }

    private DebugEntry find(Device dev, long addr, long size, Direction dir, String type) {
        EntryIndex index = byDevice.get(dev);
        if (index == null) {
            return null;
        }
        DebugEntry first = null;
        for (DebugEntry e : index.at(addr)) {
            if (e.size() == size && e.direction() == dir && e.type().equals(type)) {
                return e;
            }
            if (first == null) {
                first = e;
            }
        }
        return first;
    }

    private boolean tracked(DebugEntry e) {
        return trackCachelines && e.direction() != Direction.DMA_TO_DEVICE && !e.skipCpuSync()
                && !e.type().equals("coherent");
    }

    private void remove(DebugEntry entry) {
        EntryIndex index = byDevice.get(entry.device());
        index.remove(entry);
        if (index.size() == 0) {
            byDevice.remove(entry.device());
        }
        size--;
        if (tracked(entry)) {
            long line = entry.paddr() / cacheLine;
            if (--trackedLines.get(line)[0] == 0) {
                trackedLines.remove(line);
            }
        }
    }

    /**
     * One device's entries by device address (unsigned order); one address may hold several
     * entries (a driver mapping the same address twice), kept oldest first.
     */
    private static final class EntryIndex {
        private final TreeMap<Long, Object> byAddr = new TreeMap<>(Long::compareUnsigned);
        /** The largest size ever added: no entry starting lower than {@code addr - maxSize} can contain addr. */
        private long maxSize;
        private int size;

        int size() {
            return size;
        }

        void add(DebugEntry e) {
            maxSize = Math.max(maxSize, e.size());
            size++;
            Object old = byAddr.putIfAbsent(e.devAddr(), e);
            if (old instanceof DebugEntry one) {
                List<DebugEntry> list = new ArrayList<>(2);
                list.add(one);
                list.add(e);
                byAddr.put(e.devAddr(), list);
            } else if (old != null) {
                @SuppressWarnings("unchecked")
                List<DebugEntry> list = (List<DebugEntry>) old;
                list.add(e);
            }
        }

        void remove(DebugEntry e) {
            Object at = byAddr.get(e.devAddr());
            if (at == e) {
                byAddr.remove(e.devAddr());
                size--;
            } else if (at instanceof List<?> list && list.remove(e)) {
                size--;
                if (list.size() == 1) {
                    byAddr.put(e.devAddr(), list.get(0));
                }
            }
        }

        /** The entries at exactly {@code addr}, oldest first. */
        @SuppressWarnings("unchecked")
        List<DebugEntry> at(long addr) {
            Object at = byAddr.get(addr);
            return at == null ? List.of() : at instanceof DebugEntry e ? List.of(e) : (List<DebugEntry>) at;
        }

        /** The oldest entry containing {@code addr}, or null. */
        DebugEntry containing(long addr) {
            DebugEntry best = null;
            if (addr == -1L) {
                // contains(-1, 1) wraps (addr + 1 == 0): every entry contains it; the oldest wins
                for (Object v : byAddr.values()) {
                    for (DebugEntry e : atValue(v)) {
                        if (e.contains(addr, 1) && (best == null || e.seq < best.seq)) {
                            best = e;
                        }
                    }
                }
                return best;
            }
            for (var it = byAddr.headMap(addr, true).descendingMap().entrySet().iterator(); it.hasNext(); ) {
                var kv = it.next();
                long start = kv.getKey();
                if (Long.compareUnsigned(addr - start, maxSize) >= 0) {
                    break;
                }
                for (DebugEntry e : atValue(kv.getValue())) {
                    if (e.contains(addr, 1) && (best == null || e.seq < best.seq)) {
                        best = e;
                    }
                }
            }
            return best;
        }

        @SuppressWarnings("unchecked")
        private static List<DebugEntry> atValue(Object v) {
            return v instanceof DebugEntry e ? List.of(e) : (List<DebugEntry>) v;
        }

        void addTo(List<DebugEntry> out) {
            for (Object v : byAddr.values()) {
                out.addAll(atValue(v));
            }
        }
    }

    private static String at(long addr) {
        return "[device address=" + hex16(addr) + "] ";
    }

    private static String with(long size, DebugEntry entry, Direction dir) {
        return "[size=" + size + " bytes] [mapped with " + entry.direction() + "] [synced with " + dir + "]";
    }

    private void report(ReportCode code, Device dev, String text, Site site, String help) {
        log.add(code, "DMA-API: " + dev + ": " + text, site, help, List.of());
    }
}
