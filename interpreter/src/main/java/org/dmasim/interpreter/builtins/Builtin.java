package org.dmasim.interpreter.builtins;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A builtin, declared once: the REPL's completion and {@code :help}, the reference docs and the
 * JavaScript/Python bindings all come from these declarations.
 *
 * @param group the docs/reference.md group ("streaming", "sync", ...)
 * @param returns what the call returns, in words ("a mapping"), or "nothing"
 * @param pure the call does nothing but compute its result, so a statement that drops the result
 *     is a mistake the checker reports ({@code iosys_map_incr(map, 16)} alone: script values never
 *     change in place)
 */
public record Builtin(String name, String group, List<Param> params, String returns, String doc,
        Implementation implementation, boolean pure) {

    public Builtin {
        params = List.copyOf(params);
    }

    public Builtin(String name, String group, List<Param> params, String returns, String doc,
            Implementation implementation) {
        this(name, group, params, returns, doc, implementation, false);
    }

    /** The same builtin, declared {@link #pure}. */
    public Builtin asPure() {
        return new Builtin(name, group, params, returns, doc, implementation, true);
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
