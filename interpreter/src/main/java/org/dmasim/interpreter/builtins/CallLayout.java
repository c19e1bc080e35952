package org.dmasim.interpreter.builtins;

import org.dmasim.interpreter.eval.Value;

/**
 * A call site's arguments laid out on its builtin's parameters once, when the site is first
 * resolved to the builtin: which parameter each argument fills, and the defaults of the others. A
 * call then fills an array, checking each value's type; a site whose keywords do not fit the
 * parameters (unknown, given twice, too many) binds through {@link ArgumentBinder}, which names the
 * problem.
 */
public final class CallLayout {
    private final Builtin builtin;
    private final String[] names;
    private final String[] keys;
    /** The parameter each argument fills, or null when the keywords do not fit. */
    private final int[] parameter;
    private final ParamType[] types;
    /** Per parameter not given: its default, or null. */
    private final Value[] fill;
    /** Whether some parameter no argument fills is required (every call then fails). */
    private final boolean missing;
    /**
     * Per argument, the class of value its parameter accepted last (a site passes the same kinds
     * round after round): a value of that class needs no second look. Never a slice, whose
     * acceptance depends on what it slices.
     */
    private final Class<?>[] accepted;

    /** @param keys the arguments' keywords, null for a positional one */
    public CallLayout(Builtin b, String[] keys) {
        this.builtin = b;
        this.names = ArgumentBinder.parameterNames(b);
        this.keys = keys.clone();
        int n = b.params().size();
        types = new ParamType[n];
        fill = new Value[n];
        boolean[] given = new boolean[n];
        int[] at = new int[keys.length];
        boolean fits = true;
        int position = 0;
        for (int i = 0; i < keys.length; i++) {
            int p = keys[i] == null ? position++ : java.util.Arrays.asList(names).indexOf(keys[i]);
            if (p < 0 || p >= n || given[p]) {
                fits = false;
                break;
            }
            given[p] = true;
            at[i] = p;
        }
        boolean lacks = false;
        for (int p = 0; p < n; p++) {
            Param param = b.params().get(p);
            types[p] = param.type();
            if (!given[p]) {
                fill[p] = param.defaultValue();
                lacks |= param.required();
            }
        }
        this.parameter = fits ? at : null;
        this.accepted = new Class<?>[keys.length];
        this.missing = lacks;
    }

    public Builtin builtin() {
        return builtin;
    }

    /**
     * The parameters' values before the arguments are evaluated into them (at {@link #parameter(int)}):
     * the defaults, null for the others; null when the keywords do not fit (see {@link #bind}).
     */
    public Value[] frame() {
        return parameter == null || missing ? null : fill.clone();
    }

    /** The parameter argument {@code i} fills (when {@link #frame()} is not null). */
    public int parameter(int i) {
        return parameter[i];
    }

    /** The {@link #frame()} the arguments were evaluated into, checked against the parameters' types. */
    public Arguments bound(Value[] frame) {
        return bound(frame, null);
    }

    /**
     * {@link #bound(Value[])}, answering {@code over} (this frame's {@link #arguments}, kept by a
     * caller that reuses the frame from call to call) when the values fit the parameters.
     */
    public Arguments bound(Value[] frame, Arguments over) {
        for (int i = 0; i < parameter.length; i++) {
            Value v = frame[parameter[i]];
            if (v.getClass() != accepted[i]) {
                if (!types[parameter[i]].accepts(v)) {
                    Value[] given = new Value[parameter.length];
                    for (int k = 0; k < given.length; k++) {
                        given[k] = frame[parameter[k]];
                    }
                    return ArgumentBinder.bind(builtin, names, keys, given); // names the problem
                }
                if (!(v instanceof Value.Slice)) {
                    accepted[i] = v.getClass();
                }
            }
        }
        return over != null ? over : new Arguments(names, frame);
    }

    /** The arguments {@code frame} holds (a {@link #frame()}), whatever it will hold: checked by {@link #bound}. */
    public Arguments arguments(Value[] frame) {
        return new Arguments(names, frame);
    }

    /**
     * Puts {@code frame} back as {@link #frame()} made it: no argument's value kept alive. The
     * defaults stay (no argument fills their place).
     */
    public void refill(Value[] frame) {
        for (int p : parameter) {
            frame[p] = null;
        }
    }

    /** The arguments {@code values}, in the site's order, bound to the parameters (any site). */
    public Arguments bind(Value[] values) {
        Value[] frame = frame();
        if (frame == null) {
            return ArgumentBinder.bind(builtin, names, keys, values);
        }
        for (int i = 0; i < values.length; i++) {
            frame[parameter[i]] = values[i];
        }
        return bound(frame);
    }
}
