package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sun4u IOMMU's streaming buffer (STC, arch/sparc/kernel/iommu.c): a device's writes through
 * a streaming mapping (IOPTE_STBUF) are held in the IOMMU until {@code strbuf_flush()}, which
 * {@code dma_4u_sync_single_for_cpu}, {@code dma_4u_sync_sg_for_cpu} and {@code dma_4u_unmap_*}
 * do for the pages they cover. The device itself sees what it wrote; memory, and so the CPU, does
 * not until the flush. Held bytes are kept per mapping by offset.
 */
public final class StreamingCache {
    /** Bytes {@code [start, start + data.length)} of a mapping, with the write that left them. */
    public record Held(long start, byte[] data, String witness) {
        long end() {
            return start + data.length;
        }
    }

    private final Map<StreamingMapping, TreeMap<Long, Held>> held = new IdentityHashMap<>();

    /** The device writes {@code pattern} (repeated from {@code patternStart}) over {@code [off, off+length)}. */
    public void hold(StreamingMapping s, long off, long length, byte[] pattern, long patternStart, String witness) {
        byte[] data = new byte[Math.toIntExact(length)];
        for (int i = 0; i < data.length; i++) {
            data[i] = pattern[(int) ((patternStart + i) % pattern.length)];
        }
        TreeMap<Long, Held> runs = held.computeIfAbsent(s, k -> new TreeMap<>());
        cut(runs, off, off + length);
        runs.put(off, new Held(off, data, witness));
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
    private static void cut(TreeMap<Long, Held> runs, long from, long to) {
        Long first = runs.floorKey(from);
        for (Held h : new ArrayList<>(runs.tailMap(first == null ? from : first, true).values())) {
            if (h.start() >= to) {
                break;
            }
            if (h.end() <= from) {
                continue;
            }
            runs.remove(h.start());
            if (h.start() < from) {
                runs.put(h.start(), new Held(h.start(),
                        java.util.Arrays.copyOf(h.data(), (int) (from - h.start())), h.witness()));
            }
            if (h.end() > to) {
                runs.put(to, new Held(to, java.util.Arrays.copyOfRange(h.data(), (int) (to - h.start()),
                        h.data().length), h.witness()));
            }
        }
    }
}
