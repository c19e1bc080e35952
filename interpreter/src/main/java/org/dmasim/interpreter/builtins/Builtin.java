package org.dmasim.interpreter.builtins;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A builtin, declared once: the REPL's completion and {@code :help}, the reference docs and the
 * JavaScript/Python bindings all come from these declarations.
 *
 * @param group the docs/reference.md group ("streaming", "sync", ...)
 * @param returns what the call returns, in words ("a mapping"), or "nothing"
 */
public record Builtin(String name, String group, List<Param> params, String returns, String doc,
        Implementation implementation) {

    public Builtin {
        params = List.copyOf(params);
    }

    /** {@code dma_map_single(dev, buf, dir, attrs = 0)}. */
    public String signature() {
        return name + "(" + params.stream().map(p -> {
            if (p.defaultValue() != null) {
                int at = p.doc().lastIndexOf("(default ");
                String text = at >= 0 ? p.doc().substring(at + 9, p.doc().length() - 1) : "?";
                return p.name() + " = " + text;
            }
            return p.optional() ? "[" + p.name() + "]" : p.name();
        }).collect(Collectors.joining(", ")) + ")";
    }
}
