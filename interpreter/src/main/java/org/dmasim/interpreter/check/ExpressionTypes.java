package org.dmasim.interpreter.check;

import static org.dmasim.interpreter.eval.ValueKind.BOOL;
import static org.dmasim.interpreter.eval.ValueKind.BUILTIN;
import static org.dmasim.interpreter.eval.ValueKind.BYTES;
import static org.dmasim.interpreter.eval.ValueKind.COHERENT;
import static org.dmasim.interpreter.eval.ValueKind.DEVICE;
import static org.dmasim.interpreter.eval.ValueKind.FUNCTION;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE_SLICE;
import static org.dmasim.interpreter.eval.ValueKind.INT;
import static org.dmasim.interpreter.eval.ValueKind.LIST;
import static org.dmasim.interpreter.eval.ValueKind.STRING;
import static org.dmasim.interpreter.eval.ValueKind.VIEW;
import static org.dmasim.interpreter.eval.ValueKind.VIEW_SLICE;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ast.Actor;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.BinaryOp;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.ArgumentBinder;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * The type of each expression, and the errors that using it so is sure to raise, with the messages
 * the evaluator gives for them (so {@code check} and {@code run} say the same thing).
 */
final class ExpressionTypes {
    /** What {@code Values.toLong} takes. */
    private static final Set<ValueKind> INTEGERS = EnumSet.of(INT, HANDLE, BOOL);
    private static final Set<ValueKind> SLICEABLE = EnumSet.of(LIST, VIEW, VIEW_SLICE, HANDLE, HANDLE_SLICE, COHERENT);
    /** What the CPU reads and writes ({@code Values.toViewRange}). */
    private static final Set<ValueKind> CPU_TARGETS = EnumSet.of(VIEW, VIEW_SLICE);
    /** What a device reads and writes ({@code Values.toHandleRange}; a view only when it is the device's VRAM). */
    private static final Set<ValueKind> DEVICE_TARGETS = EnumSet.of(HANDLE, HANDLE_SLICE, VIEW, VIEW_SLICE);
    /** What {@code Values.toBytes} writes. */
    private static final Set<ValueKind> WRITABLE = EnumSet.of(INT, STRING, LIST, BYTES, BOOL);

    private final TypeChecker checker;
    private final BuiltinRegistry registry = BuiltinRegistry.standard();

    ExpressionTypes(TypeChecker checker) {
        this.checker = checker;
    }

    StaticType type(Expr e) {
        return switch (e) {
            case Expr.IntLiteral i -> StaticType.INT;
            case Expr.StringLiteral s -> StaticType.STRING;
            case Expr.BoolLiteral b -> StaticType.BOOL;
            case Expr.NullLiteral n -> StaticType.NULL;
            case Expr.Name n -> name(n);
            case Expr.ListLiteral l -> {
                StaticType items = StaticType.NOTHING;
                for (Expr item : l.items()) {
                    items = items.join(type(item));
                }
                yield StaticType.list(items);
            }
            case Expr.RecordLiteral r -> record(r.fields());
            case Expr.Unary u -> {
                StaticType operand = type(u.operand());
                if (u.op() != org.dmasim.interpreter.ast.UnaryOp.NOT) {
                    operator(operand, u.operand());
                    yield StaticType.INT;
                }
                yield StaticType.BOOL;
            }
            case Expr.Binary b -> binary(b);
            case Expr.Call c -> call(c);
            case Expr.FieldAccess f -> FieldTypes.of(type(f.target()), f, checker);
            case Expr.Slice s -> slice(s);
            case Expr.Read r -> {
                access(r.actor(), type(r.target()), r.target());
                yield StaticType.OUTCOMES;
            }
            case Expr.Async a -> {
                // a job: its after list is typed here; its body holds device statements the resolver checked
                a.after().forEach(this::type);
                yield StaticType.of(ValueKind.OPAQUE);
            }
        };
    }

    private StaticType name(Expr.Name n) {
        StaticType t = checker.scopes.lookup(n.name());
        if (t != null) {
            return t;
        }
        var builtin = registry.builtin(n.name());
        if (builtin.isPresent()) {
            return StaticType.builtin(builtin.get());
        }
        var constant = registry.constant(n.name());
        if (constant.isPresent()) {
            return StaticType.of(ValueKind.of(constant.get().value()));
        }
        declaredBelow(n.name(), n.span(), "unknown name");
        return StaticType.UNKNOWN;
    }

    /**
     * A name used above its declaration in straight-line code: the run has not bound it yet there (a
     * function body runs later, when it is called, so it may use what is declared below it).
     */
    private void declaredBelow(String name, org.dmasim.interpreter.ast.Span at, String message) {
        if (!checker.inFunction && checker.scopes.declaredLater(name)) {
            checker.error(at, message + " '" + name + "'",
                    "'" + name + "' is declared further down: declare it before its first use");
        }
    }

    private StaticType record(List<Field> fields) {
        Map<String, StaticType> out = new LinkedHashMap<>();
        for (Field f : fields) {
            if (out.put(f.key(), type(f.value())) != null) {
                checker.error(f.keySpan(), "field '" + f.key() + "' given twice", null);
            }
        }
        return StaticType.record(out);
    }

    private StaticType binary(Expr.Binary b) {
        StaticType l = type(b.left());
        StaticType r = type(b.right());
        return switch (b.op()) {
            case AND, OR, EQ, NE -> StaticType.BOOL;
            case LT, LE, GT, GE -> {
                if (!(l.may(STRING) && r.may(STRING))) {
                    operator(l, b.left());
                    operator(r, b.right());
                }
                yield StaticType.BOOL;
            }
            case ADD -> add(b, l, r);
            case SUB, MUL, DIV, MOD, SHL, SHR, BIT_AND, BIT_OR, BIT_XOR -> {
                operator(l, b.left());
                operator(r, b.right());
                yield StaticType.INT;
            }
        };
    }

    /** Integers add; strings and lists concatenate (as {@code Operators.add}). */
    private StaticType add(Expr.Binary b, StaticType l, StaticType r) {
        if (l.is(LIST) && r.never(Set.of(LIST)) || r.is(LIST) && l.never(Set.of(LIST))) {
            Expr other = l.is(LIST) ? b.right() : b.left();
            checker.error(other.span(), "a list adds only a list, not " + (l.is(LIST) ? r : l).typeName(),
                    "wrap the item in brackets: xs + [" + checker.text(other.span()) + "]");
            return StaticType.list(StaticType.UNKNOWN);
        }
        boolean strings = l.may(STRING) && r.may(STRING);
        boolean lists = l.may(LIST) && r.may(LIST);
        if (!strings && !lists) {
            operator(l, b.left());
            operator(r, b.right());
        }
        StaticType out = StaticType.NOTHING;
        if (strings) {
            out = out.join(StaticType.STRING);
        }
        if (lists) {
            StaticType items = l.element() == null || r.element() == null ? StaticType.UNKNOWN
                    : l.element().join(r.element());
            out = out.join(StaticType.list(items));
        }
        if (l.kinds().stream().anyMatch(INTEGERS::contains) && r.kinds().stream().anyMatch(INTEGERS::contains)) {
            out = out.join(StaticType.INT);
        }
        return out.kinds().isEmpty() ? StaticType.UNKNOWN : out;
    }

    /** An operand of arithmetic ({@code Operators.integer}). */
    private void operator(StaticType t, Expr at) {
        if (t.never(INTEGERS)) {
            checker.error(at.span(), "expected an integer here, not " + t.typeName(), null);
        }
    }

    /** An integer where the evaluator converts without a word of its own ({@code Values.toLong}). */
    void integer(StaticType t, Expr at) {
        if (t.never(INTEGERS)) {
            checker.error(at.span(), "expected an integer, not " + t.typeName(), null);
        }
    }

    private StaticType slice(Expr.Slice s) {
        StaticType target = type(s.target()).withoutNull();
        integer(type(s.lo()), s.lo());
        if (s.hi() != null) {
            integer(type(s.hi()), s.hi());
        }
        if (target.is(COHERENT)) {
            checker.error(s.target().span(), "a coherent allocation has two sides",
                    "slice its CPU side (.cpu) or its DMA side (.dma)");
            return StaticType.UNKNOWN;
        }
        if (target.never(SLICEABLE)) {
            checker.error(s.target().span(), "cannot slice " + target.typeName(), null);
            return StaticType.UNKNOWN;
        }
        StaticType out = StaticType.NOTHING;
        if (target.may(LIST)) {
            StaticType items = target.element() == null ? StaticType.UNKNOWN : target.element();
            out = out.join(s.hi() == null ? items : StaticType.list(items));
        }
        if (target.may(VIEW) || target.may(VIEW_SLICE)) {
            out = out.join(StaticType.of(VIEW_SLICE));
        }
        if (target.may(HANDLE) || target.may(HANDLE_SLICE)) {
            out = out.join(StaticType.of(HANDLE_SLICE));
        }
        return out.kinds().isEmpty() ? StaticType.UNKNOWN : out;
    }

    // ---- memory accesses

    void write(Statement.Write w) {
        StaticType target = type(w.target());
        StaticType value = type(w.value());
        access(w.actor(), target, w.target());
        writable(value, w.value());
    }

    /** What the actor of a read or a write accesses: a CPU view for the CPU, a DMA handle for a device. */
    private void access(Actor actor, StaticType target, Expr at) {
        if (actor.isCpu()) {
            cpuTarget(target, at);
        } else {
            actor(actor);
            deviceTarget(target, at);
        }
    }

    /** A value to write ({@code Values.toBytes}): a byte, a string, a list of bytes, u32/u64/pattern. */
    void writable(StaticType t, Expr at) {
        if (at instanceof Expr.IntLiteral i && (i.value() < 0 || i.value() > 255)) {
            checker.error(at.span(), "a single written value is a byte 0..255, not " + Long.toUnsignedString(i.value()),
                    "write wider values with u32(x) or u64(x)");
        } else if (at instanceof Expr.StringLiteral s && s.value().isEmpty()) {
            checker.error(at.span(), "cannot write an empty value", null);
        } else if (t.never(WRITABLE)) {
            checker.error(at.span(), "cannot write " + t.typeName(),
                    "write a byte, a string, a list of bytes, u32(x), u64(x) or pattern(seed)");
        }
    }

    private void cpuTarget(StaticType type, Expr at) {
        StaticType t = type.withoutNull();
        if (t.is(COHERENT)) {
            checker.error(at.span(), "a coherent allocation has two sides", "use its CPU side, .cpu, or its DMA side, .dma");
        } else if (t.never(CPU_TARGETS)) {
            checker.error(at.span(), "expected a buffer or CPU view, not " + t.typeName(), null);
        }
    }

    private void deviceTarget(StaticType type, Expr at) {
        StaticType t = type.withoutNull();
        if (t.is(COHERENT)) {
            checker.error(at.span(), "a coherent allocation has two sides", "use its DMA side, .dma");
        } else if (t.is(INT)) {
            checker.error(at.span(), "a device accesses memory through a DMA handle, not a plain number",
                    "map the buffer first: let m = dma_map_single(dev, buf, dir)");
        } else if (t.never(DEVICE_TARGETS) && !t.may(INT)) {
            checker.error(at.span(), "expected a DMA handle, not " + t.typeName(), null);
        }
    }

    private void actor(Actor actor) {
        StaticType t = checker.scopes.lookup(actor.name());
        if (t == null) {
            declaredBelow(actor.name(), actor.span(), "unknown device");
        } else if (t.never(Set.of(DEVICE))) {
            checker.error(actor.span(), "'" + actor.name() + "' is " + t.typeName() + ", not a device",
                    "the actor of reads/writes is cpu or a declared device");
        }
    }

    // ---- calls

    private StaticType call(Expr.Call c) {
        StaticType callee = type(c.callee());
        List<StaticType> args = new ArrayList<>();
        for (Argument a : c.arguments()) {
            args.add(type(a.value()));
        }
        if (callee.builtin() != null && callee.is(BUILTIN)) {
            return builtin(callee.builtin(), c, args);
        }
        if (callee.function() != null && callee.is(FUNCTION)) {
            return function(callee.function(), c);
        }
        if (callee.never(Set.of(FUNCTION, BUILTIN))) {
            checker.error(c.callee().span(), checker.text(c.callee().span()) + " is " + callee.typeName()
                    + ", not a function", null);
        }
        return StaticType.UNKNOWN;
    }

    /** The evaluator's own binding rules ({@link ArgumentBinder#match}) on what the arguments may be. */
    private StaticType builtin(Builtin b, Expr.Call c, List<StaticType> args) {
        List<ArgumentBinder.Written<StaticType>> written = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            written.add(new ArgumentBinder.Written<>(c.arguments().get(i).key(), args.get(i)));
        }
        try {
            ArgumentBinder.match(b, written, StaticType::kinds, StaticType::typeName);
        } catch (CallError e) {
            var at = e.argument() >= 0 ? c.arguments().get(e.argument()).span() : c.span();
            String message = e.getMessage().startsWith(b.name()) ? e.getMessage() : b.name() + ": " + e.getMessage();
            checker.error(at, message, e.help());
        }
        Set<ValueKind> result = registry.result(b.name());
        return result == null ? StaticType.UNKNOWN : StaticType.of(result);
    }

    /** A script function: its parameters by position and name ({@code Calls.function}). */
    private StaticType function(Statement.FnDecl f, Expr.Call c) {
        List<String> params = f.params();
        List<String> bound = new ArrayList<>();
        int position = 0;
        for (Argument a : c.arguments()) {
            String name;
            if (a.key() == null) {
                if (position >= params.size()) {
                    checker.error(a.span(), f.name() + " takes " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + ", got " + c.arguments().size(), null);
                    return checker.returnType(f);
                }
                name = params.get(position++);
            } else if (!params.contains(a.key())) {
                checker.error(a.span(), f.name() + " has no parameter '" + a.key() + "'",
                        "its parameters: " + String.join(", ", params));
                return checker.returnType(f);
            } else {
                name = a.key();
            }
            if (bound.contains(name)) {
                checker.error(a.span(), "parameter '" + name + "' given twice", null);
            }
            bound.add(name);
        }
        for (String p : params) {
            if (!bound.contains(p)) {
                checker.error(c.span(), "missing argument '" + p + "' of " + f.name() + "(" + String.join(", ", params)
                        + ")", null);
                break;
            }
        }
        return checker.returnType(f);
    }
}
