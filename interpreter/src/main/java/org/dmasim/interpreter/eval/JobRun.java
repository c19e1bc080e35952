package org.dmasim.interpreter.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.dma.CoherentHandle;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Node;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.CallError;

/**
 * One device job ({@code async DEV { ... }}, docs/concurrency.md) as the evaluator runs it: a step at
 * a time, each step one device statement (a write, a read, a {@code let} of a read, an
 * {@code if}'s condition, an {@code expect}, one evaluation of a {@code wait until}). The
 * variables it uses are captured when it starts, and so are the handles its statements access,
 * so that freeing one of them while the job may still use it can be told at once.
 */
public final class JobRun {
    /** What one step did. */
    public enum Step {
        /** A device statement ran. */
        RAN,
        /** A {@code wait until} condition was false: the job stays where it is. */
        POLLED,
        /** A {@code wait until} condition held: the wait is over. */
        SATISFIED
    }

    private final Evaluator ev;
    private final Device device;
    private final DmaFence fence;
    private final List<DmaFence> after;
    private final Environment env;
    private final SourceSite site;
    private final int number;
    private final List<Long> iterations;
    private final Deque<List<Statement>> blocks = new ArrayDeque<>();
    private final Deque<int[]> positions = new ArrayDeque<>();
    private final Map<Node, List<Object>> targets = new IdentityHashMap<>();
    private final List<String> performed = new ArrayList<>();
    private boolean finished;
    private boolean waited;

    JobRun(Evaluator ev, Device device, Statement.Block body, List<DmaFence> after, Environment captured,
            SourceSite site, int number) {
        this.ev = ev;
        this.device = device;
        this.after = List.copyOf(after);
        this.env = captured.child();
        this.site = site;
        this.number = number;
        this.iterations = ev.interpreter.iterations();
        this.fence = new DmaFence(label() + "'s fence");
        blocks.push(body.statements());
        positions.push(new int[1]);
        collectTargets(body.statements());
    }

    /** {@code nic's job at 12:9} (the second job of a device at one site gets a number). */
    public String label() {
        return device.name() + "'s job at " + site.position() + (number > 1 ? " #" + number : "");
    }

    public Device device() {
        return device;
    }

    public DmaFence fence() {
        return fence;
    }

    /** The fences that must signal before the job's first step ({@code after}). */
    public List<DmaFence> after() {
        return after;
    }

    public SourceSite site() {
        return site;
    }

    public boolean finished() {
        return finished;
    }

    /** The CPU knows the job completed: it waited for it, or saw its fence signalled. */
    public boolean waited() {
        return waited;
    }

    public void markWaited() {
        waited = true;
    }

    /** The steps performed so far, in words ({@code write at 14:5}). */
    public List<String> performed() {
        return List.copyOf(performed);
    }

    /** The next step in words ({@code write at 15:5}), or null when the job is done. */
    public String next() {
        Statement s = peek();
        return s == null ? null : describe(s);
    }

    /** {@code j.fence}, {@code j.r} (a value the job read; known once the CPU waited for it). */
    Value field(String name, Evaluator at, org.dmasim.interpreter.ast.Expr.FieldAccess f) {
        if (name.equals("fence")) {
            return new Value.Opaque(fence, "a dma_fence");
        }
        if (name.equals("done")) {
            return Value.Bool.of(finished && waited);
        }
        Value v = env.lookupLocal(name);
        if (v == null && !finished) {
            throw at.error(label() + " has not bound '" + name + "' yet", f.fieldSpan(),
                    "wait for it first: wait " + at.text(f.target().span()));
        }
        if (v == null) {
            throw at.error(label() + " has no value '" + name + "'", f.fieldSpan(),
                    "its fields: fence, done, and what its lets bind");
        }
        if (!waited) {
            throw at.error(label() + " may still be running: its '" + name + "' is not known yet", f.fieldSpan(),
                    "wait for it first: wait " + at.text(f.target().span()));
        }
        return v;
    }

    /**
     * Runs the job's next step: the statements that compute values only, then one device
     * statement, then again those that only compute; finishes the job when nothing is left.
     */
    public Step step() {
        // the job's sites name the loop iterations it was started in, whatever the CPU runs now
        List<Long> cpu = ev.interpreter.iterations();
        ev.interpreter.iterations(iterations);
        try {
            return stepHere();
        } finally {
            ev.interpreter.iterations(cpu);
        }
    }

    private Step stepHere() {
        runPure();
        Statement s = peek();
        if (s == null) {
            finish();
            return Step.RAN;
        }
        if (s instanceof Statement.WaitUntil w) {
            boolean holds = ev.guarded(w, () -> ev.expressions.condition(w.condition(), env));
            if (!holds) {
                return Step.POLLED;
            }
            advance();
            performed.add(describe(s));
            runPure();
            return Step.SATISFIED;
        }
        implicitSync(s);
        advance();
        performed.add(describe(s));
        switch (s) {
            case Statement.If i -> {
                boolean holds = ev.guarded(i, () -> ev.expressions.condition(i.condition(), env));
                if (holds) {
                    enter(i.then().statements());
                } else if (i.orElse() instanceof Statement.Block b) {
                    enter(b.statements());
                } else if (i.orElse() != null) {
                    enter(List.of(i.orElse()));
                }
            }
            case Statement.Block b -> enter(b.statements());
            default -> ev.execute(s, env);
        }
        runPure();
        return Step.RAN;
    }

    /**
     * Implicit synchronisation as a GPU scheduler does it: a job that reads a dma-buf depends on
     * the fences {@code dma_resv_usage_rw(false)} names, DMA_RESV_USAGE_WRITE and below
     * (drivers/gpu/drm/scheduler/sched_main.c drm_sched_job_add_implicit_dependencies(),
     * include/linux/dma-resv.h dma_resv_usage_rw()). A read step of a job that did not take them
     * as dependencies, running while one has not signalled, may see the buffer before that writer
     * finished: DEVICE_STALE_READ, in the executions where it ran that early.
     */
    private void implicitSync(Statement s) {
        List<Object> read = new ArrayList<>();
        switch (s) {
            case Statement.If i -> reads(i.condition(), read);
            case Statement.Let l -> reads(l.value(), read);
            case Statement.Expect e -> reads(e.condition(), read);
            case Statement.ExprStatement e -> reads(e.expr(), read);
            case Statement.Write w -> reads(w.value(), read);
            default -> {
            }
        }
        var machine = ev.interpreter.kernel().machine();
        for (Object h : read) {
            if (!(h instanceof org.dmasim.engine.dmabuf.SgTable sgt) || sgt.attachment() == null) {
                continue;
            }
            org.dmasim.engine.dmabuf.DmaBuf buf = sgt.attachment().dmabuf();
            for (DmaFence f : buf.resv().waitFences(org.dmasim.engine.sync.DmaResvUsage.WRITE)) {
                // whether it has signalled is part of what the step saw
                machine.footprint().object(f, false);
                if (f.isSignaled() || f == fence || after.contains(f)) {
                    continue;
                }
                machine.log().add(org.dmasim.engine.check.ReportCode.DEVICE_STALE_READ, device.name() + " reads "
                        + sgt.label() + " while " + f.label() + ", a write fence in " + buf.label()
                        + "'s reservation object, has not signalled and is not among the job's dependencies: it"
                        + " may read what that writer has not written yet", ev.site(s.span()),
                        "make the job depend on the buffer's writers, as a scheduler's implicit sync does: async "
                                + device.name() + " after dma_resv_get_fences(" + buf.label()
                                + ", DMA_RESV_USAGE_WRITE) { ... }",
                        List.of(f.label() + " not yet signalled"));
                return;
            }
        }
    }

    /** The handles the statements not yet run may access (every branch of a pending if). */
    public List<Object> remainingTargets() {
        List<Object> out = new ArrayList<>();
        var bs = blocks.iterator();
        var ps = positions.iterator();
        while (bs.hasNext()) {
            List<Statement> b = bs.next();
            int from = ps.next()[0];
            for (int k = from; k < b.size(); k++) {
                targetsOf(b.get(k), out);
            }
        }
        return out;
    }

    /** Whether {@code handle} is gone: unmapped, freed. */
    public static boolean released(Object handle) {
        return switch (handle) {
            case org.dmasim.engine.dma.Mapping m -> m.released();
            case CoherentHandle c -> c.allocation().freed();
            case SgTable t -> t.device() != null && !t.isMapped();
            case Buffer b -> b.freed();
            default -> false;
        };
    }

    // ---- internals

    private void finish() {
        finished = true;
    }

    private Statement peek() {
        while (!blocks.isEmpty()) {
            List<Statement> b = blocks.peek();
            int at = positions.peek()[0];
            if (at < b.size()) {
                return b.get(at);
            }
            blocks.pop();
            positions.pop();
        }
        return null;
    }

    private void advance() {
        positions.peek()[0]++;
    }

    private void enter(List<Statement> statements) {
        blocks.push(statements);
        positions.push(new int[1]);
    }

    /** Statements that touch no memory run at once, with the step before or after them. */
    private void runPure() {
        Statement s;
        while ((s = peek()) instanceof Statement.Let l && !hasRead(l.value())) {
            advance();
            ev.execute(l, env);
        }
        if (peek() == null) {
            finish();
        }
    }

    private String describe(Statement s) {
        SourceSite at = ev.site(s.span());
        String what = switch (s) {
            case Statement.Write w -> "write";
            case Statement.WaitUntil w -> "wait until";
            case Statement.If i -> "if";
            case Statement.Expect e -> "expect";
            default -> "read";
        };
        return what + " at " + at.position();
    }

    private void collectTargets(List<Statement> statements) {
        for (Statement s : statements) {
            List<Object> found = new ArrayList<>();
            collect(s, found);
            targets.put(s, found);
        }
    }

    private void collect(Statement s, List<Object> out) {
        switch (s) {
            case Statement.Write w -> target(w.target(), out);
            case Statement.If i -> {
                reads(i.condition(), out);
                collectTargets(i.then().statements());
                if (i.orElse() != null) {
                    collectTargets(List.of(i.orElse()));
                }
            }
            case Statement.Block b -> collectTargets(b.statements());
            case Statement.Let l -> reads(l.value(), out);
            case Statement.Expect e -> reads(e.condition(), out);
            case Statement.WaitUntil w -> reads(w.condition(), out);
            case Statement.ExprStatement e -> reads(e.expr(), out);
            default -> {
            }
        }
    }

    private void targetsOf(Statement s, List<Object> out) {
        List<Object> mine = targets.get(s);
        if (mine != null) {
            out.addAll(mine);
        }
        switch (s) {
            case Statement.If i -> {
                i.then().statements().forEach(t -> targetsOf(t, out));
                if (i.orElse() != null) {
                    targetsOf(i.orElse(), out);
                }
            }
            case Statement.Block b -> b.statements().forEach(t -> targetsOf(t, out));
            default -> {
            }
        }
    }

    private void reads(Expr e, List<Object> out) {
        switch (e) {
            case Expr.Read r -> target(r.target(), out);
            case Expr.Binary b -> {
                reads(b.left(), out);
                reads(b.right(), out);
            }
            case Expr.Unary u -> reads(u.operand(), out);
            case Expr.Call c -> {
                for (Argument a : c.arguments()) {
                    reads(a.value(), out);
                }
            }
            default -> {
            }
        }
    }

    /** The handle a target names, evaluated now; a target that does not evaluate fails when its step runs. */
    private void target(Expr e, List<Object> out) {
        try {
            Value v = ev.expressions.evaluate(e, env);
            Object h = Values.toHandleRange(v, null).handle();
            if (h != null) {
                out.add(h);
            }
        } catch (CallError | ScriptError | org.dmasim.engine.ScriptFault err) {
            // reported by the step itself
        }
    }

    static boolean hasRead(Expr e) {
        return switch (e) {
            case Expr.Read r -> true;
            case Expr.Binary b -> hasRead(b.left()) || hasRead(b.right());
            case Expr.Unary u -> hasRead(u.operand());
            case Expr.Call c -> c.arguments().stream().anyMatch(a -> hasRead(a.value()));
            case Expr.FieldAccess f -> hasRead(f.target());
            case Expr.Slice s -> hasRead(s.target()) || hasRead(s.lo()) || (s.hi() != null && hasRead(s.hi()));
            case Expr.ListLiteral l -> l.items().stream().anyMatch(JobRun::hasRead);
            default -> false;
        };
    }
}
