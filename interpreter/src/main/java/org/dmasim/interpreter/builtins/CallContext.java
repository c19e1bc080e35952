package org.dmasim.interpreter.builtins;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.interpreter.eval.Value;

/** What a builtin may use: the machine, the call's site, and the run's output. */
public interface CallContext {
    Kernel kernel();

    Site site();

    /** Prints one line of the run's output. */
    void print(String line);

    /** The printed form of a value, as {@code print} shows it. */
    String describe(Value value);

    /** The source text of the argument bound to {@code parameter}, for labels and help lines. */
    String sourceText(String parameter);
}
