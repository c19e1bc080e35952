package org.dmasim.interpreter.builtins;

import org.dmasim.interpreter.eval.Value;

/**
 * One parameter of a builtin. A parameter without a default is required; {@code optional}
 * parameters may be left out and then read as absent.
 */
public record Param(String name, ParamType type, Value defaultValue, boolean optional, String doc) {

    public static Param required(String name, ParamType type, String doc) {
        return new Param(name, type, null, false, doc);
    }

    public static Param withDefault(String name, ParamType type, Value defaultValue, String defaultText,
            String doc) {
        return new Param(name, type, defaultValue, false, doc + " (default " + defaultText + ")");
    }

    public static Param optional(String name, ParamType type, String doc) {
        return new Param(name, type, null, true, doc);
    }

    public boolean required() {
        return defaultValue == null && !optional;
    }
}
