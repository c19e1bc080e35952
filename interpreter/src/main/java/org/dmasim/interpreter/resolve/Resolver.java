package org.dmasim.interpreter.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.Suggestions;

/**
 * Finds every name a script uses that nothing declares, before the script runs, so a typo is one
 * error with a did-you-mean instead of a run that stops half-way. A name is known when the
 * registry binds it, or a {@code let}, {@code fn}, parameter, loop variable or {@code device}
 * of an enclosing scope declares it anywhere (functions may use globals declared after them).
 */
public final class Resolver {
    private final BuiltinRegistry registry = BuiltinRegistry.standard();
    private final Set<String> imported;
    private final Deque<Set<String>> scopes = new ArrayDeque<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** @param imported names the script's imports declare at their top level */
    public Resolver(Set<String> imported) {
        this.imported = imported;
    }

    /** Every unknown name, unknown report code and assignment to an undeclared name. */
    public List<Diagnostic> resolve(List<Statement> program) {
        scopes.push(declared(program));
        statements(program);
        scopes.pop();
        return diagnostics;
    }

    /** The names a list of statements declares at its own level. */
    public static Set<String> declared(List<Statement> statements) {
        Set<String> names = new HashSet<>();
        for (Statement s : statements) {
            switch (s) {
                case Statement.Let l -> names.add(l.name());
                case Statement.FnDecl f -> names.add(f.name());
                case Statement.DeviceDecl d -> names.add(d.name());
                default -> {
                }
            }
        }
        return names;
    }

    private void statements(List<Statement> list) {
        for (Statement s : list) {
            statement(s);
        }
    }

    private void block(Statement.Block b, Set<String> extra) {
        Set<String> names = declared(b.statements());
        names.addAll(extra);
        scopes.push(names);
        statements(b.statements());
        scopes.pop();
    }

    private void statement(Statement s) {
        switch (s) {
            case Statement.ArchDecl d -> {
            }
            case Statement.MachineDecl d -> fields(d.fields());
            case Statement.DeviceDecl d -> fields(d.fields());
            case Statement.PresetDecl d -> fields(d.fields());
            case Statement.ProfileDecl d -> fields(d.fields());
            case Statement.Import i -> {
            }
            case Statement.Let l -> expr(l.value());
            case Statement.Assign a -> {
                expr(a.value());
                if (!known(a.name())) {
                    diagnostics.add(Diagnostic.error(null, "'" + a.name() + "' is not declared", a.nameSpan())
                            .withHelp("declare it first: let " + a.name() + " = ..."));
                }
            }
            case Statement.FnDecl f -> block(f.body(), new HashSet<>(f.params()));
            case Statement.Return r -> {
                if (r.value() != null) {
                    expr(r.value());
                }
            }
            case Statement.If i -> {
                expr(i.condition());
                block(i.then(), Set.of());
                if (i.orElse() != null) {
                    statement(i.orElse());
                }
            }
            case Statement.Block b -> block(b, Set.of());
            case Statement.For f -> {
                expr(f.source());
                if (f.end() != null) {
                    expr(f.end());
                }
                block(f.body(), Set.of(f.variable()));
            }
            case Statement.While w -> {
                expr(w.condition());
                block(w.body(), Set.of());
            }
            case Statement.Expect e -> expr(e.condition());
            case Statement.ExpectReport e -> {
                for (int k = 0; k < e.codes().size(); k++) {
                    reportCode(e.codes().get(k), e.codeSpans().get(k));
                }
                block(e.body(), Set.of());
            }
            case Statement.ExpectClean e -> {
            }
            case Statement.Write w -> {
                actor(w.actor().name(), w.actor().span(), w.actor().isCpu());
                expr(w.target());
                expr(w.value());
            }
            case Statement.Wait w -> expr(w.job());
            case Statement.WaitUntil w -> expr(w.condition());
            case Statement.ExprStatement e -> {
                expr(e.expr());
                discarded(e.expr());
            }
        }
    }

    /** The MMIO stores that may ring a job's doorbell (include/asm-generic/io.h). */
    static final List<String> DOORBELLS = List.of("writel", "writel_relaxed", "writeb", "writeb_relaxed", "writew",
            "writew_relaxed", "writeq", "writeq_relaxed");

    /**
     * A statement that is only a call of a {@link org.dmasim.interpreter.builtins.Builtin#pure} builtin
     * drops the only thing the call does: script values never change in place, so
     * {@code iosys_map_incr(map, 16)} alone (the kernel's in-place form) leaves {@code map} as it was.
     */
    private void discarded(Expr e) {
        if (!(e instanceof Expr.Call c) || !(c.callee() instanceof Expr.Name n) || known(n.name())) {
            return;
        }
        var builtin = registry.builtin(n.name());
        if (builtin.isEmpty() || !builtin.get().pure()) {
            return;
        }
        String call = n.name() + "(" + (c.arguments().isEmpty() ? "" : "...") + ")";
        String help = !c.arguments().isEmpty() && c.arguments().get(0).value() instanceof Expr.Name first
                ? "script values do not change in place: assign the result (" + first.name() + " = " + n.name()
                        + "(" + first.name() + (c.arguments().size() > 1 ? ", ..." : "") + "))"
                : "use the result (let x = " + call + ") or drop the statement";
        diagnostics.add(Diagnostic.error(null, "the result of " + n.name() + "() is discarded, and the call does "
                + "nothing else: it returns " + builtin.get().returns(), c.span()).withHelp(help));
    }

    /** A job: its device, its dependencies, and a body in a scope of its own (docs/concurrency.md). */
    private void async(Expr.Async a) {
        if (a.device().isCpu()) {
            diagnostics.add(Diagnostic.error(null, "the CPU does not run jobs: async starts a device's job",
                    a.device().span()).withHelp("name a declared device: async nic { nic writes m = 1 }"));
        } else {
            actor(a.device().name(), a.device().span(), false);
        }
        if (a.via() != null && !DOORBELLS.contains(a.via())) {
            String near = org.dmasim.interpreter.diag.Suggestions.closest(a.via(), DOORBELLS);
            diagnostics.add(Diagnostic.error(null, "'" + a.via() + "' is not a doorbell write: a job starts with "
                    + "writel() or writel_relaxed() (or the 8, 16 and 64-bit forms)", a.viaSpan())
                    .withHelp(near != null ? "did you mean '" + near + "'?" : "write: async nic via writel { ... }"));
        }
        a.after().forEach(this::expr);
        JobBodies.check(a, diagnostics::add);
        block(a.body(), Set.of());
    }

    /** Property values may be bare symbols ({@code clean}, {@code shmem}): only calls inside are checked. */
    private void fields(List<Field> fields) {
        for (Field f : fields) {
            if (!(f.value() instanceof Expr.Name) && !(f.value() instanceof Expr.RecordLiteral)) {
                expr(f.value());
            }
        }
    }

    private void expr(Expr e) {
        switch (e) {
            case Expr.Name n -> name(n.name(), n.span());
            case Expr.Call c -> {
                expr(c.callee());
                for (Argument a : c.arguments()) {
                    expr(a.value());
                }
            }
            case Expr.FieldAccess f -> expr(f.target());
            case Expr.Slice s -> {
                expr(s.target());
                expr(s.lo());
                if (s.hi() != null) {
                    expr(s.hi());
                }
            }
            case Expr.Read r -> {
                actor(r.actor().name(), r.actor().span(), r.actor().isCpu());
                expr(r.target());
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.ListLiteral l -> l.items().forEach(this::expr);
            case Expr.RecordLiteral r -> r.fields().forEach(f -> expr(f.value()));
            case Expr.IntLiteral i -> {
            }
            case Expr.StringLiteral s -> {
            }
            case Expr.BoolLiteral b -> {
            }
            case Expr.NullLiteral n -> {
            }
            case Expr.Async a -> async(a);
        }
    }

    private void actor(String name, Span span, boolean cpu) {
        if (!cpu && !known(name)) {
            unknown(name, span, "unknown device '" + name + "'");
        }
    }

    private void name(String name, Span span) {
        if (!known(name) && registry.builtin(name).isEmpty() && registry.constant(name).isEmpty()) {
            unknown(name, span, "unknown name '" + name + "'");
        }
    }

    private boolean known(String name) {
        if (imported.contains(name)) {
            return true;
        }
        for (Set<String> scope : scopes) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private void unknown(String name, Span span, String message) {
        Set<String> candidates = new LinkedHashSet<>(imported);
        scopes.forEach(candidates::addAll);
        candidates.addAll(registry.names());
        String near = Suggestions.closest(name, candidates);
        diagnostics.add(Diagnostic.error(null, message, span).withHelp(near == null ? null : "did you mean '" + near + "'?"));
    }

    private void reportCode(String code, Span span) {
        List<String> codes = Arrays.stream(ReportCode.values()).map(Enum::name).toList();
        if (!codes.contains(code)) {
            String near = Suggestions.closest(code, codes);
            diagnostics.add(Diagnostic.error(null, "unknown report code '" + code + "'", span)
                    .withHelp(near != null ? "did you mean " + near + "?" : "the report codes are listed in docs/reference.md#report-codes"));
        }
    }
}
