package org.dmasim.repl;

import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Param;

/** Which builtin parameter the cursor is at, from the text before it: {@code dma_map_single(nic, |}. */
final class ArgumentPosition {
    private ArgumentPosition() {
    }

    /** The parameter the next argument binds to, or null outside a builtin's argument list. */
    static Param param(String before, BuiltinRegistry registry) {
        int depth = 0;
        int commas = 0;
        String keyword = null;
        int i = before.length() - 1;
        // the current argument's own text: a keyword argument names its parameter (attrs: |)
        int argumentStart = i + 1;
        for (; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '[' || c == '{') {
                if (depth == 0) {
                    return null;
                }
                depth--;
            } else if (c == '(') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                if (commas == 0) {
                    argumentStart = i + 1;
                }
                commas++;
            } else if (c == '"') {
                return null; // inside or after a string: not worth guessing
            }
        }
        if (i < 0) {
            return null;
        }
        if (commas == 0) {
            argumentStart = i + 1;
        }
        String argument = before.substring(argumentStart).strip();
        int colon = argument.indexOf(':');
        if (colon > 0 && argument.substring(0, colon).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            keyword = argument.substring(0, colon).strip();
        }
        int end = i;
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(before.charAt(start - 1)) || before.charAt(start - 1) == '_')) {
            start--;
        }
        var builtin = registry.builtin(before.substring(start, end));
        if (builtin.isEmpty()) {
            return null;
        }
        Builtin b = builtin.get();
        if (keyword != null) {
            String k = keyword;
            return b.params().stream().filter(p -> p.name().equals(k)).findFirst().orElse(null);
        }
        return commas < b.params().size() ? b.params().get(commas) : null;
    }
}
