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
 * of the whole synced range at sync ({@code check_sync}), both with debug.c's best fit. Messages
 * carry dma-debug's {@code DMA-API: <dev>: } prefix; every error counts in {@code error_count} and
 * only the first is printed ({@code show_num_errors = 1}): the others carry a note saying so.
 * Entries are indexed per device by address and keep their insertion order in a sequence
 * number: every lookup is a few tree steps, not a scan, so a million live mappings stay cheap.
 */
public final class DmaDebug {
    /** debug.c HASH_FN_SHIFT and HASH_SIZE: the hash bucket of an entry is bits 13..26 of its address. */
    private static final int HASH_FN_SHIFT = 13;
    private static final long HASH_SIZE = 16384;

    private final Map<Device, EntryIndex> byDevice = new HashMap<>();
    /** Live entries per cache line, of the kinds the EEXIST check counts. */
    private final Map<Long, int[]> trackedLines = new HashMap<>();
    private int nextSeq;
    private int size;
    private int errorCount;
    private final ReportLog log;
    private final int cacheLine;
    private final boolean trackCachelines;

    /**
     * @param trackCachelines whether EEXIST can be reported: {@code dma_get_cache_alignment() >=
     *     L1_CACHE_BYTES} (false on x86) and no kmalloc bouncing with swiotlb active
     */
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

    /** {@code error_count}: every dma-debug error so far, printed or not. */
    public int errorCount() {
        return errorCount;
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

    /**
     * {@code check_unmap}, the call's text made only for a report, with the sg entry count. The
     * entry is found by {@code bucket_find_exact}: of the entries at (dev, addr) the perfect fit
     * (size, type, direction, sg_call_ents), else the only one; several without a perfect fit
     * find nothing ("has not allocated").
     */
    public DebugEntry checkUnmap(Device dev, long addr, long size, Direction dir, String type, Site site,
            Supplier<String> unmapCall, int sgCallEnts) {
        EntryIndex index = byDevice.get(dev);
        DebugEntry entry = index == null ? null : bestFit(index.at(addr), size, type, dir, sgCallEnts);
        if (entry == null) {
            if (addr == Kernel.DMA_MAPPING_ERROR) {
                report(ReportCode.DMA_FREE_INVALID_ADDR, dev,
                        "device driver tries to free an invalid DMA memory address", site,
                        "check dma_mapping_error(" + dev + ", addr) after mapping and never unmap a failed map");
            } else {
                boolean ambiguous = index != null && index.at(addr).size() > 1;
                report(ReportCode.DMA_FREE_NOT_ALLOCATED, dev,
                        "device driver tries to free DMA memory it has not allocated [device address=" + hex16(addr)
                                + "] [size=" + Long.toUnsignedString(size) + " bytes]", site,
                        ambiguous ? "several mappings share device address " + Units.hex(addr) + " and none matches "
                                + "this call's size, type and direction exactly: dma-debug's best fit finds none; "
                                + "unmap each with its own size and direction"
                                : "pass " + unmapCall.get() + " the address the map call returned, once");
            }
            return null;
        }
        if (entry.size() != size) {
            report(ReportCode.DMA_UNMAP_SIZE_MISMATCH, dev, "device driver frees DMA memory with different size "
                    + at(addr) + "[map size=" + entry.size() + " bytes] [unmap size=" + Long.toUnsignedString(size)
                    + " bytes]", site,
                    "call " + unmapCall.get() + " with the mapped size, " + Units.size(entry.size()));
        }
        if (!entry.type().equals(type)) {
            report(ReportCode.DMA_UNMAP_TYPE_MISMATCH, dev, "device driver frees DMA memory with wrong function "
                    + at(addr) + "[size=" + Long.toUnsignedString(size) + " bytes] [mapped as " + entry.type() + "] [unmapped as "
                    + type + "]", site, "release " + entry.type() + " memory with the function that matches its map");
        }
        if (sgCallEnts != 0 && type.equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver frees DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [unmap count=" + sgCallEnts + "]", site,
                    "pass " + unmapCall.get() + " the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        if (entry.direction() != dir) {
            report(ReportCode.DMA_UNMAP_DIR_MISMATCH, dev, "device driver frees DMA memory with different direction "
                    + at(addr) + "[size=" + Long.toUnsignedString(size) + " bytes] [mapped with " + entry.direction()
                    + "] [unmapped with " + dir + "]", site,
                    "call " + unmapCall.get() + " with the mapped direction, " + entry.direction());
        }
        if (!entry.mapErrorChecked()) {
            report(ReportCode.DMA_MAP_ERROR_UNCHECKED, dev, "device driver failed to check map error"
                    + at(addr).trim() + " [size=" + Long.toUnsignedString(size) + " bytes] [mapped as " + entry.type() + "]", site,
                    "call dma_mapping_error(" + dev + ", addr) right after the map call");
        }
        remove(entry);
        return entry;
    }

    /** check_unmap's CPU address check of a coherent or noncoherent free (debug.c, since 6.2 both types). */
    public void cpuAddressMismatch(Device dev, DebugEntry entry, long size, long cpuPhys, Site site) {
        report(ReportCode.DMA_FREE_CPU_ADDR_MISMATCH, dev, "device driver frees DMA memory with different CPU address "
                + "[device address=" + hex16(entry.devAddr()) + "] [size=" + Long.toUnsignedString(size) + " bytes] [cpu alloc address="
                + Units.hex(entry.paddr()) + "] [cpu free address=" + Units.hex(cpuPhys) + "]", site,
                "free with the cpu_addr the allocation returned");
    }

    /**
     * {@code get_nr_mapped_entries}: the {@code sg_mapped_ents} of the entry an sg unmap or sync
     * finds for its first element, or 0 when it finds none (then a sync checks nothing at all).
     */
    public int mappedEnts(Device dev, long addr, long size, Direction dir, int sgCallEnts) {
        EntryIndex index = byDevice.get(dev);
        DebugEntry e = index == null ? null : bestFit(index.at(addr), size, "scatter-gather", dir, sgCallEnts);
        return e == null ? 0 : e.sgMappedEnts();
    }

    /** {@code check_sync} of a single sync ({@code debug_dma_sync_single_for_*}: ref type {@code single}). */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site) {
        return checkSync(dev, addr, size, dir, toCpu, site, "single", 0);
    }

    /** {@code check_sync} of one sg segment, with the nents the sync call passed. */
    public DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site,
            int sgCallEnts) {
        return checkSync(dev, addr, size, dir, toCpu, site, "scatter-gather", sgCallEnts);
    }

    /**
     * {@code check_sync}: the entry must hold the whole synced range ({@code containing_match});
     * {@code bucket_find_contain} walks the hash buckets down from the address and takes, per
     * bucket, the perfect fit or the only match; several matches without a perfect fit (a single
     * sync's ref has type {@code single}, so it never fits a {@code phy} entry perfectly) make it
     * go on to the next bucket. Nothing found: "has not allocated" and nothing more.
     */
    private DebugEntry checkSync(Device dev, long addr, long size, Direction dir, boolean toCpu, Site site,
            String type, int sgCallEnts) {
        EntryIndex index = byDevice.get(dev);
        DebugEntry entry = index == null ? null : index.containing(addr, size, type, dir, sgCallEnts);
        String call = toCpu ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device";
        if (entry == null) {
            DebugEntry holder = index == null ? null : index.holding(addr);
            report(ReportCode.DMA_SYNC_NOT_ALLOCATED, dev, "device driver tries to sync DMA memory it has not "
                    + "allocated [device address=" + hex16(addr) + "] [size=" + Long.toUnsignedString(size) + " bytes]", site,
                    holder == null ? "sync only between dma_map_*() and dma_unmap_*() of that address"
                            : "the synced range must lie inside one mapping: [" + Units.hex(addr) + ", +"
                                    + (size < 0 ? Long.toUnsignedString(size) + "B" : Units.size(size))
                                    + ") is not inside the " + Units.size(holder.size())
                                    + " mapped at " + Units.hex(holder.devAddr()));
            return null;
        }
        // kernel/dma/debug.c check_sync(): ref->size against the entry's size, both size_t
        if (Long.compareUnsigned(size, entry.size()) > 0) {
            report(ReportCode.DMA_SYNC_OUT_OF_RANGE, dev, "device driver syncs DMA memory outside allocated range "
                    + at(entry.devAddr()) + "[allocation size=" + entry.size() + " bytes] [sync offset+size="
                    + Long.toUnsignedString(size) + "]", site, "sync at most the mapped " + Units.size(entry.size()));
        }
        if (entry.direction() == Direction.DMA_BIDIRECTIONAL) {
            return entry;
        }
        if (entry.direction() != dir) {
            report(ReportCode.DMA_SYNC_DIR_MISMATCH, dev,
                    "device driver syncs DMA memory with different direction " + at(addr) + with(entry, dir), site,
                    "call " + call + " with the mapped direction, " + entry.direction());
        }
        if (toCpu && entry.direction() != Direction.DMA_FROM_DEVICE && dir != Direction.DMA_TO_DEVICE) {
            report(ReportCode.DMA_SYNC_READONLY_FOR_CPU, dev,
                    "device driver syncs device read-only DMA memory for cpu " + at(addr) + with(entry, dir), site,
                    "call " + call + " with " + entry.direction());
        }
        if (!toCpu && entry.direction() != Direction.DMA_TO_DEVICE && dir != Direction.DMA_FROM_DEVICE) {
            report(ReportCode.DMA_SYNC_WRITEONLY_TO_DEVICE, dev,
                    "device driver syncs device write-only DMA memory to device " + at(addr) + with(entry, dir), site,
                    "call " + call + " with " + entry.direction());
        }
        if (sgCallEnts != 0 && type.equals("scatter-gather") && entry.sgCallEnts() != sgCallEnts) {
            report(ReportCode.DMA_SG_COUNT_MISMATCH, dev, "device driver syncs DMA sg list with different entry count "
                    + "[map count=" + entry.sgCallEnts() + "] [sync count=" + sgCallEnts + "]", site,
                    "pass the nents given to dma_map_sg (sgt.orig_nents), not the count it returned");
        }
        return entry;
    }

    /**
     * {@code check_sg_segment}: an sg entry longer than {@code dma_get_max_seg_size()}, or a DMA
     * segment that crosses a {@code dma_get_seg_boundary()} boundary.
     */
    public void checkSgSegment(Device dev, long length, long dma, long dmaLength, Site site) {
        long maxSeg = dev.config().parms().maxSegmentSize();
        if (Long.compareUnsigned(length, maxSeg) > 0) {
            report(ReportCode.DMA_SG_SEGMENT_TOO_LONG, dev, "mapping sg segment longer than device claims to support "
                    + "[len=" + length + "] [max=" + maxSeg + "]", site,
                    "build the sg table with entries of at most " + Units.size(maxSeg)
                            + " (sg_alloc_table_from_pages_segment), or raise the device's max_segment_size "
                            + "(dma_set_max_seg_size) if the hardware takes longer segments");
        }
        long boundary = dev.config().parms().segmentBoundary();
        long end = dma + dmaLength - 1;
        if (((dma ^ end) & ~boundary) != 0) {
            report(ReportCode.DMA_SG_SEGMENT_BOUNDARY, dev, "mapping sg segment across boundary [start="
                    + hex16(dma) + "] [end=" + hex16(end) + "] [boundary=" + hex16(boundary) + "]", site,
                    "split sg entries at " + Units.size(boundary + 1) + " boundaries (dma_set_seg_boundary)");
        }
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

    /**
     * {@code err_printk}: counts the error; only the first one is printed ({@code show_num_errors}
     * starts at 1), the rest carry a note. The report is always kept.
     */
    public void report(ReportCode code, Device dev, String text, Site site, String help) {
        errorCount++;
        List<String> notes = errorCount == 1 ? List.of() : List.of("not in the kernel log: dma-debug prints only "
                + "its first error (debugfs dma-api/num_errors = 1); this one is error " + errorCount
                + " in dma-api/error_count (set dma-api/all_errors to see every one)");
        log.add(new Report(code, code.defaultSeverity(), "DMA-API: " + dev + ": " + text, site, help, List.of(),
                notes));
    }

    /**
     * {@code __hash_bucket_find}: among {@code candidates} (one bucket's matches, oldest first)
     * the first perfect fit; else the best one if it is the only match; else null.
     */
    private static DebugEntry bestFit(List<DebugEntry> candidates, long size, String type, Direction dir,
            int sgCallEnts) {
        DebugEntry best = null;
        int bestLevel = -1;
        for (DebugEntry e : candidates) {
            int level = (e.size() == size ? 1 : 0) + (e.type().equals(type) ? 1 : 0)
                    + (e.direction() == dir ? 1 : 0) + (e.sgCallEnts() == sgCallEnts ? 1 : 0);
            if (level == 4) {
                return e;
            }
            if (level > bestLevel) {
                bestLevel = level;
                best = e;
            }
        }
        return candidates.size() == 1 ? best : null;
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

        /**
         * {@code bucket_find_contain}: the entries holding all of {@code [addr, addr+length)}
         * ({@code containing_match}, in u64 arithmetic as debug.c has it), grouped by hash bucket
         * and walked from the address's bucket down; per bucket {@link #bestFit}.
         */
        DebugEntry containing(long addr, long length, String type, Direction dir, int sgCallEnts) {
            boolean wraps = Long.compareUnsigned(addr + length, addr) < 0;
            long bucket = addr >>> HASH_FN_SHIFT;
            DebugEntry only = null;
            List<long[]> found = null;
            List<DebugEntry> entries = null;
            for (var it = (wraps ? byAddr.entrySet() : byAddr.headMap(addr, true).descendingMap().entrySet())
                    .iterator(); it.hasNext(); ) {
                var kv = it.next();
                long start = kv.getKey();
                if (!wraps && Long.compareUnsigned(addr - start, maxSize) >= 0) {
                    break;
                }
                for (DebugEntry e : atValue(kv.getValue())) {
                    if (Long.compareUnsigned(e.devAddr(), addr) <= 0
                            && Long.compareUnsigned(e.devAddr() + e.size(), addr + length) >= 0) {
                        if (only == null && found == null) {
                            only = e;
                            continue;
                        }
                        if (found == null) {
                            found = new ArrayList<>();
                            entries = new ArrayList<>();
                            found.add(new long[] {distance(bucket, only), only.seq, 0});
                            entries.add(only);
                        }
                        found.add(new long[] {distance(bucket, e), e.seq, entries.size()});
                        entries.add(e);
                    }
                }
            }
            if (found == null) {
                // one holder: bestFit of a bucket with a single match takes it whatever its fit
                return only;
            }
            found.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            for (int i = 0; i < found.size(); ) {
                int j = i;
                List<DebugEntry> inBucket = new ArrayList<>();
                while (j < found.size() && found.get(j)[0] == found.get(i)[0]) {
                    inBucket.add(entries.get((int) found.get(j)[2]));
                    j++;
                }
                DebugEntry e = bestFit(inBucket, length, type, dir, sgCallEnts);
                if (e != null) {
                    return e;
                }
                i = j;
            }
            return null;
        }

        /** How many buckets below {@code bucket} (the ref's) the entry's bucket is, modulo the table. */
        private static long distance(long bucket, DebugEntry e) {
            return Math.floorMod(bucket - (e.devAddr() >>> HASH_FN_SHIFT), HASH_SIZE);
        }

        /** The oldest entry holding the byte {@code addr}, or null (for the help text only). */
        DebugEntry holding(long addr) {
            DebugEntry best = null;
            for (var kv : byAddr.headMap(addr, true).descendingMap().entrySet()) {
                if (Long.compareUnsigned(addr - kv.getKey(), maxSize) >= 0) {
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

    /** debug.c prints the entry's size, not the sync's, in the direction checks. */
    private static String with(DebugEntry entry, Direction dir) {
        return "[size=" + entry.size() + " bytes] [mapped with " + entry.direction() + "] [synced with " + dir + "]";
    }
}
