package org.dmasim.engine.cache;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the DRAM contents of deterministic lines came from, as witness text per physical range
 * (and, for the shadow, who wrote each byte's latest value). An interval map, so a 256 MiB write
 * is one entry, not one per line.
 */
public final class Origins {
    private record Run(long end, String text) {
    }

    /** The witness of bytes nothing has written. */
    public static final String INITIAL = "initial contents of memory";

    private final TreeMap<Long, Run> runs = new TreeMap<>();

    public String at(long phys) {
        Map.Entry<Long, Run> e = runs.floorEntry(phys);
        if (e == null || e.getValue().end() <= phys) {
            return INITIAL;
        }
        return e.getValue().text();
    }

    /** The end of the run of equal text that holds {@code phys} (or of the gap it is in). */
    public long runEnd(long phys) {
        Map.Entry<Long, Run> e = runs.floorEntry(phys);
        if (e != null && e.getValue().end() > phys) {
            return e.getValue().end();
        }
        Long next = runs.higherKey(phys);
        return next == null ? Long.MAX_VALUE : next;
    }

    /** The witnesses of {@code [start, start+length)}, per run, from 0. */
    LineWitness of(long start, int length) {
        long end = start + length;
        long e = Math.min(end, runEnd(start));
        LineWitness w = LineWitness.of(at(start));
        for (long p = e; p < end; p = e) {
            e = Math.min(end, runEnd(p));
            w = w.with((int) (p - start), (int) (e - start), at(p), length);
        }
        return w;
    }

    /** Sets the witnesses of {@code [start, start+length)} to {@code w}'s runs. */
    void set(long start, int length, LineWitness w) {
        w.forEach(0, length, (from, to, text) -> set(start + from, start + to, text));
    }

    /** Copies {@code other}'s witnesses over {@code [start, end)}. */
    public void copy(Origins other, long start, long end) {
        for (long p = start; p < end; ) {
            long e = Math.min(end, other.runEnd(p));
            set(p, e, other.at(p));
            p = e;
        }
    }

    public void set(long start, long end, String text) {
        if (start >= end) {
            return;
        }
        cut(start);
        cut(end);
        runs.subMap(start, true, end, false).clear();
        // merge with equal neighbours so repeated per-line updates stay one run
        Map.Entry<Long, Run> before = runs.lowerEntry(start);
        if (before != null && before.getValue().end() == start && before.getValue().text().equals(text)) {
            start = before.getKey();
            runs.remove(before.getKey());
        }
        Run after = runs.get(end);
        if (after != null && after.text().equals(text)) {
            runs.remove(end);
            end = after.end();
        }
        runs.put(start, new Run(end, text));
    }

    int size() {
        return runs.size();
    }

    private void cut(long at) {
        Map.Entry<Long, Run> e = runs.lowerEntry(at);
        if (e != null && e.getValue().end() > at) {
            runs.put(e.getKey(), new Run(at, e.getValue().text()));
            runs.put(at, new Run(e.getValue().end(), e.getValue().text()));
        }
    }
}
