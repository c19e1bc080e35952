package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.Device;
import org.dmasim.interpreter.ast.Actor;
import org.dmasim.interpreter.ast.BinaryOp;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Quantifier;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.builtins.HandleRange;
import org.dmasim.interpreter.builtins.ViewRange;
import org.dmasim.interpreter.diag.Suggestions;

/** Evaluates expressions: names, operators, calls, fields, slices, and reads and writes of memory. */
final class Expressions {
    /** An expectation's verdict and, when it fails, why. */
    record Judgement(boolean holds, String detail) {
    }

    private final Evaluator ev;
    private final Calls calls;

    Expressions(Evaluator ev) {
        this.ev = ev;
        this.calls = new Calls(ev);
    }

    Value evaluate(Expr e, Environment env) {
        ev.budget.tickExpression();
        return switch (e) { // the commonest first: the switch tests the cases in order
            case Expr.Name n -> name(n, env);
            case Expr.Call c -> calls.call(c, env);
            case Expr.IntLiteral i -> {
                Value v = ev.constant(i);
                yield v != null ? v : new Value.Int(i.value());
            }
            case Expr.StringLiteral s -> {
                Value v = ev.constant(s);
                yield v != null ? v : new Value.Str(s.value());
            }
            case Expr.BoolLiteral b -> Value.Bool.of(b.value());
            case Expr.NullLiteral n -> Value.Null.NULL;
            case Expr.ListLiteral l -> {
                List<Value> items = new ArrayList<>();
                for (Expr item : l.items()) {
                    items.add(evaluate(item, env));
                }
                yield new Value.ListValue(items);
            }
            case Expr.RecordLiteral r -> record(r.fields(), env);
            case Expr.Unary u -> Operators.unary(u, evaluate(u.operand(), env), ev);
            case Expr.Binary b -> binary(b, env);
            case Expr.FieldAccess f -> FieldAccess.get(evaluate(f.target(), env), f, ev);
            case Expr.Slice s -> slice(s, env);
            case Expr.Read r -> read(r, env, false);
            case Expr.Async a -> Jobs.start(ev, a, env);
        };
    }

    boolean condition(Expr e, Environment env) {
        Value v = evaluate(e, env);
        ev.interpreter.scheduler().valueUsed();
        try {
            return Values.truthy(v, null);
        } catch (CallError err) {
            throw ev.error(err.getMessage(), e.span(), err.help());
        }
    }

    Value name(Expr.Name n, Environment env) {
        Object r = ev.ref(n, n.span(), n.name());
        if (r instanceof Slots.Local l) {
            Environment e = Evaluator.reach(env, l);
            if (e != null && e.slots[l.slot()] != null) {
                return e.slots[l.slot()];
            }
        } else if (r instanceof Evaluator.Global g) {
            Value v = g.cell().value;
            if (v != null) {
                return v;
            }
            if (g.registry() != null) {
                return g.registry(); // no scope binds the name: the registry's builtin or constant
            }
        }
        return byName(n, env);
    }

    /** {@link #name} when its slot is unbound or it has none: by string, through every scope. */
    private Value byName(Expr.Name n, Environment env) {
        Value known = ev.registryValue(n);
        if (known != null && env.seesRegistry()) {
            return known; // what the look-up below would find, without a hash look-up per scope
        }
        Value v = env.lookup(n.name());
        if (v != null) {
            return v;
        }
        v = ev.interpreter.registryValue(n.name());
        if (v != null) {
            return v;
        }
        var registry = ev.interpreter.registry();
        List<String> candidates = new ArrayList<>(env.visibleNames());
        candidates.addAll(registry.names());
        String near = Suggestions.closest(n.name(), candidates);
        throw ev.error("unknown name '" + n.name() + "'", n.span(), near == null ? null : "did you mean '" + near + "'?");
    }

    Value record(List<Field> fields, Environment env) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Field f : fields) {
            if (out.put(f.key(), evaluate(f.value(), env)) != null) {
                throw ev.error("field '" + f.key() + "' given twice", f.keySpan(), null);
            }
        }
        return new Value.RecordValue(out);
    }

    private Value binary(Expr.Binary b, Environment env) {
        if (b.op() == BinaryOp.AND) {
            return Value.Bool.of(condition(b.left(), env) && condition(b.right(), env));
        }
        if (b.op() == BinaryOp.OR) {
            return Value.Bool.of(condition(b.left(), env) || condition(b.right(), env));
        }
        return Operators.binary(b, evaluate(b.left(), env), evaluate(b.right(), env), ev);
    }

    private Value slice(Expr.Slice s, Environment env) {
        Value target = evaluate(s.target(), env);
        if (target instanceof Value.ListValue list) {
            return index(list, s, env);
        }
        long lo = integer(s.lo(), env);
        long hi = s.hi() == null ? lo + 1 : integer(s.hi(), env);
        long size = switch (target) {
            case Value.View v -> v.view().size();
            case Value.Handle h -> h.handle().size();
            case Value.Slice sl -> sl.length();
            case Value.Coherent c -> throw ev.error("a coherent allocation has two sides", s.target().span(),
                    "slice its CPU side (.cpu) or its DMA side (.dma)");
            default -> throw ev.error("cannot slice " + target.typeName(), s.target().span(), null);
        };
        if (Long.compareUnsigned(lo, hi) > 0 || Long.compareUnsigned(hi, size) > 0) {
            throw ev.error("slice [" + lo + ".." + hi + "] is outside " + ev.text(s.target().span()) + " (" + size
                    + " bytes)", s.span(), null);
        }
        if (target instanceof Value.Slice sl) {
            return new Value.Slice(sl.base(), sl.offset() + lo, hi - lo);
        }
        return new Value.Slice(target, lo, hi - lo);
    }

    /** {@code xs[i]} is the i-th item; {@code xs[lo..hi]} the items lo..hi-1, as a list. */
    private Value index(Value.ListValue list, Expr.Slice s, Environment env) {
        int size = list.items().size();
        long lo = integer(s.lo(), env);
        if (s.hi() == null) {
            if (Long.compareUnsigned(lo, size) >= 0) {
                throw ev.error("index " + Long.toUnsignedString(lo) + " is outside " + ev.text(s.target().span()) + " ("
                        + size + (size == 1 ? " item" : " items") + (size == 0 ? ")" : ", 0.." + (size - 1) + ")"),
                        s.lo().span(), size == 0 ? "the list is empty" : "wrap the index around: xs[i % len(xs)]");
            }
            return list.items().get((int) lo);
        }
        long hi = integer(s.hi(), env);
        if (Long.compareUnsigned(lo, hi) > 0 || Long.compareUnsigned(hi, size) > 0) {
            throw ev.error("items [" + Long.toUnsignedString(lo) + ".." + Long.toUnsignedString(hi) + "] are outside "
                    + ev.text(s.target().span()) + " (" + size + (size == 1 ? " item)" : " items)"), s.span(), null);
        }
        return new Value.ListValue(list.items().subList((int) lo, (int) hi));
    }

    long integer(Expr e, Environment env) {
        try {
            return Values.toLong(evaluate(e, env), null);
        } catch (CallError err) {
            throw ev.error(err.getMessage(), e.span(), err.help());
        }
    }

    // ---- memory accesses

    Value read(Expr.Read r, Environment env, boolean judged) {
        Value target = evaluate(r.target(), env);
        SourceSite site = ev.site(r.span());
        ev.interpreter.scheduler().beforeCpuEvent(site);
        int id = ev.interpreter.openRead();
        ReadResult result;
        try {
            if (r.actor().isCpu()) {
                ViewRange v = Values.toViewRange(target, null);
                ev.interpreter.scheduler().beforeCpuLoad(v.view(), v.offset(), v.length(), site);
                result = ev.interpreter.kernel().cpuRead(v.view(), v.offset(), v.length(), judged, site);
            } else {
                Device dev = device(r.actor(), env);
                HandleRange h = Values.toHandleRange(target, null);
                DmaHandle handle = Values.toHandle(target, null);
                result = ev.interpreter.kernel().deviceRead(dev, handle, h.offset(), h.length(), judged, site);
                ev.interpreter.scheduler().deviceLoaded(handle, h.offset(), h.length(), site, judged);
            }
        } catch (CallError e) {
            throw ev.error(e.getMessage(), r.target().span(), e.help());
        } finally {
            ev.interpreter.closeRead(id);
            ev.interpreter.consumeRead(id);
        }
        if (r.actor().isCpu()) {
            ViewRange v = Values.toViewRange(target, null);
            result = ev.interpreter.scheduler().cpuLoaded(v.view(), v.offset(), v.length(), result, site, judged);
        }
        ev.interpreter.budget().printed(Budget.EVENT_BYTES); // a read prints a few lines (at most 64 segments)
        ev.interpreter.listener().read(site, ev.text(r.span()), result);
        return new Value.Outcomes(result, id);
    }

    void write(Statement.Write w, Environment env) {
        Value target = evaluate(w.target(), env);
        Value value = evaluate(w.value(), env);
        SourceSite site = ev.site(w.span());
        if (w.actor().isCpu()) {
            try {
                ViewRange v = Values.toViewRange(target, null);
                byte[] b = bytes(value, v.length(), w);
                if (v.offset() < 0 || v.length() < 0 || v.offset() + v.length() > v.view().size()) {
                    // out of range: no store to buffer, the write reports the error
                    ev.interpreter.scheduler().beforeCpuEvent(site);
                    ev.interpreter.kernel().cpuWrite(v.view(), v.offset(), v.length(), b, site);
                    return;
                }
                ev.interpreter.scheduler().cpuStore(site, v.view(), v.offset(), v.length(),
                        () -> ev.interpreter.kernel().cpuWrite(v.view(), v.offset(), v.length(), b, site));
            } catch (CallError e) {
                throw ev.error(e.getMessage(), e.parameter() == null ? w.target().span() : w.span(), e.help());
            }
            return;
        }
        ev.interpreter.scheduler().beforeCpuEvent(site);
        try {
            Device dev = device(w.actor(), env);
            HandleRange h = Values.toHandleRange(target, null);
            DmaHandle handle = Values.toHandle(target, null);
            byte[] b = bytes(value, h.length(), w);
            ev.interpreter.scheduler().deviceWrite(handle, h.offset(), h.length(), site,
                    () -> ev.interpreter.kernel().deviceWrite(dev, handle, h.offset(), h.length(), b, site));
        } catch (CallError e) {
            throw ev.error(e.getMessage(), e.parameter() == null ? w.target().span() : w.span(), e.help());
        }
    }

    private byte[] bytes(Value value, long length, Statement.Write w) {
        try {
            return Values.toBytes(value, length, ev.interpreter.kernel());
        } catch (CallError e) {
            throw ev.error(e.getMessage(), w.value().span(), e.help());
        }
    }

    Device device(Actor actor, Environment env) {
        Value v = env.lookup(actor.name());
        if (v instanceof Value.DeviceValue d) {
            return d.device();
        }
        if (v != null) {
            throw ev.error("'" + actor.name() + "' is " + v.typeName() + ", not a device", actor.span(),
                    "the actor of reads/writes is cpu or a declared device");
        }
        List<String> devices = env.visibleNames().stream()
                .filter(n -> env.lookup(n) instanceof Value.DeviceValue).toList();
        String near = Suggestions.closest(actor.name(), devices);
        throw ev.error("unknown device '" + actor.name() + "'", actor.span(),
                near != null ? "did you mean '" + near + "'?" : "declare it: device " + actor.name() + " { dma_mask: 32 }");
    }

    // ---- expectations

    /** Judges an {@code expect}'s condition under its quantifier; a compared read is judged, not reported. */
    Judgement judge(Quantifier q, Expr condition, Environment env) {
        if (condition instanceof Expr.Binary b && (b.op() == BinaryOp.EQ || b.op() == BinaryOp.NE)
                && (b.left() instanceof Expr.Read || b.right() instanceof Expr.Read)) {
            boolean readLeft = b.left() instanceof Expr.Read;
            Expr readExpr = readLeft ? b.left() : b.right();
            Expr valueExpr = readLeft ? b.right() : b.left();
            Value.Outcomes outcomes = (Value.Outcomes) read((Expr.Read) readExpr, env, true);
            Value expected = evaluate(valueExpr, env);
            byte[] pattern;
            try {
                pattern = Values.toBytes(expected, outcomes.result().length(), ev.interpreter.kernel());
            } catch (CallError e) {
                throw ev.error(e.getMessage(), valueExpr.span(), e.help());
            }
            ReadResult r = outcomes.result();
            boolean eq = b.op() == BinaryOp.EQ;
            boolean holds = switch (q) {
                case DEFAULT, ALWAYS -> eq ? r.always(pattern) : r.never(pattern);
                case SOMETIMES -> eq ? r.sometimes(pattern) : !r.always(pattern);
                case NEVER -> eq ? r.never(pattern) : r.always(pattern);
            };
            // the outcome summary only for a failure: listeners see the detail of failed expectations only
            return new Judgement(holds, holds ? null : "the read may return " + OutcomeText.summary(r));
        }
        if ((q == Quantifier.SOMETIMES || q == Quantifier.NEVER) && !ev.interpreter.scheduler().explores()) {
            throw ev.error("'expect " + q.name().toLowerCase() + "' judges a read compared with a value",
                    condition.span(), "write: expect " + q.name().toLowerCase() + " cpu reads buf[0..64] == 0x5A");
        }
        Value v = evaluate(condition, env);
        if (v instanceof Value.Outcomes) {
            throw ev.error("a read alone is not a condition", condition.span(),
                    "compare it with a value: expect cpu reads buf[0..64] == 0x5A");
        }
        // any other condition has one value per execution: sometimes = in one, never = in none
        boolean holds = condition(v, condition);
        return switch (q) {
            case NEVER -> new Judgement(!holds, "the condition is true");
            default -> new Judgement(holds, "the condition is false");
        };
    }

    private boolean condition(Value v, Expr at) {
        try {
            return Values.truthy(v, null);
        } catch (CallError e) {
            throw ev.error(e.getMessage(), at.span(), e.help());
        }
    }
}
