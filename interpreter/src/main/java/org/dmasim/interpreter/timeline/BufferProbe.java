package org.dmasim.interpreter.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.LineSnapshot;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.memory.CpuView;

/**
 * Looks at bytes {@code [offset, offset+length)} of a CPU view through the kernel's read-only
 * queries and says what {@link BufferState} they are in. Looking changes nothing.
 */
final class BufferProbe {
    private BufferProbe() {
    }

    static BufferState probe(Kernel kernel, Target target) {
        if (target.freed()) {
            return new BufferState("none", List.of(), false);
        }
        List<Placed> mappings = mappingsOf(kernel, target);
        return new BufferState(owner(mappings), lines(kernel, target, mappings),
                mappings.stream().anyMatch(p -> p.mapping().bounced()));
    }

    /** A device that owns a live mapping of the range, else the CPU (streaming DMA's ownership rule). */
    private static String owner(List<Placed> mappings) {
        Set<String> owners = new LinkedHashSet<>();
        for (Placed p : mappings) {
            StreamingMapping m = p.mapping();
            if (m.deviceOwns()) {
                owners.add(m.device().name());
            }
        }
        return owners.isEmpty() ? "cpu" : String.join("+", owners);
    }

    /** A live mapping of the range and the view offset where it starts. */
    private record Placed(StreamingMapping mapping, long from) {
    }

    private static List<Placed> mappingsOf(Kernel kernel, Target t) {
        List<Placed> out = new ArrayList<>();
        java.util.TreeMap<Long, Long> runs = null;
        for (StreamingMapping m : kernel.machine().mappings()) {
            if (m.failed() || m.released() || m.view() != t.view()) {
                continue;
            }
            if (runs == null) {
                runs = physicalRuns(t.view());
            }
            var run = runs.floorEntry(m.phys());
            if (run == null) {
                continue;
            }
            long from = run.getValue() + (m.phys() - run.getKey());
            if (from < t.offset() + t.length() && t.offset() < from + m.size()) {
                out.add(new Placed(m, from));
            }
        }
        return out;
    }

    /** The view's physically contiguous runs: first physical address to view offset (views may be scattered pages). */
    private static java.util.TreeMap<Long, Long> physicalRuns(CpuView view) {
        java.util.TreeMap<Long, Long> runs = new java.util.TreeMap<>();
        for (long off = 0; off < view.size(); ) {
            runs.put(view.phys(off), off);
            off += view.contiguousFrom(off);
        }
        return runs;
    }

    /**
     * The runs of equal lines: each physically contiguous stretch is cut where the lines start to
     * differ. A whole page whose lines the machine says are all alike (untouched, or filled with one
     * pattern) is taken at once, so a big scattered buffer costs a few comparisons per page.
     */
    private static List<LineRun> lines(Kernel kernel, Target t, List<Placed> mappings) {
        List<LineRun> runs = new ArrayList<>();
        int line = kernel.machine().cache().lineSize();
        Bounces bounces = new Bounces(mappings);
        long end = t.offset() + t.length();
        // the whole line (and its bounce slot) that the last run's states were read from, or null
        Bounce reprBounce = null;
        long repr = -1;
        for (long off = t.offset(); off < end; ) {
            long phys = t.view().phys(off);
            long contiguous = Math.min(t.view().contiguousFrom(off), end - off);
            long stop = phys + contiguous;
            for (long p = phys; p < stop; ) {
                long lineStart = p - Math.floorMod(p, line);
                long groupEnd = Math.min(lineStart + line, stop);
                long viewOffset = off + (p - phys);
                Bounce bounce = bounces.at(viewOffset);
                boolean whole = p == lineStart && groupEnd == lineStart + line;
                if (whole && uniformPage(kernel, p, stop, viewOffset, bounce, bounces)) {
                    groupEnd = p + PAGE;
                } else if (whole) {
                    groupEnd = equalLinesEnd(kernel, lineStart, stop - Math.floorMod(stop, line), bounce);
                }
                long rel = viewOffset - t.offset();
                LineRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (whole && last != null && last.to() == rel && repr >= 0
                        && sameLine(kernel, repr, reprBounce, lineStart, bounce)) {
                    // scattered pages in the same states: no need to look again
                    runs.set(runs.size() - 1, last.extendedTo(rel + groupEnd - p));
                } else {
                    LineRun run = run(kernel, p, (int) Math.min(line, groupEnd - p), rel, groupEnd - p, bounce);
                    if (last != null && last.to() == run.from() && last.sameAs(run)) {
                        runs.set(runs.size() - 1, last.extendedTo(run.to()));
                    } else {
                        runs.add(run);
                    }
                    repr = whole ? lineStart : -1;
                    reprBounce = bounce;
                }
                p = groupEnd;
            }
            off += contiguous;
        }
        return runs;
    }

    private static final int PAGE = org.dmasim.engine.memory.SparseBytes.PAGE;

    /**
     * Whether the whole page from {@code p} (within the stretch ending at {@code stop}) has every
     * line alike, by the machine's page-level queries: its cache lines and latest bytes, and, when
     * it is bounced, its bounce slot (one mapping, page aligned, over the whole page).
     */
    private static boolean uniformPage(Kernel kernel, long p, long stop, long viewOffset, Bounce bounce,
            Bounces bounces) {
        if (Math.floorMod(p, (long) PAGE) != 0 || stop - p < PAGE) {
            return false;
        }
        var machine = kernel.machine();
        if (!machine.cache().uniformPage(p) || !machine.shadowUniformPage(p)) {
            return false;
        }
        if (bounces.startsWithin(viewOffset, viewOffset + PAGE)) {
            return false;
        }
        return bounce == null || Math.floorMod(bounce.slot(), (long) PAGE) == 0 && bounce.left() >= PAGE
                && machine.cache().uniformPage(bounce.slot());
    }

    /** Where a bounced stretch of a mapping lies: the slot address of the view's byte, and the device. */
    private record Bounce(long slot, StreamingMapping mapping, long left) {
    }

    /**
     * The bounced mappings of the range by the view offset where they start, so finding the one
     * over a byte does not go through all of them (a scattered buffer has one per page).
     */
    private static final class Bounces {
        private final java.util.TreeMap<Long, List<Integer>> byStart = new java.util.TreeMap<>();
        private final List<Placed> placed;
        private long longest;

        Bounces(List<Placed> mappings) {
            this.placed = mappings;
            for (int i = 0; i < mappings.size(); i++) {
                Placed p = mappings.get(i);
                if (p.mapping().bounced()) {
                    byStart.computeIfAbsent(p.from(), k -> new ArrayList<>()).add(i);
                    longest = Math.max(longest, p.mapping().size());
                }
            }
        }

        /** The bounce slot of the view's byte: the first bounced mapping (in the kernel's order) over it, or null. */
        Bounce at(long viewOffset) {
            int first = Integer.MAX_VALUE;
            for (var e : byStart.headMap(viewOffset, true).descendingMap().entrySet()) {
                if (e.getKey() + longest <= viewOffset) {
                    break;
                }
                for (int i : e.getValue()) {
                    Placed p = placed.get(i);
                    if (i < first && viewOffset < p.from() + p.mapping().size()) {
                        first = i;
                    }
                }
            }
            if (first == Integer.MAX_VALUE) {
                return null;
            }
            Placed p = placed.get(first);
            return new Bounce(p.mapping().slot() + (viewOffset - p.from()), p.mapping(),
                    p.from() + p.mapping().size() - viewOffset);
        }

        /** Whether a bounced mapping starts in {@code (from, to)}. */
        boolean startsWithin(long from, long to) {
            return !byStart.subMap(from, false, to, false).isEmpty();
        }
    }

    /** Whether whole line {@code b} (and its bounce slot) is in the same states as whole line {@code a}. */
    private static boolean sameLine(Kernel kernel, long a, Bounce bounceA, long b, Bounce bounceB) {
        var cache = kernel.machine().cache();
        int line = cache.lineSize();
        if (!cache.sameLines(a, b)
                || !Arrays.equals(kernel.machine().shadowOf(a, line), kernel.machine().shadowOf(b, line))) {
            return false;
        }
        if (bounceA == null || bounceB == null) {
            return bounceA == bounceB;
        }
        return Math.floorMod(bounceA.slot(), line) == 0 && Math.floorMod(bounceB.slot(), line) == 0
                && bounceA.mapping().device().coherent() == bounceB.mapping().device().coherent()
                && cache.sameLines(bounceA.slot(), bounceB.slot());
    }

    /**
     * The end of the whole lines from {@code lineStart} (up to {@code alignedEnd}) that are in the same
     * states, with the same latest bytes and the same bounce slot contents, as the first.
     */
    private static long equalLinesEnd(Kernel kernel, long lineStart, long alignedEnd, Bounce bounce) {
        var cache = kernel.machine().cache();
        int line = cache.lineSize();
        if (alignedEnd <= lineStart + line) {
            return lineStart + line;
        }
        long end = cache.endOfEqualLines(lineStart, alignedEnd);
        if (bounce != null) {
            if (Math.floorMod(bounce.slot(), line) != 0) {
                return lineStart + line;
            }
            long slotEnd = bounce.slot() + Math.min(end - lineStart, bounce.left() - bounce.left() % line);
            end = lineStart + Math.max(line, cache.endOfEqualLines(bounce.slot(), slotEnd) - bounce.slot());
        }
        byte[] first = kernel.machine().shadowOf(lineStart, line);
        for (long l = lineStart + line; l < end; l += line) {
            if (!java.util.Arrays.equals(first, kernel.machine().shadowOf(l, line))) {
                return l;
            }
        }
        return end;
    }

    /** The states of the line fragment {@code [p, p+length)}, standing for {@code bytes} bytes of the range. */
    private static LineRun run(Kernel kernel, long p, int length, long rel, long bytes, Bounce bounce) {
        LineSnapshot l = kernel.machine().cache().snapshot(p, length).get(0);
        int lo = (int) (p - l.phys());
        int hi = lo + length;
        byte[] latest = kernel.machine().shadowOf(p, length);
        Set<LineState> states = new LinkedHashSet<>();
        for (LineSnapshot.Config c : l.configs()) {
            byte[] mem = Arrays.copyOfRange(c.memory(), lo, hi);
            if (c.cache() == null) {
                states.add(new LineState(c.state(), null, !Arrays.equals(mem, latest), value(mem)));
            } else {
                byte[] v = Arrays.copyOfRange(c.cache(), lo, hi);
                states.add(new LineState(c.state(), value(v), !Arrays.equals(v, latest), value(mem)));
            }
        }
        return new LineRun(rel, rel + bytes, ordered(states), bounce == null ? List.of() : slot(kernel, bounce, length));
    }

    /** Invalid first, then Clean, then Dirty; fresh values before stale ones. */
    private static List<LineState> ordered(Set<LineState> states) {
        List<LineState> out = new ArrayList<>(states);
        out.sort(Comparator.comparingInt((LineState s) -> rank(s.state())).thenComparing(LineState::stale)
                .thenComparing(s -> s.value() == null ? "" : s.value()).thenComparing(LineState::dram));
        return out;
    }

    private static int rank(String state) {
        return switch (state) {
            case "Invalid" -> 0;
            case "Clean" -> 1;
            default -> 2;
        };
    }

    /**
     * What the device may find in the bounce slot's first {@code length} bytes: DRAM for a
     * non-coherent device, what the CPU's caches hold for a coherent one (it snoops them).
     */
    private static List<String> slot(Kernel kernel, Bounce bounce, int length) {
        Set<String> values = new LinkedHashSet<>();
        long slot = bounce.slot();
        for (LineSnapshot l : kernel.machine().cache().snapshot(slot, length)) {
            int line = l.configs().get(0).memory().length;
            int lo = (int) Math.max(0, slot - l.phys());
            int hi = (int) Math.min(line, slot + length - l.phys());
            for (LineSnapshot.Config c : l.configs()) {
                byte[] seen = bounce.mapping().device().coherent() ? c.cpuVisible() : c.memory();
                values.add(value(Arrays.copyOfRange(seen, lo, hi)));
            }
        }
        return List.copyOf(values);
    }

    /**
     * Short words for the bytes of one line: {@code 0x5a} for one value, {@code 0x5a x36, 0x77 x28} for
     * up to three runs, else the first bytes ({@code [5a 00 5a 00 ...]}).
     */
    static String value(byte[] bytes) {
        if (bytes.length == 0) {
            return "-";
        }
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < bytes.length && runs.size() <= 3) {
            int j = i;
            while (j < bytes.length && bytes[j] == bytes[i]) {
                j++;
            }
            runs.add(hex(bytes[i]) + " x" + (j - i));
            i = j;
        }
        if (runs.size() == 1) {
            return hex(bytes[0]);
        }
        if (i >= bytes.length && runs.size() <= 3) {
            return String.join(", ", runs);
        }
        return "[" + java.util.HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(6, bytes.length)) + " ...]";
    }

    private static final String[] HEX = new String[256];

    static {
        for (int b = 0; b < 256; b++) {
            HEX[b] = String.format("0x%02x", b);
        }
    }

    private static String hex(byte b) {
        return HEX[b & 0xff];
    }
}
