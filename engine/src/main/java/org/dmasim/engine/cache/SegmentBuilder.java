package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.memory.SparseBytes;

/**
 * Builds a {@link ReadResult} line by line: consecutive certain pieces with the same witness and
 * staleness merge into one segment; each uncertain line is a segment of its own. Staleness is
 * judged against the shadow bytes of the whole read.
 */
final class SegmentBuilder {
    private final CacheDomain.Shadow shadow;
    /** The physical address of the read's first byte: staleness is judged against the shadow there. */
    private final long phys;
    /** The read's length. */
    private final int length;
    /** Whether the shadow sits at the read's own addresses ({@link CacheDomain.Shadow#direct}). */
    private final boolean direct;
    /** The shadow of the current chunk, when it is not {@link #direct} (bounce slots). */
    private byte[] latest;
    /**
     * The bytes of certain runs in the current chunk, at their offsets from {@link #base}: a read
     * is built a chunk at a time, so no array is larger than {@link ReadResult#CHUNK} and a long
     * read beats the pulse between its allocations (a 1 GiB array took seconds to allocate).
     */
    private byte[] certain;
    /** The offset in the read of the current chunk's first byte. */
    private int base;
    private final List<Segment> segments = new ArrayList<>();
    private int offset;
    private int runStart = -1;
    private String runWitness;
    private boolean runStale;
    private Witness lastWitness;
    private Witness prevWitness;

    SegmentBuilder(CacheDomain.Shadow shadow, long phys, int length) {
        this.shadow = shadow;
        this.phys = phys;
        this.length = length;
        this.direct = shadow.direct(phys, length);
    }

    /**
     * Makes the current chunk the one holding the read's byte {@code at}. Chunks end at physical
     * {@link ReadResult#CHUNK} boundaries, which no page and so no piece or line straddles.
     */
    private void chunkAt(int at) {
        if (certain != null && at < base + certain.length) {
            return;
        }
        flush();
        long chunk = Math.floorDiv(phys + at, ReadResult.CHUNK) * ReadResult.CHUNK;
        long start = Math.max(phys, chunk);
        long end = Math.min(phys + length, chunk + ReadResult.CHUNK);
        base = (int) (start - phys);
        certain = new byte[(int) (end - start)];
        latest = direct ? null : shadow.read(start, certain.length);
    }

    void certain(byte[] data, String witness) {
        chunkAt(offset);
        System.arraycopy(data, 0, certain, offset - base, data.length);
        appended(data.length, witness, false);
    }

    /** A certain piece whose byte ranges have witnesses of their own: a run each. */
    void certain(byte[] data, LineWitness witness) {
        if (witness.runs() == 1) {
            certain(data, witness.first());
            return;
        }
        witness.forEach(0, data.length, (from, to, text) -> {
            chunkAt(offset);
            System.arraycopy(data, from, certain, offset - base, to - from);
            appended(to - from, text, false);
        });
    }

    /** A certain run read straight from {@code from}. */
    void certain(SparseBytes from, long at, int length, String witness) {
        chunkAt(offset);
        from.read(at, certain, offset - base, length);
        appended(length, witness, latest == null && shadow.sharesPages(from, at, length));
    }

    private void appended(int length, String witness, boolean fresh) {
        boolean stale = !fresh && !latest(certain, offset - base, offset, length);
        if (runStart >= 0 && (!witness.equals(runWitness) || stale != runStale)) {
            flush();
        }
        if (runStart < 0) {
            runStart = offset;
            runWitness = witness;
            runStale = stale;
        }
        offset += length;
    }

    void uncertain(Map<LineValue, LineWitness> values) {
        byte[][] data = new byte[values.size()][];
        LineWitness[] witnesses = new LineWitness[values.size()];
        int n = 0;
        for (Map.Entry<LineValue, LineWitness> e : values.entrySet()) {
            data[n] = e.getKey().bytes;
            witnesses[n++] = e.getValue();
        }
        uncertain(data, witnesses, n);
    }

    /** An uncertain line: the first {@code n} of {@code values}, distinct and of one length, each with its witness. */
    void uncertain(byte[][] values, LineWitness[] witnesses, int n) {
        flush();
        chunkAt(offset);
        Alternative[] alternatives = new Alternative[n];
        int length = values[0].length;
        for (int i = 0; i < n; i++) {
            byte[] data = values[i];
            LineWitness w = witnesses[i];
            alternatives[i] = new Alternative(data, w.runs() == 1 ? witness(w.first())
                    : witness(w.describe(0, length, offset)), stale(data, offset));
        }
        segments.add(new Segment(offset, length, List.of(alternatives)));
        offset += length;
    }

    /**
     * An uncertain line with two distinct values (the dirty and stale clean forms): the same
     * segment as {@link #uncertain(Map)} with {@code first} then {@code second}, without a map.
     */
    void uncertain(byte[] first, LineWitness firstWitness, byte[] second, LineWitness secondWitness) {
        flush();
        chunkAt(offset);
        segments.add(new Segment(offset, first.length, List.of(
                new Alternative(first, witness(firstWitness.describe(0, first.length, offset)), stale(first, offset)),
                new Alternative(second, witness(secondWitness.describe(0, second.length, offset)),
                        stale(second, offset)))));
        offset += first.length;
    }

    /** A witness of several byte ranges as it is; a plain one shared with its neighbours ({@link #witness(String)}). */
    private Witness witness(Witness w) {
        return w.parts().isEmpty() ? witness(w.text()) : w;
    }

    /** One {@link Witness} per text in a row: neighbouring lines mostly share theirs. */
    private Witness witness(String text) {
        if (lastWitness == null || !lastWitness.text().equals(text)) {
            if (prevWitness != null && prevWitness.text().equals(text)) {
                Witness w = prevWitness;
                prevWitness = lastWitness;
                lastWitness = w;
                return w;
            }
            prevWitness = lastWitness;
            lastWitness = new Witness(text);
        }
        return lastWitness;
    }

    ReadResult build(long length) {
        flush();
        return new ReadResult(length, segments);
    }

    private void flush() {
        if (runStart >= 0) {
            byte[] data = runStart == base && offset == base + certain.length ? certain
                    : Arrays.copyOfRange(certain, runStart - base, offset - base);
            segments.add(new Segment(runStart, data.length,
                    List.of(new Alternative(data, new Witness(runWitness), runStale))));
            runStart = -1;
        }
    }

    private boolean stale(byte[] data, int at) {
        return !latest(data, 0, at, data.length);
    }

    /** Whether {@code data[from, from+length)} is the latest value of the read's bytes {@code [at, at+length)}. */
    private boolean latest(byte[] data, int from, int at, int length) {
        return latest != null ? Arrays.equals(data, from, from + length, latest, at - base, at - base + length)
                : shadow.matches(phys + at, data, from, length);
    }
}
