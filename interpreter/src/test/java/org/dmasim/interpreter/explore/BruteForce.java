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
    /** A line of the machine: state 0 Invalid, 1 Clean, 2 Dirty; each 8-byte window holds one byte value. */
    record Line(int st, int cache, int mem) {
    }

    /** A whole state: what each agent has left, what it did, the memory, the shadow, the owner. */
    record State(List<Op> cpu, List<List<Op>> jobs, int started, int waited, boolean devOwns, Line a, Line b,
            int shadowA, int shadowB) {
        Line line(int i) {
            return i == 0 ? a : b;
        }

        State with(int i, Line l) {
            return i == 0 ? new State(cpu, jobs, started, waited, devOwns, l, b, shadowA, shadowB)
                    : new State(cpu, jobs, started, waited, devOwns, a, l, shadowA, shadowB);
        }

        int shadow(int i) {
            return i == 0 ? shadowA : shadowB;
        }

        State shadow(int i, int v) {
            return i == 0 ? new State(cpu, jobs, started, waited, devOwns, a, b, v, shadowB)
                    : new State(cpu, jobs, started, waited, devOwns, a, b, shadowA, v);
        }

        State cpu(List<Op> rest) {
            return new State(rest, jobs, started, waited, devOwns, a, b, shadowA, shadowB);
        }

        State job(int k, List<Op> rest) {
            List<List<Op>> js = new ArrayList<>(jobs);
            js.set(k, rest);
            return new State(cpu, List.copyOf(js), started, waited, devOwns, a, b, shadowA, shadowB);
        }

        State owner(boolean dev) {
            return new State(cpu, jobs, started, waited, dev, a, b, shadowA, shadowB);
        }

        State flags(int s, int w) {
            return new State(cpu, jobs, s, w, devOwns, a, b, shadowA, shadowB);
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
        State start = new State(List.copyOf(p.cpu), List.copyOf(jobs), 0, 0, true, new Line(0, 0, 0),
                new Line(0, 0, 0), 0, 0);
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
            switch (l.st) {
                case 2 -> {
                    out.add(s.with(i, new Line(1, l.cache, l.cache)));
                    out.add(s.with(i, new Line(0, 0, l.cache)));
                }
                case 1 -> out.add(s.with(i, new Line(0, 0, l.mem)));
                default -> out.add(s.with(i, new Line(1, l.mem, l.mem)));
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
                return s.with(i, new Line(2, op.value, l.mem)).shadow(i, op.value).cpu(rest(s.cpu()));
            }
            case CPU_READ, CPU_IF, CPU_EXPECT, CPU_POLL -> {
                if (op.kind == Kind.CPU_POLL && (l.st == 0 ? l.mem : l.cache) != op.value) {
                    return null;
                }
                if (s.devOwns()) {
                    report("CPU_ACCESS_DEVICE_OWNED", op.line);
                }
                int v = l.st == 0 ? l.mem : l.cache;
                read(op.line, v, s.shadow(i));
                if (op.kind != Kind.CPU_EXPECT && v != s.shadow(i)) {
                    report("STALE_READ", op.line);
                }
                State n = l.st == 0 ? s.with(i, new Line(1, l.mem, l.mem)) : s;
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
                    // kernel/dma: the invalidate drops dirty data; LOST_WRITE when it held the latest value
                    lost |= x.st == 2 && x.cache == s.shadow(k) && x.mem != s.shadow(k);
                    n = n.with(k, new Line(0, 0, x.mem));
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
                    if (x.st == 2) {
                        n = n.with(k, new Line(1, x.cache, x.cache));
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
        Line l = s.line(i);
        if (op.kind == Kind.DEV_POLL && l.mem != op.value) {
            return null;
        }
        if (!s.devOwns()) {
            report("DEVICE_ACCESS_CPU_OWNED", op.line);
        }
        switch (op.kind) {
            case DEV_WRITE -> {
                if (l.st == 2) {
                    report("LOST_WRITE", op.line);
                }
                return s.with(i, new Line(l.st, l.cache, op.value)).shadow(i, op.value).job(k, rest(ops));
            }
            case DEV_READ, DEV_IF, DEV_EXPECT, DEV_POLL -> {
                int v = l.mem;
                read(op.line, v, s.shadow(i));
                if (op.kind != Kind.DEV_EXPECT && v != s.shadow(i)) {
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
