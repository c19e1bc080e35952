package org.dmasim.interpreter.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;

/**
 * Where each name of one program lives, worked out once before it runs (frame slots, as in
 * Truffle's SimpleLanguage): every scope that opens an {@link Environment} gets a {@link Layout}, and
 * every use, {@code let}, {@code fn} and assignment a {@link Local} (so many scopes out, that slot)
 * or {@link #GLOBAL} (no enclosing scope declares it: the run's global binding, else the registry's).
 *
 * <p>A slot is a shortcut, never the rule: a use checks that the scope it reaches has the expected
 * layout and that the slot is bound, and otherwise looks the name up by string as before (a use
 * before its {@code let} in the same scope, a scope a device job flattened). A job's body (it runs
 * on a frozen copy of its scope) and a declaration's fields get no slots at all.
 */
final class Slots {
    /** {@code hops} scopes out from the current one, slot {@code slot} of {@code layout}. */
    record Local(int hops, Layout layout, int slot) {
    }

    /** The name is bound in the run's global scope, if anywhere (see {@link Environment.Cell}). */
    static final Object GLOBAL = new Object();

    static final Slots NONE = new Slots();

    /** Layouts by the node that opens the scope: a block, a for loop, a function declaration. */
    private final Map<Object, Layout> layouts = new IdentityHashMap<>();
    /** The values of literals, made once: a loop's {@code 4KiB} is one value, not one per round. */
    private final Map<Expr, Value> constants = new IdentityHashMap<>();
    /** {@link Local}s and {@link #GLOBAL}s by node: a name, a let, a fn declaration, an assignment. */
    private final Map<Object, Object> refs = new IdentityHashMap<>();
    /** The scopes open while the program is walked, innermost first; empty at the top level. */
    private final Deque<Scope> scopes = new ArrayDeque<>();

    private record Scope(Layout layout, List<String> names) {
    }

    private Slots() {
    }

    static Slots of(List<Statement> program) {
        Slots s = new Slots();
        s.statements(program);
        return s;
    }

    /** The layout of the scope {@code node} opens, or null (names there are looked up by string). */
    Layout layout(Object node) {
        return layouts.get(node);
    }

    /** A {@link Local}, {@link #GLOBAL}, or null: the name at {@code node} is looked up by string. */
    Object ref(Object node) {
        return refs.get(node);
    }

    /** The value of the literal {@code e}, or null (not a literal, or not in this program). */
    Value constant(Expr e) {
        return constants.get(e);
    }

    // ---- the walk (mirrors the scopes Evaluator opens)

    private void statements(List<Statement> list) {
        for (Statement s : list) {
            statement(s);
        }
    }

    private void scope(Object node, List<String> first, Statement.Block body) {
        List<String> names = new ArrayList<>(first);
        for (Statement s : body.statements()) {
            String declared = switch (s) {
                case Statement.Let l -> l.name();
                case Statement.FnDecl f -> f.name();
                default -> null; // a device is always global (Declarations.device)
            };
            if (declared != null && !names.contains(declared)) {
                names.add(declared);
            }
        }
        Layout layout = new Layout(names);
        layouts.put(node, layout);
        scopes.push(new Scope(layout, names));
        statements(body.statements());
        scopes.pop();
    }

    private void block(Statement.Block b) {
        scope(b, List.of(), b);
    }

    private void statement(Statement s) {
        switch (s) {
            case Statement.Let l -> {
                expr(l.value());
                declare(l, l.name());
            }
            case Statement.Assign a -> {
                expr(a.value());
                use(a, a.name());
            }
            case Statement.ExprStatement e -> expr(e.expr());
            case Statement.FnDecl f -> {
                declare(f, f.name());
                scope(f, f.params(), f.body());
            }
            case Statement.Return r -> {
                if (r.value() != null) {
                    expr(r.value());
                }
            }
            case Statement.If i -> {
                expr(i.condition());
                block(i.then());
                if (i.orElse() instanceof Statement.Block b) {
                    block(b);
                } else if (i.orElse() != null) {
                    statement(i.orElse());
                }
            }
            case Statement.Block b -> block(b);
            case Statement.For f -> {
                expr(f.source());
                if (f.end() != null) {
                    expr(f.end());
                }
                scope(f, List.of(f.variable()), f.body());
            }
            case Statement.While w -> {
                expr(w.condition());
                block(w.body());
            }
            case Statement.Expect e -> expr(e.condition());
            case Statement.ExpectReport e -> block(e.body());
            case Statement.Write w -> {
                expr(w.target());
                expr(w.value());
            }
            case Statement.Wait w -> expr(w.job());
            case Statement.WaitUntil w -> expr(w.condition());
            // declarations' fields may be bare symbols, and imports run in the global scope: by string
            case Statement.ExpectClean e -> {
            }
            case Statement.ArchDecl d -> {
            }
            case Statement.MachineDecl d -> {
            }
            case Statement.DeviceDecl d -> {
            }
            case Statement.PresetDecl d -> {
            }
            case Statement.ProfileDecl d -> {
            }
            case Statement.Import i -> {
            }
        }
    }

    private void expr(Expr e) {
        switch (e) {
            case Expr.Name n -> use(n, n.name());
            case Expr.Call c -> {
                expr(c.callee());
                for (Argument a : c.arguments()) {
                    expr(a.value());
                }
            }
            case Expr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.FieldAccess f -> expr(f.target());
            case Expr.Slice s -> {
                expr(s.target());
                expr(s.lo());
                if (s.hi() != null) {
                    expr(s.hi());
                }
            }
            case Expr.Read r -> expr(r.target());
            case Expr.ListLiteral l -> l.items().forEach(this::expr);
            case Expr.RecordLiteral r -> r.fields().forEach(f -> expr(f.value()));
            case Expr.Async a -> a.after().forEach(this::expr); // the body runs on a frozen copy: by string
            case Expr.IntLiteral i -> constants.put(i, new Value.Int(i.value()));
            case Expr.StringLiteral s -> constants.put(s, new Value.Str(s.value()));
            case Expr.BoolLiteral b -> {
            }
            case Expr.NullLiteral n -> {
            }
        }
    }

    /** A {@code let} or {@code fn} binds in the scope it stands in. */
    private void declare(Object node, String name) {
        Scope here = scopes.peek();
        refs.put(node, here == null ? GLOBAL : new Local(0, here.layout(), here.names().indexOf(name)));
    }

    private void use(Object node, String name) {
        int hops = 0;
        for (Scope s : scopes) {
            int slot = s.names().indexOf(name);
            if (slot >= 0) {
                refs.put(node, new Local(hops, s.layout(), slot));
                return;
            }
            hops++;
        }
        refs.put(node, GLOBAL);
    }
}
