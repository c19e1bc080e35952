package org.dmasim.interpreter.check;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Quantifier;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.eval.ValueKind;
import org.dmasim.interpreter.resolve.Resolver;

/**
 * Finds before a script runs the errors that running it would stop on for sure: a builtin called with
 * the wrong number of arguments, an unknown keyword, an argument that cannot be of a type the parameter
 * takes; a field a value cannot have; a slice of something that has no bytes; a name used above its
 * declaration; an unknown arch, preset, property or import. It infers what each expression may be
 * (literals, {@code let}s, declared devices, what builtins and script functions return) and reports
 * only what holds on every path: a value that may be null (a failed allocation) or a computed
 * index are left to the run.
 */
public final class TypeChecker {
    /** Rounds of the loop and global fixpoints before giving up on precision (then "any value"). */
    private static final int ROUNDS = 6;

    final Path directory;
    private final org.dmasim.interpreter.diag.SourceFile source;
    final ExpressionTypes expressions = new ExpressionTypes(this);
    final DeclarationChecks declarations;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, StaticType> imported;
    /** Every type each global ever holds: what a function body sees of it. */
    private final Map<String, StaticType> history = new HashMap<>();
    private final Map<Statement.FnDecl, StaticType> returns = new HashMap<>();
    private final Set<Statement.FnDecl> analysing = new HashSet<>();
    private final Deque<StaticType[]> functionReturns = new ArrayDeque<>();
    Scopes scopes = new Scopes();
    private boolean reporting;
    /** Inside a function body names resolve when it is called, so "declared below" is no error there. */
    boolean inFunction;

    private TypeChecker(org.dmasim.interpreter.diag.SourceFile source, Path directory,
            Map<String, StaticType> imported, Program program) {
        this.source = source;
        this.directory = directory;
        this.imported = imported;
        this.declarations = new DeclarationChecks(this, program);
    }

    /**
     * The type errors of a parsed and resolved script; {@code directory} is where its imports resolve.
     */
    public static List<Diagnostic> check(Program program, org.dmasim.interpreter.diag.SourceFile source,
            Path directory) {
        TypeChecker c = new TypeChecker(source, directory, ImportedTypes.of(program.statements(), directory), program);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, StaticType> before = new HashMap<>(c.history);
            c.returns.clear();
            c.top(program);
            if (c.history.equals(before)) {
                break;
            }
        }
        c.returns.clear();
        c.reporting = true;
        c.top(program);
        for (Statement s : program.statements()) {
            if (s instanceof Statement.FnDecl f) {
                c.body(f, c.globalView());
            }
        }
        c.diagnostics.sort(java.util.Comparator.comparingInt(d -> d.span().start()));
        return c.diagnostics;
    }

    private void top(Program program) {
        scopes = new Scopes();
        scopes.push(Resolver.declared(program.statements()));
        imported.forEach(scopes::define);
        statements(program.statements());
    }

    // ---- diagnostics

    String text(Span span) {
        return source.text().substring(span.start(), Math.min(span.end(), source.text().length()));
    }

    void error(Span span, String message, String help) {
        if (reporting && reported.add(span.start() + ":" + span.end() + ":" + message)) {
            diagnostics.add(Diagnostic.error(null, message, span).withHelp(help));
        }
    }

    // ---- names

    void define(String name, StaticType type) {
        scopes.define(name, type);
        if (scopes.depth() == 1) {
            history.merge(name, type, StaticType::join);
        }
    }

    void defineGlobal(String name, StaticType type) {
        scopes.defineGlobal(name, type);
        history.merge(name, type, StaticType::join);
    }

    private void assign(String name, StaticType type) {
        if (scopes.assign(name, type) == 0) {
            history.merge(name, type, StaticType::join);
        }
    }

    /** What a function body sees of the globals: every type each ever holds. */
    private Scopes globalView() {
        Scopes s = new Scopes();
        s.push(Set.of());
        imported.forEach(s::define);
        history.forEach(s::define);
        return s;
    }

    // ---- statements

    void statements(List<Statement> list) {
        for (Statement s : list) {
            statement(s);
        }
    }

    private void block(Statement.Block b, Map<String, StaticType> bound) {
        Set<String> declared = new HashSet<>(Resolver.declared(b.statements()));
        declared.addAll(bound.keySet());
        scopes.push(declared);
        bound.forEach(scopes::define);
        statements(b.statements());
        scopes.pop();
    }

    private void statement(Statement s) {
        switch (s) {
            case Statement.ArchDecl d -> declarations.arch(d);
            case Statement.MachineDecl d -> declarations.machine(d);
            case Statement.DeviceDecl d -> {
                declarations.device(d);
                defineGlobal(d.name(), StaticType.of(ValueKind.DEVICE));
            }
            case Statement.PresetDecl d -> declarations.preset(d);
            case Statement.ProfileDecl d -> declarations.profile(d);
            case Statement.Import i -> declarations.importFile(i);
            case Statement.Let l -> define(l.name(), expressions.type(l.value()));
            case Statement.Assign a -> assign(a.name(), expressions.type(a.value()));
            case Statement.FnDecl f -> {
                define(f.name(), StaticType.function(f));
                if (scopes.depth() > 1 || inFunction) {
                    body(f, scopes.copy());
                }
            }
            case Statement.Return r -> {
                StaticType t = r.value() == null ? StaticType.NULL : expressions.type(r.value());
                if (!functionReturns.isEmpty()) {
                    StaticType[] slot = functionReturns.peek();
                    slot[0] = slot[0].join(t);
                }
            }
            case Statement.If i -> {
                expressions.type(i.condition());
                Scopes otherwise = scopes.copy();
                block(i.then(), Map.of());
                Scopes then = scopes;
                scopes = otherwise;
                if (i.orElse() != null) {
                    statement(i.orElse());
                }
                scopes.joinFrom(then);
            }
            case Statement.Block b -> block(b, Map.of());
            case Statement.For f -> forLoop(f);
            case Statement.While w -> loop(() -> {
                expressions.type(w.condition());
                block(w.body(), Map.of());
            });
            case Statement.Expect e -> expect(e);
            case Statement.ExpectReport e -> block(e.body(), Map.of());
            case Statement.ExpectClean e -> {
            }
            case Statement.Write w -> expressions.write(w);
            case Statement.ExprStatement e -> expressions.type(e.expr());
            case Statement.Wait w -> expressions.type(w.job());
            case Statement.WaitUntil w -> expressions.type(w.condition());
        }
    }

    private void forLoop(Statement.For f) {
        StaticType source = expressions.type(f.source());
        StaticType variable;
        if (f.end() != null) {
            expressions.integer(source, f.source());
            expressions.integer(expressions.type(f.end()), f.end());
            variable = StaticType.INT;
        } else {
            if (source.never(Set.of(ValueKind.LIST))) {
                error(f.source().span(), "for ... in needs a list or a range a..b, not " + source.typeName(), null);
            }
            variable = source.element() == null || !source.may(ValueKind.LIST) ? StaticType.UNKNOWN : source.element();
        }
        loop(() -> block(f.body(), Map.of(f.variable(), variable)));
    }

    /** A loop body: silently to the types it settles on, then once more, reporting. */
    private void loop(Runnable body) {
        boolean was = reporting;
        reporting = false;
        for (int round = 0; round < ROUNDS; round++) {
            Scopes start = scopes.copy();
            body.run();
            scopes.joinFrom(start);
            if (scopes.sameAs(start)) {
                break;
            }
            if (round == ROUNDS - 1) {
                scopes.widenFrom(start);
            }
        }
        reporting = was;
        Scopes settled = scopes.copy();
        body.run();
        scopes.joinFrom(settled);
    }

    private void expect(Statement.Expect e) {
        Expr c = e.condition();
        boolean comparesRead = c instanceof Expr.Binary b && (b.op() == org.dmasim.interpreter.ast.BinaryOp.EQ
                || b.op() == org.dmasim.interpreter.ast.BinaryOp.NE)
                && (b.left() instanceof Expr.Read || b.right() instanceof Expr.Read);
        if (comparesRead) {
            Expr.Binary b = (Expr.Binary) c;
            Expr value = b.left() instanceof Expr.Read ? b.right() : b.left();
            expressions.type(b.left() instanceof Expr.Read ? b.left() : b.right());
            expressions.writable(expressions.type(value), value);
            return;
        }
        if (e.quantifier() == Quantifier.SOMETIMES || e.quantifier() == Quantifier.NEVER) {
            String q = e.quantifier().name().toLowerCase();
            error(c.span(), "'expect " + q + "' judges a read compared with a value",
                    "write: expect " + q + " cpu reads buf[0..64] == 0x5A");
            return;
        }
        StaticType t = expressions.type(c);
        if (c instanceof Expr.Read || t.is(ValueKind.OUTCOMES)) {
            error(c.span(), "a read alone is not a condition", "compare it with a value: expect cpu reads buf[0..64] == 0x5A");
        }
    }

    // ---- script functions

    /** What a call of {@code f} returns: its body's {@code return}s, with the parameters unknown. */
    StaticType returnType(Statement.FnDecl f) {
        StaticType known = returns.get(f);
        if (known != null) {
            return known;
        }
        if (!analysing.add(f)) {
            return StaticType.UNKNOWN; // recursion: known once the outer analysis ends
        }
        boolean was = reporting;
        reporting = false;
        StaticType t = body(f, globalView());
        reporting = was;
        analysing.remove(f);
        returns.put(f, t);
        return t;
    }

    /** Checks a function body in {@code outer} with unknown parameters; returns what it may return. */
    private StaticType body(Statement.FnDecl f, Scopes outer) {
        Scopes saved = scopes;
        boolean wasInFunction = inFunction;
        scopes = outer;
        inFunction = true;
        StaticType[] slot = {StaticType.NULL};
        functionReturns.push(slot);
        try {
            Map<String, StaticType> params = new HashMap<>();
            f.params().forEach(p -> params.put(p, StaticType.UNKNOWN));
            block(f.body(), params);
        } finally {
            functionReturns.pop();
            scopes = saved;
            inFunction = wasInFunction;
        }
        return slot[0];
    }
}
