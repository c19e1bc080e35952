package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.FenceSource;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;

/**
 * The CPU's side of device jobs (docs/concurrency.md): {@code async} starts one, {@code wait j}
 * waits for its completion, {@code wait until COND} polls. The scheduler decides what runs when.
 */
final class Jobs {
    private Jobs() {
    }

    /** {@code async DEV [after f, ...] { ... }}: the job, started; its steps run from the next scheduling point. */
    static Value start(Evaluator ev, Expr.Async a, Environment env) {
        Scheduler scheduler = ev.interpreter.scheduler();
        if (!scheduler.explores()) {
            throw ev.error("device jobs need an explorer of executions, which this front end does not run yet",
                    a.span(), "run the scenario with dmasim run or dmasim test");
        }
        Device device = ev.expressions.device(a.device(), env);
        List<DmaFence> after = new ArrayList<>();
        for (Expr e : a.after()) {
            fences(ev, ev.expressions.evaluate(e, env), e, after);
        }
        SourceSite site = ev.site(a.span());
        scheduler.doorbell(a.via() == null ? "writel" : a.via());
        scheduler.beforeCpuEvent(site);
        JobRun job = new JobRun(ev, device, a.body(), after, env.frozenCopy(), site, ev.interpreter.nextJobNumber(site));
        scheduler.startJob(job);
        return new Value.Opaque(job, "a job");
    }

    /** Fences, lists of them, sync files, jobs (their fence): whatever a job can wait for. */
    private static void fences(Evaluator ev, Value v, Expr at, List<DmaFence> out) {
        switch (v) {
            case Value.Opaque o when o.object() instanceof FenceSource f -> out.addAll(f.fences());
            case Value.Opaque o when o.object() instanceof JobRun j -> out.add(j.fence());
            case Value.ListValue l -> l.items().forEach(item -> fences(ev, item, at, out));
            default -> throw ev.error("after takes fences, lists of fences, sync files and jobs, not " + v.typeName(),
                    at.span(), "write: async gpu after j.fence { ... }");
        }
    }

    /** {@code wait j}: the CPU blocks until the job completed (its completion interrupt). */
    static void await(Evaluator ev, Statement.Wait w, Environment env) {
        Value v = ev.expressions.evaluate(w.job(), env);
        if (!(v instanceof Value.Opaque o) || !(o.object() instanceof JobRun job)) {
            throw ev.error("wait takes a job, not " + v.typeName(), w.job().span(),
                    "start one with let j = async dev { ... }; to wait for a fence: dma_fence_wait(f)");
        }
        ev.interpreter.scheduler().waitJob(job, ev.site(w.span()));
    }

    /**
     * {@code wait until COND}: each evaluation of the condition is one event; one that fails and
     * changes nothing waits until another agent writes what it read.
     */
    static void waitUntil(Evaluator ev, Statement.WaitUntil w, Environment env) {
        Scheduler scheduler = ev.interpreter.scheduler();
        SourceSite site = ev.site(w.span());
        Scheduler.LoopWatch watch = scheduler.watchLoop(site, true);
        try {
            while (true) {
                watch.iteration(ev.interpreter.assignments());
                scheduler.beforeCpuEvent(site);
                boolean holds;
                scheduler.atomic(true);
                try {
                    holds = ev.expressions.condition(w.condition(), env);
                } finally {
                    scheduler.atomic(false);
                }
                scheduler.pollDone(holds);
                if (holds) {
                    return;
                }
                ev.interpreter.budget().tick();
            }
        } finally {
            watch.end();
        }
    }
}
