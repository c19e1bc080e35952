package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.machine.MemoryOrdering;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.builtins.CallLayout;

/** Calls: binds arguments to a builtin's declared parameters (checking count and types), or runs a user function. */
final class Calls {
    /** Nested script function calls a run may make; the Java stack holds this many on any thread. */
    static final int MAX_CALL_DEPTH = 200;

    /** Builtins that only compute a value or print: no scheduling point before them. */
    static final java.util.Set<String> PURE = java.util.Set.of("u32", "u64", "pattern", "DMA_BIT_MASK",
            "print", "dma_fence_create");
    /**
     * The streaming DMA API (kernel/dma/mapping.c, direct.h): it orders the CPU's accesses only through
     * the cache maintenance it does (arm64 dcache_*_poc end in dsb sy, arch/arm64/mm/cache.S); a map,
     * unmap or sync that does none (a coherent device, a direction that needs none) orders nothing.
     */
    private static final java.util.regex.Pattern STREAMING = java.util.regex.Pattern.compile(
            "dma_(sync|map|unmap)_.*");
    private final Evaluator ev;
    /** The machine's ordering {@link #maintenanceOrders} was looked up in (an arch statement may change it). */
    private MemoryOrdering ordering;
    private java.util.Set<MemoryOrdering.Pair> maintenanceOrders;

    Calls(Evaluator ev) {
        this.ev = ev;
    }

    /** What the machine's cache maintenance orders (asked after every streaming call that maintained). */
    private java.util.Set<MemoryOrdering.Pair> maintenanceOrders() {
        MemoryOrdering now = ev.interpreter.kernel().machine().profile().ordering();
        if (now != ordering) {
            ordering = now;
            maintenanceOrders = now.orders(MemoryOrdering.CACHE_MAINTENANCE);
        }
        return maintenanceOrders;
    }

    Value call(Expr.Call c, Environment env) {
        Value callee = ev.expressions.evaluate(c.callee(), env);
        return switch (callee) {
            case Value.BuiltinFunction b -> builtin(b.builtin(), c, env);
            case Value.Function f -> function(f, c, env);
            default -> throw ev.error(ev.text(c.callee().span()) + " is " + callee.typeName() + ", not a function",
                    c.callee().span(), null);
        };
    }

    private Value function(Value.Function f, Expr.Call c, Environment env) {
        List<String> params = f.declaration().params();
        Evaluator body = f.file() == ev.file ? ev : new Evaluator(ev.interpreter, f.file(), f.directory(), f.foreign());
        Environment scope = body.scope(f.declaration(), f.declaration().span(), f.closure());
        boolean[] bound = new boolean[params.size()];
        int position = 0;
        for (Argument a : c.arguments()) {
            int p;
            if (a.key() == null) {
                if (position >= params.size()) {
                    throw ev.error(f.declaration().name() + " takes " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + ", got " + c.arguments().size(), a.span(), null);
                }
                p = position++;
            } else if (!params.contains(a.key())) {
                throw ev.error(f.declaration().name() + " has no parameter '" + a.key() + "'", a.span(),
                        "its parameters: " + String.join(", ", params));
            } else {
                p = params.indexOf(a.key());
            }
            String name = params.get(p);
            if (bound[params.indexOf(name)]) {
                throw ev.error("parameter '" + name + "' given twice", a.span(), null);
            }
            bound[params.indexOf(name)] = true;
            scope.define(name, ev.expressions.evaluate(a.value(), env));
        }
        for (int p = 0; p < params.size(); p++) {
            if (!bound[params.indexOf(params.get(p))]) {
                throw ev.error("missing argument '" + params.get(p) + "' of " + f.declaration().name() + "("
                        + String.join(", ", params) + ")", c.span(), null);
            }
        }
        try {
            if (ev.interpreter.enterCall() > MAX_CALL_DEPTH) {
                throw ev.error("the script recursed too deeply: more than " + MAX_CALL_DEPTH + " nested function calls"
                        + " (the call depth limit)", c.span(), "a kernel stack is 16 KiB: drivers loop instead of recursing");
            }
            body.executeBlock(f.declaration().body(), scope);
        } catch (Evaluator.ReturnSignal r) {
            return r.value;
        } catch (StackOverflowError e) {
            throw ev.error("the script recursed too deeply (the Java stack ran out in this call)", c.span(), null);
        } finally {
            ev.interpreter.exitCall();
        }
        return Value.Null.NULL;
    }

    /**
     * What a call site needs of its builtin, worked out at its first call: the arguments' keywords and
     * expressions, and whether the builtin is a scheduling point, observes reports, and what it
     * declares it returns ({@code returns}: the class of the last result that matched, a result of
     * that class needs no second look).
     */
    record Plan(Expr.Call call, Builtin builtin, CallLayout layout, Expr[] arguments, boolean pure,
            boolean observesReports, java.util.Set<ValueKind> declared, Class<?>[] returns, boolean barrier,
            boolean streaming, boolean mmio, Invocation[] reused) {
        static Plan of(Builtin b, Expr.Call c, Interpreter in) {
            String[] keys = new String[c.arguments().size()];
            Expr[] values = new Expr[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = c.arguments().get(i).key();
                values[i] = c.arguments().get(i).value();
            }
            var declared = in.registry().result(b.name());
            // an EnumSet: checked after every call (a hashed set hashes the constant by identity)
            return new Plan(c, b, new CallLayout(b, keys), values, PURE.contains(b.name()), b.name().equals("reports"),
                    declared == null ? null : declared.isEmpty() ? java.util.EnumSet.noneOf(ValueKind.class)
                            : java.util.EnumSet.copyOf(declared), new Class<?>[1],
                    BuiltinRegistry.ORDERING.contains(b.name()), STREAMING.matcher(b.name()).matches(),
                    BuiltinRegistry.MMIO.contains(b.name()), new Invocation[1]);
        }

        /** The site's {@link Invocation} for a call starting now (a new one while it is in use). */
        Invocation invocation() {
            Invocation i = reused[0];
            if (i == null) {
                i = new Invocation(this);
                reused[0] = i;
            }
            return i.take();
        }

        /** Whether {@code result} is of a kind the registry declares (a dmasim bug otherwise). */
        boolean returnsDeclared(Value result) {
            if (declared == null || result.getClass() == returns[0]) {
                return true;
            }
            if (!declared.contains(ValueKind.of(result))) {
                return false;
            }
            if (!(result instanceof Value.Slice)) { // a slice's kind depends on what it slices
                returns[0] = result.getClass();
            }
            return true;
        }
    }

    private Value builtin(Builtin b, Expr.Call c, Environment env) {
        Plan plan = ev.plan(c, b);
        Expr[] arguments = plan.arguments();
        CallLayout layout = plan.layout();
        Invocation call = plan.invocation();
        try {
            Value[] frame = call.frame;
            Value[] given;
            if (frame != null) {
                given = null;
                Expressions expressions = ev.expressions;
                for (int i = 0; i < arguments.length; i++) {
                    frame[layout.parameter(i)] = expressions.evaluate(arguments[i], env); // straight into its place
                }
            } else {
                given = new Value[arguments.length];
                for (int i = 0; i < arguments.length; i++) {
                    given[i] = ev.expressions.evaluate(arguments[i], env);
                }
            }
            return builtin(plan, call, given);
        } finally {
            call.release();
        }
    }

    /** The call of {@code plan}'s builtin, its arguments evaluated (in {@code given}, or in the call's frame). */
    private Value builtin(Plan plan, Invocation call, Value[] given) {
        Builtin b = plan.builtin();
        Expr.Call c = plan.call();
        SourceSite site = ev.site(c.span());
        try {
            call.bind(ev, site, given);
            Scheduler scheduler = ev.interpreter.scheduler();
            if (!plan.pure() && !plan.barrier()) {
                // a barrier takes its scheduling point itself (Scheduler.barrier)
                scheduler.beforeCpuEvent(site);
                if (!plan.streaming() && !plan.mmio()) {
                    scheduler.beforeKernelCall(site);
                }
            }
            var cache = ev.interpreter.kernel().machine().cache();
            long maintained = plan.streaming() ? cache.maintenanceOps() : 0;
            if (plan.observesReports()) {
                scheduler.observesReports();
            }
            int read = ev.interpreter.openRead();
            Value result;
            try {
                // a call that fails leaves the machine as it was (its reports dropped, its page faults
                // undone); a wait that hangs or an execution that forks keeps what the call did
                result = ev.interpreter.kernel().machine().atomically(call, Interpreter::undoesFailedCall);
            } finally {
                ev.interpreter.closeRead(read);
            }
            if (result instanceof Value.Outcomes o) {
                // a builtin that reads memory (ioread32, memcpy_fromio): a read like any other
                ev.interpreter.consumeRead(read);
                result = new Value.Outcomes(o.result(), read);
            }
            if (!plan.pure()) {
                scheduler.afterCpuCall(site);
            }
            if (plan.streaming() && cache.maintenanceOps() != maintained) {
                scheduler.barrier(MemoryOrdering.CACHE_MAINTENANCE, maintenanceOrders(), site);
            }
            if (!plan.returnsDeclared(result)) {
                // dmasim check relies on the declaration: a builtin that breaks it is a dmasim bug
                throw new IllegalStateException(b.name() + " returned " + result.typeName() + ", but the registry says "
                        + plan.declared());
            }
            return result;
        } catch (CallError e) {
            Span parameter = e.parameter() == null ? null : span(b, c, e.parameter());
            Span at = parameter != null ? parameter
                    : e.argument() >= 0 ? c.arguments().get(e.argument()).span() : c.span();
            String message = e.getMessage().startsWith(b.name()) ? e.getMessage() : b.name() + ": " + e.getMessage();
            throw ev.error(message, at, e.help());
        } catch (ScriptFault f) {
            throw new ScriptError(b.name() + ": " + f.getMessage(), ev.file, c.span(), null, f.limit());
        }
    }

    /**
     * The span of the argument bound to {@code parameter} (by keyword, else by position), or null when
     * the call left it out. Worked out only when asked (an error, a builtin quoting the argument's text).
     */
    static Span span(Builtin b, Expr.Call c, String parameter) {
        Span found = null;
        int position = 0;
        for (Argument a : c.arguments()) {
            String name = a.key() != null ? a.key()
                    : position < b.params().size() ? b.params().get(position++).name() : null;
            if (parameter.equals(name)) {
                found = a.value().span(); // the last one given wins, as a map put would
            }
        }
        return found;
    }
}
