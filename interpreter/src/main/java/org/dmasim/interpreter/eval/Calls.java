package org.dmasim.interpreter.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.builtins.Arguments;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.CallContext;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.builtins.Param;
import org.dmasim.interpreter.builtins.ParamType;
import org.dmasim.interpreter.diag.Suggestions;

/** Calls: binds arguments to a builtin's declared parameters (checking count and types), or runs a user function. */
final class Calls {
    private final Evaluator ev;

    Calls(Evaluator ev) {
        this.ev = ev;
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
        Environment scope = f.closure().child();
        Map<String, Boolean> bound = new HashMap<>();
        int position = 0;
        for (Argument a : c.arguments()) {
            String name;
            if (a.key() == null) {
                if (position >= params.size()) {
                    throw ev.error(f.declaration().name() + " takes " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + ", got " + c.arguments().size(), a.span(), null);
                }
                name = params.get(position++);
            } else if (!params.contains(a.key())) {
                throw ev.error(f.declaration().name() + " has no parameter '" + a.key() + "'", a.span(),
                        "its parameters: " + String.join(", ", params));
            } else {
                name = a.key();
            }
            if (bound.put(name, true) != null) {
                throw ev.error("parameter '" + name + "' given twice", a.span(), null);
            }
            scope.define(name, ev.expressions.evaluate(a.value(), env));
        }
        for (String p : params) {
            if (!bound.containsKey(p)) {
                throw ev.error("missing argument '" + p + "' of " + f.declaration().name() + "(" + String.join(", ", params)
                        + ")", c.span(), null);
            }
        }
        try {
            ev.executeBlock(f.declaration().body(), scope);
        } catch (Evaluator.ReturnSignal r) {
            return r.value;
        }
        return Value.Null.NULL;
    }

    private Value builtin(Builtin b, Expr.Call c, Environment env) {
        List<Param> params = b.params();
        Map<String, Value> values = new HashMap<>();
        Map<String, Span> spans = new HashMap<>();
        int position = 0;
        for (Argument a : c.arguments()) {
            Param p;
            if (a.key() == null) {
                if (position >= params.size()) {
                    throw ev.error(b.name() + " takes at most " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + ", got " + c.arguments().size(), a.span(),
                            "usage: " + b.signature());
                }
                p = params.get(position++);
            } else {
                p = params.stream().filter(x -> x.name().equals(a.key())).findFirst().orElseThrow(() -> {
                    String near = Suggestions.closest(a.key(), params.stream().map(Param::name).toList());
                    return ev.error(b.name() + " has no parameter '" + a.key() + "'", a.span(),
                            near != null ? "did you mean '" + near + "'?" : "usage: " + b.signature());
                });
            }
            if (values.containsKey(p.name())) {
                throw ev.error("argument '" + p.name() + "' given twice", a.span(), "usage: " + b.signature());
            }
            Value v = ev.expressions.evaluate(a.value(), env);
            check(b, p, v, a.value().span());
            values.put(p.name(), v);
            spans.put(p.name(), a.value().span());
        }
        for (Param p : params) {
            if (!values.containsKey(p.name())) {
                if (p.required()) {
                    throw ev.error("missing argument '" + p.name() + "' of " + b.name(), c.span(),
                            "usage: " + b.signature());
                }
                if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
            }
        }
        SourceSite site = ev.site(c.span());
        Context context = new Context(ev, site, spans);
        try {
            return b.implementation().call(context, new Arguments(values));
        } catch (CallError e) {
            Span at = e.parameter() != null && spans.containsKey(e.parameter()) ? spans.get(e.parameter()) : c.span();
            throw ev.error(b.name() + ": " + e.getMessage(), at, e.help());
        } catch (ScriptFault f) {
            throw ev.error(b.name() + ": " + f.getMessage(), c.span(), null);
        }
    }

    /** Refuses an argument of the wrong kind before the builtin runs. */
    private void check(Builtin b, Param p, Value v, Span at) {
        boolean ok = switch (p.type()) {
            case ANY, BYTES -> true;
            case INT, DIRECTION -> v instanceof Value.Int || v instanceof Value.Handle;
            case BOOL -> v instanceof Value.Bool || v instanceof Value.Int;
            case STRING -> v instanceof Value.Str;
            case DEVICE -> v instanceof Value.DeviceValue;
            case VIEW -> v instanceof Value.View || v instanceof Value.Slice s && s.base() instanceof Value.View;
            case HANDLE -> v instanceof Value.Handle || v instanceof Value.Int
                    || v instanceof Value.Slice s && s.base() instanceof Value.Handle;
            case COHERENT -> v instanceof Value.Coherent;
        };
        if (!ok) {
            String hint = v instanceof Value.Null ? "it is null: did an earlier call fail?" : "usage: " + b.signature();
            throw ev.error(b.name() + ": '" + p.name() + "' must be " + describe(p.type()) + ", not " + v.typeName(), at,
                    hint);
        }
    }

    private static String describe(ParamType t) {
        return t.description();
    }

    /** What a builtin sees of the run. */
    private record Context(Evaluator ev, SourceSite where, Map<String, Span> spans) implements CallContext {
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
            ev.interpreter.listener().print(line);
        }

        @Override
        public String describe(Value value) {
            return Printer.describe(value);
        }

        @Override
        public String sourceText(String parameter) {
            Span s = spans.get(parameter);
            return s == null ? null : ev.text(s);
        }
    }

}
