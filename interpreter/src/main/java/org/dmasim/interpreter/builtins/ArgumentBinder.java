package org.dmasim.interpreter.builtins;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * Binds arguments (positional, then keyword) to a builtin's declared parameters, fills defaults and
 * checks counts and types, for every front end alike. The same rules check a call before the script
 * runs ({@code dmasim check}), where an argument is known by the kinds of value it may have.
 */
public final class ArgumentBinder {
    /** One argument as the caller wrote it: {@code key} is null for a positional one. */
    public record Given(String key, Value value) {
    }

    /** One argument as written, and what is known of it: a value, or (before running) its possible kinds. */
    public record Written<T>(String key, T what) {
    }

    private ArgumentBinder() {
    }

    public static Arguments bind(Builtin b, List<Given> given) {
        String[] keys = new String[given.size()];
        Value[] values = new Value[given.size()];
        for (int i = 0; i < values.length; i++) {
            keys[i] = given.get(i).key();
            values[i] = given.get(i).value();
        }
        return bind(b, keys, values);
    }

    /**
     * {@link #bind(Builtin, List)} of the arguments {@code values}, keyword {@code keys[i]} (null:
     * positional). A call that binds cleanly takes no map; any problem goes to {@link #match} for its
     * error.
     */
    public static Arguments bind(Builtin b, String[] keys, Value[] values) {
        return bind(b, parameterNames(b), keys, values);
    }

    /** {@code b}'s parameter names in order, for {@link #bind(Builtin, String[], String[], Value[])}. */
    public static String[] parameterNames(Builtin b) {
        String[] names = new String[b.params().size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = b.params().get(i).name();
        }
        return names;
    }

    /**
     * {@link #bind(Builtin, String[], Value[])} with {@code b}'s {@link #parameterNames} made once
     * by the caller (a call site binds the same builtin every time it runs); not modified.
     */
    public static Arguments bind(Builtin b, String[] names, String[] keys, Value[] values) {
        List<Param> params = b.params();
        Value[] bound = new Value[params.size()];
        int position = 0;
        for (int i = 0; i < values.length; i++) {
            int p = keys[i] == null ? position++ : indexOf(params, keys[i]);
            if (p < 0 || p >= bound.length || bound[p] != null
                    || !params.get(p).type().accepts(values[i])) {
                return slowBind(b, keys, values);
            }
            bound[p] = values[i];
        }
        for (int p = 0; p < bound.length; p++) {
            if (bound[p] == null) {
                Param param = params.get(p);
                if (param.defaultValue() != null) {
                    bound[p] = param.defaultValue();
                } else if (param.required()) {
                    return slowBind(b, keys, values);
                }
            }
        }
        return new Arguments(names, bound);
    }

    private static int indexOf(List<Param> params, String name) {
        for (int p = 0; p < params.size(); p++) {
            if (params.get(p).name().equals(name)) {
                return p;
            }
        }
        return -1;
    }

    /** The general path: {@link #match} names the first problem. */
    private static Arguments slowBind(Builtin b, String[] keys, Value[] given) {
        List<Written<Value>> written = new java.util.ArrayList<>(given.length);
        for (int i = 0; i < given.length; i++) {
            written.add(new Written<>(keys[i], given[i]));
        }
        Map<String, Value> values = match(b, written, v -> EnumSet.of(ValueKind.of(v)), Value::typeName);
        for (Param p : b.params()) {
            if (!values.containsKey(p.name()) && p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        return new Arguments(values);
    }

    /**
     * Matches arguments to parameters by position and keyword; a {@link CallError} names the first
     * problem: too many, an unknown keyword, one given twice, a missing one, or one that can be no kind the
     * parameter accepts. {@code kinds} tells what an argument may be, {@code typeName} how to name it.
     */
    public static <T> Map<String, T> match(Builtin b, List<Written<T>> given, Function<T, Set<ValueKind>> kinds,
            Function<T, String> typeName) {
        List<Param> params = b.params();
        Map<String, T> values = new LinkedHashMap<>();
        int position = 0;
        for (int i = 0; i < given.size(); i++) {
            Written<T> g = given.get(i);
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
            check(b, p, kinds.apply(g.what()), typeName.apply(g.what()), i);
            values.put(p.name(), g.what());
        }
        for (Param p : params) {
            if (!values.containsKey(p.name()) && p.required()) {
                throw new CallError(null, -1, "missing argument '" + p.name() + "' of " + b.name(),
                        "usage: " + b.signature());
            }
        }
        return values;
    }

    /** Refuses an argument that can be no kind the parameter accepts, before the builtin runs. */
    private static void check(Builtin b, Param p, Set<ValueKind> kinds, String typeName, int index) {
        if (kinds.stream().noneMatch(p.type()::accepts)) {
            String hint = kinds.equals(Set.of(ValueKind.NULL)) ? "it is null: did an earlier call fail?"
                    : "usage: " + b.signature();
            throw new CallError(null, index, "'" + p.name() + "' must be " + p.type().description() + ", not "
                    + typeName, hint);
        }
    }
}
