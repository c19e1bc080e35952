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
        for (Segment s : segs) {
            for (Alternative a : s.alternatives()) {
                out.add(new Line(s.offset() + ".." + (s.offset() + s.length()), bytes(a.data()), a.stale(),
                        a.witness().text()));
            }
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

    /** Takes alternative {@code choice} of every uncertain segment and the only one of the others. */
    private static Line compose(List<Segment> segs, int choice, List<Segment> witnesses) {
        long total = segs.stream().mapToLong(Segment::length).sum();
        byte[] data = new byte[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        boolean stale = false;
        for (Segment s : segs) {
            Alternative a = s.alternatives().get(s.alternatives().size() > 1 ? choice : 0);
            if (s.offset() + s.length() <= data.length) {
                System.arraycopy(a.data(), 0, data, (int) s.offset(), s.length());
            }
            stale |= a.stale();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Segment s : witnesses) {
            seen.add(s.alternatives().get(s.alternatives().size() > 1 ? choice : 0).witness().text());
        }
        List<String> ws = new ArrayList<>(seen);
        String witness = ws.size() <= 2 ? String.join("; ", ws)
                : ws.get(0) + "; " + ws.get(1) + " (and " + (ws.size() - 2) + " more)";
        return new Line(null, bytes(data), stale, witness);
    }

    /** {@code 0x5a x64}, {@code [ef be ad de] x16}, {@code 0x5a x32, 0x00 x32}, or a hex prefix. */
    public static String bytes(byte[] d) {
        if (d.length == 0) {
            return "(no bytes)";
        }
        if (d.length <= 64 && printable(d)) {
            return '"' + new String(d, java.nio.charset.StandardCharsets.US_ASCII) + '"';
        }
        for (int p : new int[] {1, 2, 4, 8}) {
            if (d.length % p == 0 && (p == 1 || d.length >= 2 * p) && periodic(d, p)) {
                if (p == 1) {
                    return String.format("0x%02x x%d", d[0] & 0xff, d.length);
                }
                return "[" + hex(d, p) + "] x" + (d.length / p);
            }
        }
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < d.length && runs.size() <= 4) {
            int j = i;
            while (j < d.length && d[j] == d[i]) {
                j++;
            }
            runs.add(String.format("0x%02x x%d", d[i] & 0xff, j - i));
            i = j;
        }
        if (i >= d.length && runs.size() <= 4) {
            return String.join(", ", runs);
        }
        return "[" + hex(d, Math.min(16, d.length)) + (d.length > 16 ? " ..." : "") + "] (" + d.length + " bytes)";
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
