package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.eval.SourceSite;

/**
 * Loads satisfied out of program order (docs/concurrency.md, "Ordering"), on an arch whose
 * {@code load_order} is relaxed: a CPU load of coherent memory may return any value its bytes held
 * in its window, from the later of the last barrier ordering earlier accesses before later loads
 * and the CPU's own last access to those bytes (coherence), up to the first thing that must follow
 * it: a later load or store across a barrier that orders the load before it, the CPU's next access
 * to those bytes, a condition on it, a kernel call, the end. Values from before its place in the
 * program are an early load (message passing without {@code dma_rmb()}); values from after it a
 * load satisfied after a later store was performed (load buffering).
 *
 * <p>The version history: each device write to a coherent allocation while jobs run is kept with
 * the bytes the CPU would have read before and after it. Nothing is kept while no job runs.
 */
final class LoadWindows {
    /** A device write, as the CPU's view of the allocation sees it. */
    record Version(int seq, CpuView view, long offset, long length, byte[] before, byte[] after, String writer) {
        boolean overlaps(CpuView v, long off, long len) {
            return v == view && off < offset + length && offset < off + len;
        }
    }

    /** The CPU's last access to some bytes: their window cannot reach back beyond it. */
    record Access(CpuView view, long offset, long length, int seq) {
    }

    /** A load whose window is still open at its far end. */
    static final class Open {
        final CpuView view;
        final long offset;
        final long length;
        final SourceSite site;
        final int at;
        final int rrEpoch;
        final int rwEpoch;
        final byte[] current;
        final Choice.Version choice;
        final boolean late;

        Open(CpuView view, long offset, long length, SourceSite site, int at, int rrEpoch, int rwEpoch, byte[] current,
                Choice.Version choice, boolean late) {
            this.view = view;
            this.offset = offset;
            this.length = length;
            this.site = site;
            this.at = at;
            this.rrEpoch = rrEpoch;
            this.rwEpoch = rwEpoch;
            this.current = current;
            this.choice = choice;
            this.late = late;
        }

        boolean overlaps(CpuView v, long off, long len) {
            return v == view && off < offset + length && offset < off + len;
        }
    }

    /** A value the load may return, with the time it first held it. */
    record Candidate(byte[] value, int seq, String witness) {
    }

    private final List<Version> versions = new ArrayList<>();
    private final List<Access> accesses = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();
    /** Recent loads (site, time satisfied), since the last read barrier, for witnesses. */
    private final List<Access> loads = new ArrayList<>();
    private final List<SourceSite> loadSites = new ArrayList<>();
    private int clock;
    private int barrierSeq;
    /** The latest time an earlier load was satisfied at. */
    private int latestSatisfied;
    private int rrEpoch;
    private int rwEpoch;

    int clock() {
        return clock;
    }

    int rrEpoch() {
        return rrEpoch;
    }

    int rwEpoch() {
        return rwEpoch;
    }

    void recordWrite(CpuView view, long offset, long length, byte[] before, byte[] after, String writer) {
        versions.add(new Version(++clock, view, offset, length, before, after, writer));
    }

    /** The CPU's own access to the bytes (a store performed, a load satisfied at {@code seq}). */
    void ownAccess(CpuView view, long offset, long length, int seq) {
        accesses.add(new Access(view, offset, length, seq));
    }

    /** A barrier ordering earlier loads before later loads: a later load is satisfied after every earlier one. */
    void orderLoads() {
        barrierSeq = Math.max(barrierSeq, latestSatisfied);
        rrEpoch++;
        loads.clear();
        loadSites.clear();
    }

    /** Everything before now is complete: no later load is satisfied before now. */
    void fullBarrier() {
        orderLoads();
        barrierSeq = clock;
    }

    /** Later loads are satisfied after time {@code seq} (an earlier load ordered before them was satisfied then). */
    void readAfter(int seq) {
        barrierSeq = Math.max(barrierSeq, seq);
    }

    /** A barrier ordering earlier loads before later stores. */
    void loadStoreBarrier() {
        rwEpoch++;
    }

    /** The window of a load of those bytes starts here. */
    int windowStart(CpuView view, long offset, long length) {
        int start = barrierSeq;
        for (Access a : accesses) {
            if (a.view == view && offset < a.offset + a.length && a.offset < offset + length) {
                start = Math.max(start, a.seq);
            }
        }
        return start;
    }

    /**
     * The values the bytes held from {@code start} up to now, newest first (the value now first),
     * each with the earliest time it held it; stops at a write whose bytes are not certain.
     */
    List<Candidate> earlier(CpuView view, long offset, long length, byte[] now, int start) {
        List<Candidate> out = new ArrayList<>();
        byte[] v = now.clone();
        int at = clock;
        add(out, v, at, null);
        for (int k = versions.size() - 1; k >= 0; k--) {
            Version w = versions.get(k);
            if (w.seq <= start) {
                break;
            }
            if (!w.overlaps(view, offset, length)) {
                continue;
            }
            if (w.before == null) {
                break;
            }
            v = overlay(v, offset, length, w.offset, w.before);
            add(out, v, w.seq - 1, w.writer);
        }
        return out;
    }

    /** The values the bytes took after time {@code from}, oldest first. */
    List<Candidate> later(CpuView view, long offset, long length, byte[] then, int from) {
        List<Candidate> out = new ArrayList<>();
        byte[] v = then.clone();
        for (Version w : versions) {
            if (w.seq <= from || !w.overlaps(view, offset, length)) {
                continue;
            }
            if (w.after == null) {
                break;
            }
            v = overlay(v, offset, length, w.offset, w.after);
            boolean seen = false;
            for (Candidate c : out) {
                seen |= Arrays.equals(c.value, v);
            }
            if (!seen) {
                out.add(new Candidate(v.clone(), w.seq, w.writer));
            }
        }
        return out;
    }

    private static void add(List<Candidate> out, byte[] v, int seq, String writer) {
        for (int i = 0; i < out.size(); i++) {
            if (Arrays.equals(out.get(i).value, v)) {
                // the same value held earlier: the earliest time it held it
                out.set(i, new Candidate(out.get(i).value, seq, writer != null ? writer : out.get(i).witness));
                return;
            }
        }
        out.add(new Candidate(v.clone(), seq, writer));
    }

    /** {@code v} (bytes {@code [offset, offset+length)}) with {@code bytes} (at {@code at}) laid over it. */
    private static byte[] overlay(byte[] v, long offset, long length, long at, byte[] bytes) {
        byte[] out = v.clone();
        long from = Math.max(offset, at);
        long to = Math.min(offset + length, at + bytes.length);
        for (long p = from; p < to; p++) {
            out[(int) (p - offset)] = bytes[(int) (p - at)];
        }
        return out;
    }

    void opened(Open o) {
        open.add(o);
    }

    /** The satisfied loads since the last read barrier, with when they were satisfied, for witnesses. */
    void satisfied(CpuView view, long offset, long length, int seq, SourceSite site) {
        latestSatisfied = Math.max(latestSatisfied, seq);
        loads.add(new Access(view, offset, length, seq));
        loadSites.add(site);
    }

    /** The latest earlier load (of other bytes) satisfied after {@code seq}: the one this load overtook. */
    SourceSite overtaken(CpuView view, long offset, long length, int seq) {
        for (int i = loads.size() - 1; i >= 0; i--) {
            Access a = loads.get(i);
            boolean same = a.view == view && offset < a.offset + a.length && a.offset < offset + length;
            if (!same && a.seq > seq) {
                return loadSites.get(i);
            }
        }
        return null;
    }

    /** The open loads a CPU load of those bytes closes: the same bytes, or across a read barrier. */
    List<Open> closedByLoad(CpuView view, long offset, long length) {
        return take(o -> o.overlaps(view, offset, length) || o.rrEpoch < rrEpoch);
    }

    /** The open loads a CPU store closes: the same bytes, or across a barrier ordering loads before stores. */
    List<Open> closedByStore(CpuView view, long offset, long length) {
        return take(o -> o.overlaps(view, offset, length) || o.rwEpoch < rwEpoch);
    }

    List<Open> closeAll() {
        return take(o -> true);
    }

    private List<Open> take(java.util.function.Predicate<Open> which) {
        List<Open> out = new ArrayList<>();
        open.removeIf(o -> {
            if (which.test(o)) {
                out.add(o);
                return true;
            }
            return false;
        });
        return out;
    }

    /** A certain read result of {@code value}, with the witness of how the load got it. */
    static ReadResult result(byte[] value, String witness) {
        return new ReadResult(value.length, List.of(new Segment(0, value.length,
                List.of(new Alternative(value, new Witness(witness), false)))));
    }
}
