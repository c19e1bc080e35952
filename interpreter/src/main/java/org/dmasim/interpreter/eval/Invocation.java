package org.dmasim.interpreter.eval;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.builtins.Arguments;
import org.dmasim.interpreter.builtins.CallContext;
import org.dmasim.interpreter.builtins.CallLayout;

/**
 * One call of a builtin at a call site: the frame its arguments are evaluated into, and what the
 * builtin sees of the run; as a supplier, the call itself. A site keeps one for its calls (a loop
 * calls it again and again, and three objects per call showed in the allocation profile); a call
 * of the site while that one is in use (a device job's step that runs inside a wait, a function
 * that recurses) makes its own. Nothing is kept between calls: the frame is refilled with the
 * defaults, and the site and arguments let go.
 */
final class Invocation implements CallContext, java.util.function.Supplier<Value> {
    private final Calls.Plan plan;
    /** The parameters' values, filled from the arguments (null when the keywords do not fit: bound by name). */
    final Value[] frame;
    /** {@link #frame} as the builtin reads it. */
    private final Arguments overFrame;
    private Evaluator ev;
    private SourceSite where;
    private Arguments args;
    private boolean busy;

    Invocation(Calls.Plan plan) {
        this.plan = plan;
        CallLayout layout = plan.layout();
        this.frame = layout.frame();
        this.overFrame = frame == null ? null : layout.arguments(frame);
    }

    /** This invocation for a call starting now, or a new one when it is in use. */
    Invocation take() {
        Invocation i = busy ? new Invocation(plan) : this;
        i.busy = true;
        return i;
    }

    /** The call runs in {@code ev} at {@code where}, with arguments {@code given} (in the site's order) or the frame. */
    Arguments bind(Evaluator ev, SourceSite where, Value[] given) {
        this.ev = ev;
        this.where = where;
        args = given == null ? plan.layout().bound(frame, overFrame) : plan.layout().bind(given);
        return args;
    }

    /** The call is over: the frame holds the defaults again, and nothing of the call stays reachable. */
    void release() {
        if (frame != null) {
            plan.layout().refill(frame);
        }
        ev = null;
        where = null;
        args = null;
        busy = false;
    }

    @Override
    public Value get() {
        return plan.builtin().implementation().call(this, args);
    }

    @Override
    public Kernel kernel() {
        return ev.interpreter.kernel();
    }

    @Override
    public Site site() {
        return where;
    }

    @Override
    public void print(String line) {
        // the reports the statement raised so far (in print's argument) come before its line, as
        // they do from JavaScript and Python, where each call hands its reports over as it returns
        ev.interpreter.drainReports();
        ev.interpreter.budget().printed(line.length() + 1L);
        ev.interpreter.listener().print(where, line);
    }

    @Override
    public void barrier(String name) {
        ev.interpreter.scheduler().barrier(name, ev.interpreter.kernel().machine().profile().ordering().orders(name),
                where);
    }

    @Override
    public void sawSignalled(org.dmasim.engine.sync.DmaFence fence) {
        ev.interpreter.scheduler().sawSignalled(fence);
    }

    @Override
    public void awaitFences(java.util.List<org.dmasim.engine.sync.DmaFence> fences, String what) {
        if (!ev.interpreter.scheduler().awaitFences(fences, what, where)) {
            CallContext.super.awaitFences(fences, what);
        }
    }

    @Override
    public String describe(Value value) {
        return Printer.describe(value);
    }

    @Override
    public String sourceText(String parameter) {
        Span s = Calls.span(plan.builtin(), plan.call(), parameter);
        return s == null ? null : ev.text(s);
    }
}
