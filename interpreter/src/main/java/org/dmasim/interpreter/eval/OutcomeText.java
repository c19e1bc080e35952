package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;

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
            out.add(compose(segs, 0, segs));
            return out;
        }
        int k = uncertain.get(0).alternatives().size();
        if (uncertain.stream().allMatch(s -> s.alternatives().size() == k)) {
            for (int i = 0; i < k; i++) {
                out.add(compose(segs, i, uncertain));
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
     * Takes alternative {@code choice} of every uncertain segment and the only one of the others. The
     * value is described from the segments in place: a large read is not copied out once per line printed.
     */
    private static Line compose(List<Segment> segs, int choice, List<Segment> witnesses) {
        boolean stale = false;
        for (Segment s : segs) {
            stale |= pick(s, choice).stale();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Segment s : witnesses) {
            seen.add(pick(s, choice).witness().text());
        }
        List<String> ws = new ArrayList<>(seen);
        String witness = ws.size() <= 2 ? String.join("; ", ws)
                : ws.get(0) + "; " + ws.get(1) + " (and " + (ws.size() - 2) + " more)";
        return new Line(null, bytes(new Bytes(segs, choice)), stale, witness);
    }

    private static Alternative pick(Segment s, int choice) {
        return s.alternatives().get(s.alternatives().size() > 1 ? choice : 0);
    }

    /** The bytes of one composed value, read in order from the segments without copying them out. */
    private record Bytes(List<Segment> segs, int choice) {
        Bytes(byte[] d) {
            this(List.of(new Segment(0, d.length, List.of(new Alternative(d, null, false)))), 0);
        }

        long length() {
            long n = 0;
            for (Segment s : segs) {
                n += s.length();
            }
            return n;
        }

        /** The first {@code n} bytes. */
        byte[] head(int n) {
            byte[] out = new byte[n];
            int at = 0;
            for (Segment s : segs) {
                if (at >= n) {
                    break;
                }
                int k = Math.min(n - at, s.length());
                System.arraycopy(pick(s, choice).data(), 0, out, at, k);
                at += k;
            }
            return out;
        }

        /** Whether the bytes repeat with period {@code p}. */
        boolean periodic(int p) {
            byte[] first = head(p);
            long i = 0;
            for (Segment s : segs) {
                for (byte b : pick(s, choice).data()) {
                    if (b != first[(int) (i++ % p)]) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Runs of equal bytes, as {@code 0x5a x32}; null when there are more than {@code max}. */
        List<String> runs(int max) {
            List<String> runs = new ArrayList<>();
            int current = -1;
            long count = 0;
            for (Segment s : segs) {
                for (byte b : pick(s, choice).data()) {
                    if ((b & 0xff) == current) {
                        count++;
                        continue;
                    }
                    if (current >= 0) {
                        runs.add(String.format("0x%02x x%d", current, count));
                        if (runs.size() >= max) {
                            return null;
                        }
                    }
                    current = b & 0xff;
                    count = 1;
                }
            }
            if (current >= 0) {
                runs.add(String.format("0x%02x x%d", current, count));
            }
            return runs;
        }
    }

    /** {@code 0x5a x64}, {@code [ef be ad de] x16}, {@code 0x5a x32, 0x00 x32}, or a hex prefix. */
    public static String bytes(byte[] d) {
        return bytes(new Bytes(d));
    }

    private static String bytes(Bytes d) {
        long length = d.length();
        if (length == 0) {
            return "(no bytes)";
        }
        if (length <= 64 && printable(d.head((int) length))) {
            return '"' + new String(d.head((int) length), java.nio.charset.StandardCharsets.US_ASCII) + '"';
        }
        for (int p : new int[] {1, 2, 4, 8}) {
            if (length % p == 0 && (p == 1 || length >= 2 * p) && d.periodic(p)) {
                if (p == 1) {
                    return String.format("0x%02x x%d", d.head(1)[0] & 0xff, length);
                }
                return "[" + hex(d.head(p), p) + "] x" + (length / p);
            }
        }
        List<String> runs = d.runs(4);
        if (runs != null) {
            return String.join(", ", runs);
        }
        int n = (int) Math.min(16, length);
        return "[" + hex(d.head(n), n) + (length > 16 ? " ..." : "") + "] (" + length + " bytes)";
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
        return !periodic(d, 1);
    }

    private static boolean periodic(byte[] d, int p) {
        for (int i = p; i < d.length; i++) {
            if (d[i] != d[i - p]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] d, int n) {
        HexFormat f = HexFormat.ofDelimiter(" ");
        return f.formatHex(d, 0, n);
    }
}
