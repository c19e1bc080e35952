package org.dmasim.interpreter.eval;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Suggestions;

/**
 * The tree-walking evaluator of one file's statements. Expressions are {@link Expressions}'
 * job, declarations {@link Declarations}'; this class runs statements, blocks and control flow.
 */
final class Evaluator {
    /** {@code return} unwinding to the function call. */
    static final class ReturnSignal extends RuntimeException {
        final transient Value value;

        ReturnSignal(Value value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    final Interpreter interpreter;
    final SourceFile file;
    final Path directory;
    final boolean foreign;
    final Expressions expressions;
    /** The run's budget (the interpreter's, for good): every statement and expression ticks it. */
    final Budget budget;
    private final Declarations declarations;
    /**
     * The {@code line:col} text of the spans sites were made for (sites are made at every call),
     * by start offset (the text depends on nothing else): a direct-mapped cache, as a loop's sites
     * are few and a hash map's lookup per call showed in the profile.
     */
    private final int[] positionStarts = new int[CACHE];
    private final String[] positions = new String[CACHE];
    /** The source text of the expectations (as {@link #positions}, by span). */
    private final Span[] textSpans = new Span[CACHE];
    private final String[] texts = new String[CACHE];
    /** The call plans of this file's call sites (as {@link #positions}; the interpreter keeps them all). */
    private final Calls.Plan[] plans = new Calls.Plan[CACHE];
    /** The registry's value of this file's names (as {@link #positions}, by node; {@link #NOT_REGISTRY} for others). */
    private final Expr.Name[] names = new Expr.Name[CACHE];
    private final Value[] registryValues = new Value[CACHE];
    private static final Value NOT_REGISTRY = new Value.Str("not a registry name");
    private static final int CACHE = 256;
    /** Where this file's names live (see {@link Slots}). */
    final Slots slots;
    /** What this file's names, lets and assignments refer to in this run (as {@link #positions}, by node). */
    private final Object[] refNodes = new Object[CACHE];
    private final Object[] refs = new Object[CACHE];
    /** The layouts of this file's scopes (as {@link #positions}, by the node opening the scope). */
    private final Object[] layoutNodes = new Object[CACHE];
    private final Layout[] layouts = new Layout[CACHE];
    /** The literals of this file (as {@link #positions}, by node). */
    private final Expr[] constantNodes = new Expr[CACHE];
    private final Value[] constants = new Value[CACHE];
    /** A name {@link Slots} could not place: looked up by string. */
    private static final Object BY_NAME = new Object();

    /** A name resolved to the run's global scope: its cell there, and the registry's value for it (or null). */
    record Global(Environment.Cell cell, Value registry) {
    }

    Evaluator(Interpreter interpreter, SourceFile file, Path directory, boolean foreign) {
        this.interpreter = interpreter;
        this.file = file;
        this.directory = directory;
        this.foreign = foreign;
        this.slots = interpreter.slots(file);
        this.budget = interpreter.budget();
        this.expressions = new Expressions(this);
        this.declarations = new Declarations(this);
    }

    SourceSite site(Span span) {
        int slot = span.start() & (CACHE - 1);
        String position = positions[slot];
        if (position == null || positionStarts[slot] != span.start()) {
            position = new SourceSite(file, span, foreign).position();
            positions[slot] = position;
            positionStarts[slot] = span.start();
        }
        return new SourceSite(file, span, foreign, interpreter.iterations(), position);
    }

    /** {@link Interpreter#registryValue} of the name {@code n} stands for when no scope binds it, or null. */
    Value registryValue(Expr.Name n) {
        int slot = n.span().start() & (CACHE - 1);
        Value v;
        if (names[slot] == n) {
            v = registryValues[slot];
        } else {
            v = interpreter.registryValue(n.name());
            if (v == null) {
                v = NOT_REGISTRY;
            }
            names[slot] = n;
            registryValues[slot] = v;
        }
        return v == NOT_REGISTRY ? null : v;
    }

    /**
     * What the name at {@code node} (a name, a let, a fn, an assignment) refers to in this run: a
     * {@link Slots.Local}, a {@link Global}, or {@link #BY_NAME}.
     */
    Object ref(Object node, Span span, String name) {
        int slot = span.start() & (CACHE - 1);
        if (refNodes[slot] == node) {
            return refs[slot];
        }
        Object r = slots.ref(node);
        if (r == Slots.GLOBAL) {
            r = new Global(interpreter.globals().cell(name), interpreter.registryValue(name));
        } else if (r == null) {
            r = BY_NAME;
        }
        refNodes[slot] = node;
        refs[slot] = r;
        return r;
    }

    /** The value of literal {@code e}, made once (see {@link Slots#constant}), or null. */
    Value constant(Expr e) {
        int slot = e.span().start() & (CACHE - 1);
        if (constantNodes[slot] == e) {
            return constants[slot];
        }
        Value v = slots.constant(e);
        constantNodes[slot] = e;
        constants[slot] = v;
        return v;
    }

    /** A new scope for {@code node} (a block, a for loop, a function declaration) inside {@code env}. */
    Environment scope(Object node, Span span, Environment env) {
        int slot = span.start() & (CACHE - 1);
        Layout layout;
        if (layoutNodes[slot] == node) {
            layout = layouts[slot];
        } else {
            layout = slots.layout(node);
            layoutNodes[slot] = node;
            layouts[slot] = layout;
        }
        return env.child(layout);
    }

    /** The environment {@code hops} scopes out of {@code env} when it is the scope of {@code l}, else null. */
    static Environment reach(Environment env, Slots.Local l) {
        Environment e = env;
        for (int h = l.hops(); h > 0 && e != null; h--) {
            e = e.parent();
        }
        return e != null && e.layout == l.layout() ? e : null;
    }

    /** {@code let} or {@code fn}: binds {@code name} in {@code env}, in its slot when it has one. */
    private void bind(Object node, Span span, String name, Value v, Environment env) {
        Object r = ref(node, span, name);
        if (r instanceof Slots.Local l && l.hops() == 0 && env.layout == l.layout()) {
            env.slots[l.slot()] = v;
        } else if (r instanceof Global g && env == interpreter.globals()) {
            env.bind(g.cell(), name, v);
        } else {
            env.define(name, v);
        }
    }

    /** {@code name = v}: re-binds the nearest binding; false when there is none. */
    private boolean assign(Statement.Assign a, Value v, Environment env) {
        Object r = ref(a, a.span(), a.name());
        if (r instanceof Slots.Local l) {
            Environment e = reach(env, l);
            if (e != null && e.slots[l.slot()] != null) {
                e.slots[l.slot()] = v;
                return true;
            }
        } else if (r instanceof Global g && g.cell().value != null) {
            g.cell().value = v;
            return true;
        }
        return env.assign(a.name(), v);
    }

    /** The plan this file's call {@code c} has for {@code b}, or null (see {@link Calls.Plan}). */
    Calls.Plan plan(Expr.Call c, org.dmasim.interpreter.builtins.Builtin b) {
        Calls.Plan p = plans[c.span().start() & (CACHE - 1)];
        if (p != null && p.call() == c && p.builtin() == b) {
            return p;
        }
        p = interpreter.callPlan(c);
        if (p == null || p.builtin() != b) {
            p = Calls.Plan.of(b, c, interpreter);
            interpreter.callPlan(c, p);
        }
        plans[c.span().start() & (CACHE - 1)] = p;
        return p;
    }

    ScriptError error(String message, Span span, String help) {
        return new ScriptError(message, file, span, help);
    }

    String text(Span span) {
        return file.text().substring(span.start(), Math.min(span.end(), file.text().length()));
    }

    /** {@link #text} of a statement that runs again and again (an expectation in a loop), kept. */
    private String statementText(Span span) {
        int slot = span.start() & (CACHE - 1);
        if (span.equals(textSpans[slot])) {
            return texts[slot];
        }
        String t = text(span);
        textSpans[slot] = span;
        texts[slot] = t;
        return t;
    }

    /** Top level: after each statement, reports go out in program order. */
    void executeTop(List<Statement> statements, Environment env) {
        for (int i = 0; i < statements.size(); i++) { // no iterator per block run
            Statement s = statements.get(i);
            execute(s, env);
            done(s);
        }
    }

    void executeBlock(Statement.Block block, Environment env) {
        executeTop(block.statements(), env);
    }

    /** Tells the listener a statement of the scenario finished; blocks and loops tell it of their statements. */
    private void done(Statement s) {
        boolean around = s instanceof Statement.If || s instanceof Statement.Block || s instanceof Statement.For
                || s instanceof Statement.While || s instanceof Statement.ExpectReport || s instanceof Statement.FnDecl;
        if (!around && !foreign && interpreter.listener().followsStatements()) {
            interpreter.listener().statementDone(s, site(s.span()), interpreter);
        }
    }

    void execute(Statement statement, Environment env) {
        // guarded(), without a lambda per statement
        RuntimeException failed = null;
        try {
            budget.tick();
            run(statement, env);
            budget.checkCancelled();
        } catch (RuntimeException | StackOverflowError e) {
            failed = failure(statement, e);
        }
        drained(statement, failed);
        interpreter.statementDone();
    }

    /**
     * Hands the statement's reports over, then throws {@code failed} if it is not null. Keeping a
     * report can fail too (a concurrent run charges what it keeps to the budget): that is a
     * script error at the statement, unless the statement failed already (its own error first).
     * In a finally block it escaped as it was, an internal error, in place of the statement's.
     */
    private void drained(Statement statement, RuntimeException failed) {
        try {
            interpreter.drainReports();
        } catch (RuntimeException e) {
            if (failed == null) {
                failed = failure(statement, e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Runs part of {@code statement}: the engine's and the builtins' complaints become script
     * errors at the statement, and reports go out after it.
     */
    <T> T guarded(Statement statement, java.util.function.Supplier<T> part) {
        T result = null;
        RuntimeException failed = null;
        try {
            budget.tick();
            result = part.get();
            budget.checkCancelled();
        } catch (RuntimeException | StackOverflowError e) {
            failed = failure(statement, e);
        }
        drained(statement, failed);
        return result;
    }

    /** What a failure in {@code statement} becomes: a script error at it, or itself (an unwinding, a dmasim bug). */
    private RuntimeException failure(Statement statement, Throwable failure) {
        return switch (failure) {
            case ScriptFault fault -> new ScriptError(fault.getMessage(), file, statement.span(), null, fault.limit());
            case CallError e -> error(e.getMessage(), statement.span(), e.help());
            case Budget.Exceeded e -> new ScriptError(e.getMessage(), file, statement.span(), null, e.limit());
            case StackOverflowError e -> error("the script nests too deeply to run (the Java stack ran out in this "
                    + "statement)", statement.span(), null);
            case ForkRequest f when interpreter.scheduler().explores() -> f;
            case ForkRequest f -> error(f.getMessage() + " decides what happens next", statement.span(),
                    "dmasim run explores each possibility; here, compare with expect, or print the read");
            case RuntimeException e -> e;
            default -> throw new IllegalStateException(failure); // caught: RuntimeException or StackOverflowError
        };
    }

    private void run(Statement statement, Environment env) {
        switch (statement) { // the statements that run again and again first: the switch tests in order
            case Statement.Let l -> bind(l, l.span(), l.name(), labelled(l.name(), expressions.evaluate(l.value(), env)),
                    env);
            case Statement.Assign a -> {
                Value v = expressions.evaluate(a.value(), env);
                if (!assign(a, v, env)) {
                    throw error("'" + a.name() + "' is not declared", a.nameSpan(),
                            "declare it first: let " + a.name() + " = ...");
                }
                interpreter.noteAssignment();
                labelled(a.name(), v);
            }
            case Statement.FnDecl f -> {
                env.capture();
                bind(f, f.span(), f.name(), new Value.Function(f, env, file, directory, foreign), env);
            }
            case Statement.Return r -> throw new ReturnSignal(
                    r.value() == null ? Value.Null.NULL : expressions.evaluate(r.value(), env));
            case Statement.If i -> {
                if (expressions.condition(i.condition(), env)) {
                    executeBlock(i.then(), scope(i.then(), i.then().span(), env));
                } else if (i.orElse() instanceof Statement.Block b) {
                    executeBlock(b, scope(b, b.span(), env));
                } else if (i.orElse() != null) {
                    execute(i.orElse(), env);
                }
            }
            case Statement.Block b -> executeBlock(b, scope(b, b.span(), env));
            case Statement.For f -> forLoop(f, env);
            case Statement.While w -> whileLoop(w, env);
            case Statement.Wait w -> Jobs.await(this, w, env);
            case Statement.WaitUntil w -> Jobs.waitUntil(this, w, env);
            case Statement.Expect e -> expect(e, env);
            case Statement.ExpectReport e -> expectReport(e, env);
            case Statement.ExpectClean e -> {
                interpreter.scheduler().beforeCpuEvent(site(e.span()));
                interpreter.scheduler().observesReports();
                interpreter.expectation(site(e.span()), statementText(e.span()), interpreter.clean(),
                        "reports were raised outside expect-report blocks");
            }
            case Statement.Write w -> expressions.write(w, env);
            case Statement.ExprStatement s -> expressions.evaluate(s.expr(), env);
            case Statement.ArchDecl d -> declarations.arch(d);
            case Statement.MachineDecl d -> declarations.machine(d, env);
            case Statement.DeviceDecl d -> declarations.device(d, env);
            case Statement.PresetDecl d -> declarations.preset(d, env);
            case Statement.ProfileDecl d -> declarations.profile(d, env);
            case Statement.Import i -> importFile(i);
        }
    }

    /** Names the engine object a binding holds (once), so messages and help lines use the script's words. */
    private Value labelled(String name, Value v) {
        if (v instanceof Value.Int || v instanceof Value.Bool) {
            return v; // nothing to name (the commonest, a loop's counter): no type switch
        }
        switch (v) {
            case Value.View view when interpreter.firstName(view.view(), view.view().label()) ->
                    view.view().setLabel(interpreter.bindingLabel(name));
            case Value.Handle h when interpreter.firstName(h.handle(), h.handle().givenLabel()) ->
                    h.handle().setLabel(interpreter.bindingLabel(name));
            case Value.Opaque o when o.object() instanceof org.dmasim.engine.dmabuf.Named n
                    && interpreter.firstName(n) -> n.setLabel(name);
            case Value.Coherent c when interpreter.firstName(c.allocation()) -> {
                if (c.allocation().cpu() != null) {
                    c.allocation().cpu().setLabel(name + ".cpu");
                }
                c.allocation().dma().setLabel(name + ".dma");
            }
            default -> {
            }
        }
        return v;
    }

    /** An iteration that changed nothing waits for another agent to change what it read (a poll). */
    private void whileLoop(Statement.While w, Environment env) {
        Scheduler.LoopWatch watch = interpreter.scheduler().watchLoop(site(w.span()), w.body().statements().isEmpty());
        List<Long> outer = interpreter.iterations();
        Environment round = null;
        try {
            for (long k = 1; ; k++) {
                watch.iteration(interpreter.assignments());
                iteration(outer, k);
                if (!expressions.condition(w.condition(), env)) {
                    break;
                }
                budget.tick();
                round = round == null ? scope(w.body(), w.body().span(), env) : round.reopened();
                executeBlock(w.body(), round);
            }
        } finally {
            interpreter.iterations(outer);
            watch.end();
        }
    }

    /** Sites from now on name iteration {@code k} of the loop inside {@code outer}'s ({@code 20:9 #5}). */
    private void iteration(List<Long> outer, long k) {
        interpreter.iterationsOwned(new Rounds(outer, k));
    }

    private void forLoop(Statement.For f, Environment env) {
        Value source = expressions.evaluate(f.source(), env);
        List<Long> outer = interpreter.iterations();
        try {
            long k = 1;
            if (f.end() != null) {
                long from = Values.toLong(source, null);
                long to = Values.toLong(expressions.evaluate(f.end(), env), null);
                Environment body = null;
                for (long i = from; Long.compareUnsigned(i, to) < 0; i++) {
                    body = loopScope(f, env, body, new Value.Int(i));
                    iteration(outer, k++);
                    executeBlock(f.body(), body);
                }
                return;
            }
            if (!(source instanceof Value.ListValue list)) {
                throw error("for ... in needs a list or a range a..b, not " + source.typeName(), f.source().span(),
                        null);
            }
            Environment body = null;
            for (Value item : list.items()) {
                body = loopScope(f, env, body, item);
                iteration(outer, k++);
                executeBlock(f.body(), body);
            }
        } finally {
            interpreter.iterations(outer);
        }
    }

    /**
     * A round's scope of {@code f} (the last round's, {@code last}, emptied when no closure holds
     * it), its variable bound to {@code value} (slot 0 of the loop's layout).
     */
    private Environment loopScope(Statement.For f, Environment env, Environment last, Value value) {
        Environment body = last == null ? scope(f, f.span(), env) : last.reopened();
        if (body.layout != null) {
            body.slots[0] = value;
        } else {
            body.define(f.variable(), value);
        }
        return body;
    }

    private void expect(Statement.Expect e, Environment env) {
        Expressions.Judgement j = expressions.judge(e.quantifier(), e.condition(), env);
        interpreter.expectation(site(e.span()), statementText(e.span()), j.holds(), j.detail(),
                e.quantifier() == org.dmasim.interpreter.ast.Quantifier.SOMETIMES);
    }

    private void expectReport(Statement.ExpectReport e, Environment env) {
        for (int i = 0; i < e.codes().size(); i++) {
            String code = e.codes().get(i);
            if (!isReportCode(code)) {
                List<String> all = java.util.Arrays.stream(ReportCode.values()).map(Enum::name).toList();
                String near = Suggestions.closest(code, all);
                throw error("unknown report code '" + code + "'", e.codeSpans().get(i),
                        near != null ? "did you mean " + near + "?" : "the report codes are listed in docs/reference.md#report-codes");
            }
        }
        SourceSite site = site(e.span());
        if (e.never()) {
            expectNeverReport(e, env, site);
            return;
        }
        int first = interpreter.reportCount();
        interpreter.openExpectBlock(new LinkedHashSet<>(e.codes()), site);
        Set<String> missing;
        try {
            executeBlock(e.body(), scope(e.body(), e.body().span(), env));
        } catch (Scheduler.Hung h) {
            if (!e.codes().contains(ReportCode.HANG.name())) {
                throw h;
            }
            // the block waited forever and HANG was expected: go on after it, as a timed-out wait would
        } finally {
            missing = interpreter.closeExpectBlock();
        }
        List<String> raised = interpreter.codesSince(first);
        String detail = "the block raised " + (raised.isEmpty() ? "no report" : String.join(", ", raised))
                + "; expected " + String.join(", ", missing);
        interpreter.expectation(site, "expect report " + String.join(", ", e.codes()), missing.isEmpty(), detail,
                true);
    }

    /**
     * {@code expect never report X { ... }}: the block's reports stay unexpected (they are
     * findings), and the expectation fails in each execution where the block raised one of the codes.
     */
    private void expectNeverReport(Statement.ExpectReport e, Environment env, SourceSite site) {
        int first = interpreter.reportCount();
        try {
            executeBlock(e.body(), scope(e.body(), e.body().span(), env));
        } catch (Scheduler.Hung h) {
            if (!e.codes().contains(ReportCode.HANG.name())) {
                throw h;
            }
            // the HANG fails the expectation; the scenario goes on after the block
        }
        interpreter.drainReports();
        List<String> raised = interpreter.codesSince(first).stream().filter(e.codes()::contains).distinct().toList();
        interpreter.expectation(site, "expect never report " + String.join(", ", e.codes()), raised.isEmpty(),
                "the block raised " + String.join(", ", raised), false);
    }

    private static boolean isReportCode(String code) {
        for (ReportCode c : ReportCode.values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private void importFile(Statement.Import i) {
        Imports.Located found;
        try {
            found = Imports.locate(i.path(), directory, interpreter.fileImports()).orElseThrow(() -> error(
                    interpreter.fileImports() ? "cannot find " + i.path() + " next to this script or in the standard library"
                            : i.path() + " is not a library of the standard library (a sandboxed script imports no files)",
                    i.span(), null));
        } catch (java.io.UncheckedIOException e) {
            throw error("cannot read " + i.path() + ": " + e.getCause().getMessage(), i.span(), null);
        }
        if (interpreter.firstImport(found.key())) {
            interpreter.execute(interpreter.loader().load(found.source()), found.source(), found.directory(), true);
        }
    }
}
