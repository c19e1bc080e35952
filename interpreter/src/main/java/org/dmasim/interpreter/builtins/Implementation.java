package org.dmasim.interpreter.builtins;

import org.dmasim.interpreter.eval.Value;

/** The body of a builtin: arguments already bound and type-checked against its parameters. */
@FunctionalInterface
public interface Implementation {
    Value call(CallContext context, Arguments arguments);
}
