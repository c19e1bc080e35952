package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.memory.MemoryBudget;

/**
 * The sun4u IOMMU's streaming buffer (STC, arch/sparc/kernel/iommu.c): a device's writes through
 * a streaming mapping (IOPTE_STBUF) are held in the IOMMU until {@code strbuf_flush()}, which
 * {@code dma_4u_sync_single_for_cpu}, {@code dma_4u_sync_sg_for_cpu} and {@code dma_4u_unmap_*}
 * do for the pages they cover. The device itself sees what it wrote; memory, and so the CPU, does
 * not until the flush. Held bytes are kept per mapping by offset, and charged to the memory budget
 * while held.
 */
public final class StreamingCache {
    /** A held run's record, array header and tree entry, besides its bytes. */
    private static final long RUN_COST = 96;
    /** Bytes {@code [start, start + data.length)} of a mapping, with the write that left them. */
    public record Held(long start, byte[] data, String witness) {
        long end() {
            return start + data.length;
        }
    }

    private final Map<StreamingMapping, TreeMap<Long, Held>> held = new IdentityHashMap<>();
    private final MemoryBudget budget;
    private final Pulse pulse;

    public StreamingCache(MemoryBudget budget, Pulse pulse) {
        this.budget = budget;
        this.pulse = pulse;
    }

    /**
     * Held runs are at most this long: a device write of many MiB is held as several runs, so no
     * array is large enough to waste the rest of a heap region (G1's humongous objects).
     */
    private static final int RUN = 256 << 10;

    /** The bytes a {@link #hold} of {@code length} bytes may add, at most (its runs and a split one's second part). */
    public static long holdNeeds(long length) {
        return length + (length / RUN + 2) * RUN_COST;
    }

    /**
     * The device writes {@code pattern} (repeated from {@code patternStart}) over {@code [off, off+length)}.
     * The caller has checked {@link #holdNeeds} against the budget.
     */
    public void hold(StreamingMapping s, long off, long length, byte[] pattern, long patternStart, String witness) {
        TreeMap<Long, Held> runs = held.computeIfAbsent(s, k -> new TreeMap<>());
        cut(runs, off, off + length);
        for (long at = 0; at < length; at += RUN) {
            byte[] data = new byte[(int) Math.min(RUN, length - at)];
            fill(data, pattern, patternStart + at);
            put(runs, new Held(off + at, data, witness));
        }
    }

    /** {@code pattern} repeated from {@code start}: one period, then doubling copies, a beat per 4 KiB. */
    private void fill(byte[] data, byte[] pattern, long start) {
        int period = Math.min(data.length, pattern.length);
        for (int i = 0; i < period; i++) {
            data[i] = pattern[(int) ((start + i) % pattern.length)];
        }
        int chunk = Math.max(period, 4096 / period * period);
        for (int have = period; have < data.length; ) {
            int n = Math.min(Math.min(have, chunk), data.length - have); // have and chunk are whole periods
            System.arraycopy(data, 0, data, have, n);
            have += n;
            pulse.beat();
        }
    }

    private void put(TreeMap<Long, Held> runs, Held h) {
        runs.put(h.start(), h);
        budget.charge(h.data().length + RUN_COST);
    }

    private void remove(TreeMap<Long, Held> runs, Held h) {
        runs.remove(h.start());
        budget.release(h.data().length + RUN_COST);
    }

    /** Whether anything of {@code s} is held. */
    public boolean holds(StreamingMapping s) {
        TreeMap<Long, Held> runs = held.get(s);
        return runs != null && !runs.isEmpty();
    }

    /** The held runs overlapping {@code [off, off+length)}, clipped to it, in order. */
    public List<Held> within(StreamingMapping s, long off, long length) {
        List<Held> out = new ArrayList<>();
        TreeMap<Long, Held> runs = held.get(s);
        if (runs == null) {
            return out;
        }
        Long from = runs.floorKey(off);
        for (Held h : runs.tailMap(from == null ? off : from, true).values()) {
            if (h.start() >= off + length) {
                break;
            }
            if (h.end() <= off) {
                continue;
            }
            long a = Math.max(off, h.start());
            long b = Math.min(off + length, h.end());
            byte[] part = java.util.Arrays.copyOfRange(h.data(), (int) (a - h.start()), (int) (b - h.start()));
            out.add(new Held(a, part, h.witness()));
        }
        return out;
    }

    /** {@code strbuf_flush} of {@code [off, off+length)}: the held runs there, removed, for the caller to write out. */
    public List<Held> flush(StreamingMapping s, long off, long length) {
        List<Held> out = within(s, off, length);
        TreeMap<Long, Held> runs = held.get(s);
        if (runs != null) {
            cut(runs, off, off + length);
            if (runs.isEmpty()) {
                held.remove(s);
            }
        }
        return out;
    }

    /** Removes {@code [from, to)} from {@code runs}, keeping the parts of runs outside it. */
    private void cut(TreeMap<Long, Held> runs, long from, long to) {
        Long first = runs.floorKey(from);
        for (Held h : new ArrayList<>(runs.tailMap(first == null ? from : first, true).values())) {
            if (h.start() >= to) {
                break;
            }
            if (h.end() <= from) {
                continue;
            }
            remove(runs, h);
            if (h.start() < from) {
                put(runs, new Held(h.start(), java.util.Arrays.copyOf(h.data(), (int) (from - h.start())), h.witness()));
            }
            if (h.end() > to) {
                put(runs, new Held(to, java.util.Arrays.copyOfRange(h.data(), (int) (to - h.start()),
                        h.data().length), h.witness()));
            }
        }
    }
}
