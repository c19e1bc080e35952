package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.PatternTile;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;

/**
 * Words for a read's outcome set: one line per possible value of the whole read, each with its
 * witness and a {@code (stale)} mark, and a note when independent lines can also mix.
 */
public final class OutcomeText {
    /** One possible value of a read (or of one stretch of it when the lines differ too much). */
    public record Line(String range, String value, boolean stale, String witness) {
    }

    /** Segments listed one by one (when the lines' counts of values differ) before the rest is summed up. */
    static final int MAX_SEGMENT_LINES = 64;

    private OutcomeText() {
    }

    public static List<Line> lines(ReadResult r) {
        List<Segment> segs = r.segments();
        List<Segment> uncertain = segs.stream().filter(s -> s.alternatives().size() > 1).toList();
        List<Line> out = new ArrayList<>();
        if (uncertain.isEmpty()) {
            out.add(compose(segs, 0, segs, r.length() > 64 ? r.period() : null));
            return out;
        }
        int k = uncertain.get(0).alternatives().size();
        if (uncertain.stream().allMatch(s -> s.alternatives().size() == k)) {
            for (int i = 0; i < k; i++) {
                out.add(compose(segs, i, uncertain, null));
            }
            return out;
        }
        int shown = 0;
        for (Segment s : segs) {
            if (shown >= MAX_SEGMENT_LINES) {
                out.add(new Line(s.offset() + ".." + r.length(), "(" + (segs.size() - segs.indexOf(s))
                        + " more segments not shown)", false, ""));
                break;
            }
            for (Alternative a : s.alternatives()) {
                out.add(new Line(s.offset() + ".." + (s.offset() + s.length()), bytes(a.data()), a.stale(),
                        a.witness().text()));
            }
            shown++;
        }
        return out;
    }

    /** The note printed under the lines when lines can mix, or null. */
    public static String mixingNote(ReadResult r) {
        long n = r.segments().stream().filter(s -> s.alternatives().size() > 1).count();
        return n > 1 ? "each of the " + n + " uncertain cache lines may take any of its values independently" : null;
    }

    /** The possible values in a few words, for a failed expectation. */
    public static String summary(ReadResult r) {
        List<String> values = new ArrayList<>();
        for (Line l : lines(r)) {
            values.add((l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? " (stale)" : ""));
        }
        String note = mixingNote(r);
        return String.join(" or ", values) + (note == null ? "" : " (" + note + ")");
    }

    /**
     * Takes alternative {@code choice} of every uncertain segment and the only one of the others;
     * {@code period}, when the read already knows it ({@link ReadResult#period()}), names the value.
     */
    private static Line compose(List<Segment> segs, int choice, List<Segment> witnesses, byte[] period) {
        // the value is described from the segments' own arrays: no copy of the whole read
        List<byte[]> parts = new ArrayList<>(segs.size());
        boolean stale = false;
        for (Segment s : segs) {
            Alternative a = s.alternatives().get(s.alternatives().size() > 1 ? choice : 0);
            parts.add(a.data());
            stale |= a.stale();
        }
        // each chain of events with the byte ranges it produced; the ranges are named when there are several chains
        Map<String, List<long[]>> ranges = new LinkedHashMap<>();
        for (Segment s : witnesses) {
            Witness w = s.alternatives().get(s.alternatives().size() > 1 ? choice : 0).witness();
            if (w.parts().isEmpty()) {
                addRange(ranges, w.text(), s.offset(), s.offset() + s.length());
            }
            for (Witness.Part p : w.parts()) {
                addRange(ranges, p.text(), p.from(), p.to());
            }
        }
        List<String> ws = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : ranges.entrySet()) {
            if (ranges.size() == 1) {
                ws.add(e.getKey());
                break;
            }
            List<String> rs = new ArrayList<>();
            for (long[] r : e.getValue()) {
                rs.add(r[0] + ".." + r[1]);
            }
            ws.add("[" + String.join(", ", rs) + "] " + e.getKey());
        }
        String witness = ws.size() <= 2 ? String.join("; ", ws)
                : ws.get(0) + "; " + ws.get(1) + " (and " + (ws.size() - 2) + " more)";
        long length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        return new Line(null, period != null ? repeated(period, length) : bytes(parts), stale, witness);
    }

    private static void addRange(Map<String, List<long[]>> ranges, String text, long from, long to) {
        List<long[]> list = ranges.computeIfAbsent(text, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1)[1] == from) {
            list.get(list.size() - 1)[1] = to;
        } else {
            list.add(new long[] {from, to});
        }
    }

    /** {@code 0x5a x64}, {@code [ef be ad de] x16}, {@code 0x5a x32, 0x00 x32}, or a hex prefix. */
    public static String bytes(byte[] d) {
        return bytes(List.of(d));
    }

    /**
     * {@link #bytes(byte[])} of the concatenation of {@code parts}, in time proportional to the
     * parts and the runs looked at (each run is one word-wise compare), not to the bytes.
     */
    static String bytes(List<byte[]> parts) {
        long length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        if (length == 0) {
            return "(no bytes)";
        }
        if (length <= 64) {
            byte[] d = prefix(parts, (int) length);
            if (printable(d)) {
                return '"' + new String(d, java.nio.charset.StandardCharsets.US_ASCII) + '"';
            }
        }
        for (int p : new int[] {1, 2, 4, 8}) {
            if (length % p == 0 && (p == 1 || length >= 2 * p)) {
                byte[] period = prefix(parts, p);
                if (repeats(parts, period)) {
                    return repeated(period, length);
                }
            }
        }
        String runs = runs(parts, 4);
        if (runs != null) {
            return runs;
        }
        return "[" + hex(prefix(parts, (int) Math.min(16, length)), (int) Math.min(16, length))
                + (length > 16 ? " ..." : "") + "] (" + length + " bytes)";
    }

    /** {@code 0x5a x64} or {@code [ef be ad de] x16}: {@code period} repeated to {@code length} bytes. */
    private static String repeated(byte[] period, long length) {
        return period.length == 1 ? String.format("0x%02x x%d", period[0] & 0xff, length)
                : "[" + hex(period, period.length) + "] x" + (length / period.length);
    }

    /** Whether the concatenation of {@code parts} is {@code period} repeated (a whole number of times or not). */
    private static boolean repeats(List<byte[]> parts, byte[] period) {
        PatternTile tile = PatternTile.of(period);
        long at = 0;
        for (byte[] p : parts) {
            if (!tile.matches(p, at)) {
                return false;
            }
            at += p.length;
        }
        return true;
    }

    /** {@code 0x5a x32, 0x00 x32}: the runs of equal bytes when there are at most {@code max}, else null. */
    private static String runs(List<byte[]> parts, int max) {
        List<String> runs = new ArrayList<>();
        int value = -1;
        long count = 0;
        for (byte[] p : parts) {
            int i = 0;
            while (i < p.length) {
                int j = runEnd(p, i);
                if (count > 0 && p[i] == (byte) value) {
                    count += j - i; // the run goes on across the boundary of two parts
                } else {
                    if (count > 0) {
                        runs.add(String.format("0x%02x x%d", value, count));
                        if (runs.size() == max) {
                            return null; // a run follows: one more than max
                        }
                    }
                    value = p[i] & 0xff;
                    count = j - i;
                }
                i = j;
            }
        }
        runs.add(String.format("0x%02x x%d", value, count));
        return String.join(", ", runs);
    }

    /** The first {@code n} bytes of the concatenation of {@code parts}. */
    private static byte[] prefix(List<byte[]> parts, int n) {
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            if (at == n) {
                break;
            }
            int k = Math.min(n - at, p.length);
            System.arraycopy(p, 0, out, at, k);
            at += k;
        }
        return out;
    }

    private static boolean printable(byte[] d) {
        if (d.length < 2) {
            return false;
        }
        for (byte b : d) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return runEnd(d, 0) < d.length;
    }

    /** The end of the run of equal bytes starting at {@code i}: where {@code d} first differs from itself shifted by one. */
    private static int runEnd(byte[] d, int i) {
        int k = Arrays.mismatch(d, i + 1, d.length, d, i, d.length - 1);
        return k < 0 ? d.length : i + 1 + k;
    }

    private static String hex(byte[] d, int n) {
        HexFormat f = HexFormat.ofDelimiter(" ");
        return f.formatHex(d, 0, n);
    }
}
