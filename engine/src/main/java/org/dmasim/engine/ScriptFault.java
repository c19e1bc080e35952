package org.dmasim.engine;

/**
 * A mistake in the caller's own use of the engine that is not a hardware or kernel outcome:
 * a bad argument, an operation on the wrong kind of object, the memory budget exceeded.
 * Kernel-detectable misuse is a {@link org.dmasim.engine.check.Report}, never this.
 * The interpreter turns a fault into a script error (exit 2) at the faulting statement.
 */
public final class ScriptFault extends RuntimeException {
    public ScriptFault(String message) {
        super(message);
    }
}
