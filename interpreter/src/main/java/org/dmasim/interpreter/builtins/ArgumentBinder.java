package org.dmasim.interpreter.builtins;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.diag.Suggestions;

/**
 * Binds evaluated arguments (positional, then keyword) to a builtin's declared parameters,
 * fills defaults and checks counts and types, for every front end alike.
 */
public final class ArgumentBinder {
    /** One argument as the caller wrote it: {@code key} is null for a positional one. */
    public record Given(String key, Value value) {
    }

    private ArgumentBinder() {
    }

    public static Arguments bind(Builtin b, List<Given> given) {
        List<Param> params = b.params();
        Map<String, Value> values = new HashMap<>();
        int position = 0;
        for (int i = 0; i < given.size(); i++) {
            Given g = given.get(i);
            Param p;
            if (g.key() == null) {
                if (position >= params.size()) {
                    throw new CallError(null, i, b.name() + " takes at most " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + ", got " + given.size(), "usage: " + b.signature());
                }
                p = params.get(position++);
            } else {
                int at = i;
                p = params.stream().filter(x -> x.name().equals(g.key())).findFirst().orElseThrow(() -> {
                    String near = Suggestions.closest(g.key(), params.stream().map(Param::name).toList());
                    return new CallError(null, at, b.name() + " has no parameter '" + g.key() + "'",
                            near != null ? "did you mean '" + near + "'?" : "usage: " + b.signature());
                });
            }
            if (values.containsKey(p.name())) {
                throw new CallError(null, i, "argument '" + p.name() + "' given twice", "usage: " + b.signature());
            }
            check(b, p, g.value(), i);
            values.put(p.name(), g.value());
        }
        for (Param p : params) {
            if (!values.containsKey(p.name())) {
                if (p.required()) {
                    throw new CallError(null, -1, "missing argument '" + p.name() + "' of " + b.name(),
                            "usage: " + b.signature());
                }
                if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
            }
        }
        return new Arguments(values);
    }

    /** Refuses an argument of the wrong kind before the builtin runs. */
    private static void check(Builtin b, Param p, Value v, int index) {
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
            case LIST -> v instanceof Value.ListValue;
        };
        if (!ok) {
            String hint = v instanceof Value.Null ? "it is null: did an earlier call fail?" : "usage: " + b.signature();
            throw new CallError(null, index, "'" + p.name() + "' must be " + p.type().description() + ", not "
                    + v.typeName(), hint);
        }
    }
}
