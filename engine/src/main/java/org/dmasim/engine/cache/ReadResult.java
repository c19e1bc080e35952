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
    /**
     * The most bytes one array of a read holds: a longer read is built and kept in pieces of this
     * size at most, so building it beats the pulse between allocations (one array of a 1 GiB read
     * took seconds to allocate on a loaded machine, past any time limit). Well below half of G1's
     * smallest region (1 MiB): an array of half a region or more is humongous and takes whole
     * regions, so a chunk of exactly 1 MiB plus its header took two, twice the bytes the budget
     * charges for a read kept for the merge (found by the fuzzer's heap check).
     */
    public static final int CHUNK = 256 << 10;

    /** {@link #period} before it was looked for, and when there is none. */
    private static final byte[] UNKNOWN = new byte[0];
    private static final byte[] NONE = new byte[0];

    private final long length;
    private final List<Segment> segments;
    /** What {@link #period()} found ({@link #UNKNOWN} until asked): one look for every question. */
    private volatile byte[] period = UNKNOWN;

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

    /**
     * A certain read of {@code length} bytes that are {@code pattern} repeated from its byte
     * {@code phase} (the all-ones of a read that did not happen, a dummy page): one array of at
     * most {@link #CHUNK} bytes shared by every segment, beating {@code pulse} per segment.
     */
    public static ReadResult repeating(long length, byte[] pattern, int phase, Witness witness, boolean stale,
            org.dmasim.engine.Pulse pulse) {
        int chunk = CHUNK / pattern.length * pattern.length; // every chunk starts at the same phase
        byte[] tile = new byte[(int) Math.min(chunk, length)];
        int first = Math.min(tile.length, pattern.length);
        for (int i = 0; i < first; i++) {
            tile[i] = pattern[(phase + i) % pattern.length];
        }
        // then what is filled, a whole number of periods, is copied after itself a page or so at a time
        int block = Math.max(pattern.length, 4096 / pattern.length * pattern.length);
        for (int filled = first; filled < tile.length; ) {
            pulse.beat();
            int n = Math.min(Math.min(filled, block), tile.length - filled);
            System.arraycopy(tile, 0, tile, filled, n);
            filled += n;
        }
        List<Segment> segments = new ArrayList<>();
        for (long at = 0; at < length; at += chunk) {
            pulse.beat();
            int n = (int) Math.min(chunk, length - at);
            segments.add(new Segment(at, n, List.of(new Alternative(n == tile.length ? tile
                    : Arrays.copyOf(tile, n), witness, stale))));
        }
        return new ReadResult(length, segments);
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

    /**
     * For a certain read: the shortest of 1, 2, 4 and 8 bytes whose repetition is its value, the
     * length a multiple of it and (above 1 byte) at least twice it; null when there is none or the
     * read is uncertain. Looked for once: {@code expect dev reads m[0..4MiB] == 0x5A} and the line
     * printing that read ({@code 0x5a x4194304}) each compared the 4 MiB before.
     */
    public byte[] period() {
        byte[] p = period;
        if (p == UNKNOWN) {
            p = findPeriod();
            period = p;
        }
        return p == NONE ? null : p;
    }

    private byte[] findPeriod() {
        if (length == 0 || !isCertain()) {
            return NONE;
        }
        for (int p : new int[] {1, 2, 4, 8}) {
            if (length % p == 0 && (p == 1 || length >= 2 * p)) {
                byte[] candidate = prefix(p);
                if (always(PatternTile.of(candidate))) {
                    return candidate;
                }
            }
        }
        return NONE;
    }

    /** Every possible value equals {@code pattern} repeated to the read's length. */
    public boolean always(byte[] pattern) {
        byte[] known = pattern.length == 0 || pattern.length > 64 ? null : period();
        if (known != null) {
            // both sides repeat: they agree everywhere iff they agree over one common period
            long common = (long) known.length / gcd(known.length, pattern.length) * pattern.length;
            for (int i = 0; i < Math.min(common, length); i++) {
                if (known[i % known.length] != pattern[i % pattern.length]) {
                    return false;
                }
            }
            return true;
        }
        return always(PatternTile.of(pattern));
    }

    /** The first {@code n} bytes of a certain read, whatever its pieces. */
    private byte[] prefix(int n) {
        byte[] out = new byte[n];
        int done = 0;
        for (Segment s : segments) {
            int k = Math.min(n - done, s.length());
            System.arraycopy(s.alternatives().get(0).data(), 0, out, done, k);
            done += k;
            if (done == n) {
                break;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private boolean always(PatternTile tile) {
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
