package org.dmasim.interpreter.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.explore.OracleProgram.Kind;
import org.dmasim.interpreter.explore.OracleProgram.Op;

/**
 * The oracle: every interleaving of the CPU's and the jobs' statements, and every schedule of the
 * cache's own events (write-back, eviction, speculative fill) between them, on concrete
 * whole-machine states of the two lines: no outcome sets, no footprints, no partial-order
 * reduction, nothing shared with the explorer. A read's outcomes are the values it returns on some
 * path; a report is raised when some path raises it; an expectation holds as herd7 quantifies.
 * The rules are those of the access table for a non-coherent arm64 device on a
 * DMA_BIDIRECTIONAL streaming mapping (sync for the CPU invalidates, for the device cleans).
 */
final class BruteForce {
    /**
     * A line of the machine: state 0 Invalid, 1 Clean, 2 Dirty; the accessed 8-byte windows
     * ([0..8) and [16..24)) hold one byte value each (the rest stays 0), cache and memory.
     */
    record Line(int st, int c0, int c1, int m0, int m1) {
        int cache(int w) {
            return w == 0 ? c0 : c1;
        }

        int mem(int w) {
            return w == 0 ? m0 : m1;
        }

        /** What a CPU read through the cache returns. */
        int visible(int w) {
            return st == 0 ? mem(w) : cache(w);
        }

        static Line of(int st, int c0, int c1, int m0, int m1) {
            return new Line(st, st == 0 ? 0 : c0, st == 0 ? 0 : c1, m0, m1);
        }
    }

    /** A whole state: what each agent has left, what it did, the memory, the shadow, the owner. */
    record State(List<Op> cpu, List<List<Op>> jobs, int started, int waited, boolean devOwns, Line a, Line b,
            List<Integer> shadows) {
        Line line(int i) {
            return i == 0 ? a : b;
        }

        State with(int i, Line l) {
            return i == 0 ? new State(cpu, jobs, started, waited, devOwns, l, b, shadows)
                    : new State(cpu, jobs, started, waited, devOwns, a, l, shadows);
        }

        int shadow(int i, int w) {
            return shadows.get(2 * i + w);
        }

        State shadow(int i, int w, int v) {
            List<Integer> s = new ArrayList<>(shadows);
            s.set(2 * i + w, v);
            return new State(cpu, jobs, started, waited, devOwns, a, b, List.copyOf(s));
        }

        State cpu(List<Op> rest) {
            return new State(rest, jobs, started, waited, devOwns, a, b, shadows);
        }

        State job(int k, List<Op> rest) {
            List<List<Op>> js = new ArrayList<>(jobs);
            js.set(k, rest);
            return new State(cpu, List.copyOf(js), started, waited, devOwns, a, b, shadows);
        }

        State owner(boolean dev) {
            return new State(cpu, jobs, started, waited, dev, a, b, shadows);
        }

        State flags(int s, int w) {
            return new State(cpu, jobs, s, w, devOwns, a, b, shadows);
        }

        boolean finished(int k) {
            return (started & (1 << k)) != 0 && jobs.get(k).isEmpty();
        }
    }

    /** What every path together showed. */
    static final class Result {
        final Map<Integer, Set<String>> reads = new TreeMap<>();
        final Set<String> reports = new TreeSet<>();
        final Map<Integer, Set<Boolean>> verdicts = new TreeMap<>();
        final Map<Integer, Boolean> existential = new TreeMap<>();

        Map<Integer, Boolean> judged() {
            Map<Integer, Boolean> out = new TreeMap<>();
            verdicts.forEach((line, seen) -> out.put(line, existential.get(line) ? seen.contains(true)
                    : !seen.contains(false)));
            return out;
        }
    }

    private final OracleProgram p;
    private final Result r = new Result();
    private final Map<Integer, Integer> asyncLine = new java.util.HashMap<>();

    private BruteForce(OracleProgram p) {
        this.p = p;
        for (Op op : p.cpu) {
            if (op.kind == Kind.ASYNC) {
                asyncLine.put(op.job, op.line);
            }
        }
    }

    static Result explore(OracleProgram p) {
        return new BruteForce(p).run();
    }

    private Result run() {
        r.verdicts.put(OracleProgram.PRELUDE_LINES, new HashSet<>(Set.of(true)));
        r.existential.put(OracleProgram.PRELUDE_LINES, false);
        List<List<Op>> jobs = new ArrayList<>();
        for (List<Op> j : p.jobs) {
            jobs.add(List.copyOf(j));
        }
        // alloc_pages zeroed the lines; the map cleaned them for the device, which owns the buffer
        State start = new State(List.copyOf(p.cpu), List.copyOf(jobs), 0, 0, true, Line.of(0, 0, 0, 0, 0),
                Line.of(0, 0, 0, 0, 0), List.of(0, 0, 0, 0));
        Set<State> seen = new HashSet<>();
        Deque<State> work = new ArrayDeque<>();
        seen.add(start);
        work.add(start);
        while (!work.isEmpty()) {
            State s = work.poll();
            for (State n : successors(s)) {
                if (seen.add(n)) {
                    work.add(n);
                }
            }
        }
        return r;
    }

    /** Every state one event further: the cache's own events, and each enabled agent's next statement. */
    private List<State> successors(State s) {
        List<State> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Line l = s.line(i);
            switch (l.st()) {
                case 2 -> {
                    out.add(s.with(i, Line.of(1, l.c0(), l.c1(), l.c0(), l.c1())));
                    out.add(s.with(i, Line.of(0, 0, 0, l.c0(), l.c1())));
                }
                case 1 -> out.add(s.with(i, Line.of(0, 0, 0, l.m0(), l.m1())));
                default -> out.add(s.with(i, Line.of(1, l.m0(), l.m1(), l.m0(), l.m1())));
            }
        }
        boolean moved = false;
        if (!s.cpu().isEmpty()) {
            State n = cpuStep(s);
            if (n != null) {
                out.add(n);
                moved = true;
            }
        }
        for (int k = 0; k < s.jobs().size(); k++) {
            if ((s.started() & (1 << k)) != 0 && !s.jobs().get(k).isEmpty()) {
                State n = jobStep(s, k);
                if (n != null) {
                    out.add(n);
                    moved = true;
                }
            }
        }
        if (!moved) {
            boolean done = s.cpu().isEmpty() && allFinished(s);
            if (done) {
                for (int k = 0; k < s.jobs().size(); k++) {
                    if ((s.waited() & (1 << k)) == 0) {
                        report("JOB_NOT_WAITED", asyncLine.get(k));
                    }
                }
                report("DMA_LEAK", 0);
            } else if (!s.cpu().isEmpty()) {
                report("HANG", s.cpu().get(0).line);
            } else {
                for (int k = 0; k < s.jobs().size(); k++) {
                    if (!s.finished(k)) {
                        report("HANG", asyncLine.get(k));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean allFinished(State s) {
        for (int k = 0; k < s.jobs().size(); k++) {
            if (!s.finished(k)) {
                return false;
            }
        }
        return true;
    }

    private void report(String code, int line) {
        r.reports.add(code + "@" + line);
    }

    private void read(int line, int value, int shadow) {
        r.reads.computeIfAbsent(line, k -> new TreeSet<>()).add(text(value) + (value != shadow ? " (stale)" : ""));
    }

    static String text(int value) {
        byte[] b = new byte[8];
        java.util.Arrays.fill(b, (byte) value);
        return OutcomeText.bytes(b);
    }

    /** A read of both windows, [0..24) of the line. */
    private void readBoth(int line, int v0, int v1, int s0, int s1) {
        byte[] b = new byte[24];
        java.util.Arrays.fill(b, 0, 8, (byte) v0);
        java.util.Arrays.fill(b, 16, 24, (byte) v1);
        boolean stale = v0 != s0 || v1 != s1;
        r.reads.computeIfAbsent(line, k -> new TreeSet<>()).add(OutcomeText.bytes(b) + (stale ? " (stale)" : ""));
    }

    private void verdict(Op op, int value) {
        boolean eq = value == op.value;
        boolean ok = op.q == OracleProgram.Quantifier.NEVER ? !eq : eq;
        r.verdicts.computeIfAbsent(op.line, k -> new HashSet<>()).add(ok);
        r.existential.put(op.line, op.q == OracleProgram.Quantifier.SOMETIMES);
    }

    private static List<Op> rest(List<Op> ops) {
        return List.copyOf(ops.subList(1, ops.size()));
    }

    private static List<Op> branch(List<Op> body, List<Op> ops) {
        List<Op> out = new ArrayList<>(body);
        out.addAll(ops.subList(1, ops.size()));
        return List.copyOf(out);
    }

    private State cpuStep(State s) {
        Op op = s.cpu().get(0);
        int i = op.lineIndex;
        int w = op.window;
        Line l = s.line(i);
        switch (op.kind) {
            case ASYNC -> {
                return s.flags(s.started() | (1 << op.job), s.waited()).cpu(rest(s.cpu()));
            }
            case WAIT -> {
                if (!s.finished(op.job)) {
                    return null;
                }
                return s.flags(s.started(), s.waited() | (1 << op.job)).cpu(rest(s.cpu()));
            }
            case CPU_WRITE -> {
                if (s.devOwns()) {
                    report("CPU_ACCESS_DEVICE_OWNED", op.line);
                }
                // write-allocate: the rest of the line comes from DRAM when it was not cached
                int c0 = w == 0 ? op.value : l.visible(0);
                int c1 = w == 1 ? op.value : l.visible(1);
                return s.with(i, Line.of(2, c0, c1, l.m0(), l.m1())).shadow(i, w, op.value).cpu(rest(s.cpu()));
            }
            case CPU_READ, CPU_IF, CPU_EXPECT, CPU_POLL -> {
                if (w == 2) {
                    if (s.devOwns()) {
                        report("CPU_ACCESS_DEVICE_OWNED", op.line);
                    }
                    readBoth(op.line, l.visible(0), l.visible(1), s.shadow(i, 0), s.shadow(i, 1));
                    if (l.visible(0) != s.shadow(i, 0) || l.visible(1) != s.shadow(i, 1)) {
                        report("STALE_READ", op.line);
                    }
                    State n = l.st() == 0 ? s.with(i, Line.of(1, l.m0(), l.m1(), l.m0(), l.m1())) : s;
                    return n.cpu(rest(s.cpu()));
                }
                int v = l.visible(w);
                if (op.kind == Kind.CPU_POLL && v != op.value) {
                    return null;
                }
                if (s.devOwns()) {
                    report("CPU_ACCESS_DEVICE_OWNED", op.line);
                }
                read(op.line, v, s.shadow(i, w));
                if (op.kind != Kind.CPU_EXPECT && v != s.shadow(i, w)) {
                    report("STALE_READ", op.line);
                }
                State n = l.st() == 0 ? s.with(i, Line.of(1, l.m0(), l.m1(), l.m0(), l.m1())) : s;
                if (op.kind == Kind.CPU_EXPECT) {
                    verdict(op, v);
                }
                if (op.kind == Kind.CPU_IF) {
                    return n.cpu(branch(v == op.value ? op.then : op.otherwise, s.cpu()));
                }
                return n.cpu(rest(s.cpu()));
            }
            case SYNC_FOR_CPU -> {
                State n = s;
                boolean lost = false;
                for (int k = 0; k < 2; k++) {
                    Line x = s.line(k);
                    for (int v = 0; v < 2; v++) {
                        // the invalidate drops dirty data; LOST_WRITE when some of it was the latest value
                        lost |= x.st() == 2 && x.cache(v) == s.shadow(k, v) && x.mem(v) != s.shadow(k, v);
                    }
                    n = n.with(k, Line.of(0, 0, 0, x.m0(), x.m1()));
                }
                if (lost) {
                    report("LOST_WRITE", op.line);
                }
                return n.owner(false).cpu(rest(s.cpu()));
            }
            case SYNC_FOR_DEVICE -> {
                State n = s;
                for (int k = 0; k < 2; k++) {
                    Line x = s.line(k);
                    if (x.st() == 2) {
                        n = n.with(k, Line.of(1, x.c0(), x.c1(), x.c0(), x.c1()));
                    }
                }
                return n.owner(true).cpu(rest(s.cpu()));
            }
            default -> throw new IllegalStateException(op.kind + " on the CPU");
        }
    }

    private State jobStep(State s, int k) {
        List<Op> ops = s.jobs().get(k);
        Op op = ops.get(0);
        int i = op.lineIndex;
        int w = op.window;
        Line l = s.line(i);
        if (op.kind == Kind.DEV_POLL && l.mem(w) != op.value) {
            return null;
        }
        if (!s.devOwns()) {
            report("DEVICE_ACCESS_CPU_OWNED", op.line);
        }
        switch (op.kind) {
            case DEV_WRITE -> {
                if (l.st() == 2) {
                    report("LOST_WRITE", op.line);
                }
                Line n = Line.of(l.st(), l.c0(), l.c1(), w == 0 ? op.value : l.m0(), w == 1 ? op.value : l.m1());
                return s.with(i, n).shadow(i, w, op.value).job(k, rest(ops));
            }
            case DEV_READ, DEV_IF, DEV_EXPECT, DEV_POLL -> {
                if (w == 2) {
                    readBoth(op.line, l.m0(), l.m1(), s.shadow(i, 0), s.shadow(i, 1));
                    if (l.m0() != s.shadow(i, 0) || l.m1() != s.shadow(i, 1)) {
                        report("DEVICE_STALE_READ", op.line);
                    }
                    return s.job(k, rest(ops));
                }
                int v = l.mem(w);
                read(op.line, v, s.shadow(i, w));
                if (op.kind != Kind.DEV_EXPECT && v != s.shadow(i, w)) {
                    report("DEVICE_STALE_READ", op.line);
                }
                if (op.kind == Kind.DEV_EXPECT) {
                    verdict(op, v);
                }
                if (op.kind == Kind.DEV_IF) {
                    return s.job(k, branch(v == op.value ? op.then : op.otherwise, ops));
                }
                return s.job(k, rest(ops));
            }
            default -> throw new IllegalStateException(op.kind + " in a job");
        }
    }
}
