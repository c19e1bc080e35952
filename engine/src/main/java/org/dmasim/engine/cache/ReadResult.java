package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome set of one read (docs/semantics.md, "The CPU cache"): the read's bytes split into segments, each
 * with every value it may return. Segments are independent (one cache line each, or a run of
 * certain lines), so a value is possible for the whole read iff each segment can return its part.
 */
public final class ReadResult {
    private final long length;
    private final List<Segment> segments;

    public ReadResult(long length, List<Segment> segments) {
        this.length = length;
        this.segments = List.copyOf(segments);
        long expected = 0;
        for (Segment s : this.segments) {
            if (s.offset() != expected || s.alternatives().isEmpty()) {
                throw new IllegalArgumentException("segments must tile the read, each with an alternative");
            }
            expected += s.length();
        }
        if (expected != length) {
            throw new IllegalArgumentException("segments cover " + expected + " of " + length + " bytes");
        }
    }

    /** Joins the results of reads of consecutive ranges into one. */
    public static ReadResult concat(List<ReadResult> parts) {
        List<Segment> all = new ArrayList<>();
        long offset = 0;
        for (ReadResult part : parts) {
            for (Segment s : part.segments) {
                List<Alternative> alternatives = s.alternatives();
                if (offset != 0 && alternatives.stream().anyMatch(a -> !a.witness().parts().isEmpty())) {
                    // witnesses of several byte ranges name them by their offsets in the read
                    List<Alternative> moved = new ArrayList<>(alternatives.size());
                    for (Alternative a : alternatives) {
                        moved.add(new Alternative(a.data(), a.witness().shifted(offset), a.stale()));
                    }
                    alternatives = moved;
                }
                all.add(new Segment(offset + s.offset(), s.length(), alternatives));
            }
            offset += part.length;
        }
        return new ReadResult(offset, all);
    }

    public long length() {
        return length;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Exactly one possible value. */
    public boolean isCertain() {
        return segments.stream().allMatch(s -> s.alternatives().size() == 1);
    }

    /** Some possible value differs from the shadow. */
    public boolean hasStale() {
        return segments.stream().anyMatch(s -> s.alternatives().stream().anyMatch(Alternative::stale));
    }

    /** Every possible value equals {@code pattern} repeated to the read's length. */
    public boolean always(byte[] pattern) {
        PatternTile tile = PatternTile.of(pattern);
        for (Segment s : segments) {
            for (Alternative a : s.alternatives()) {
                if (!tile.matches(a.data(), s.offset())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** At least one possible value equals {@code pattern} repeated to the read's length. */
    public boolean sometimes(byte[] pattern) {
        PatternTile tile = PatternTile.of(pattern);
        for (Segment s : segments) {
            boolean any = false;
            for (Alternative a : s.alternatives()) {
                if (tile.matches(a.data(), s.offset())) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    public boolean never(byte[] pattern) {
        return !sometimes(pattern);
    }

    /** The one possible value; only for a certain result. */
    public byte[] certainValue() {
        if (!isCertain()) {
            throw new IllegalStateException("the read has several possible values");
        }
        byte[] out = new byte[Math.toIntExact(length)];
        for (Segment s : segments) {
            System.arraycopy(s.alternatives().get(0).data(), 0, out, (int) s.offset(), s.length());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ReadResult[");
        for (Segment s : segments) {
            b.append(s.offset()).append('+').append(s.length()).append(':');
            for (Alternative a : s.alternatives()) {
                b.append(Arrays.toString(Arrays.copyOf(a.data(), Math.min(4, a.data().length))))
                        .append(a.stale() ? "(stale)" : "").append(' ');
            }
        }
        return b.append(']').toString();
    }
}
