package org.dmasim.engine;

/**
 * A mistake in the caller's own use of the engine that is not a hardware or kernel outcome:
 * a bad argument, an operation on the wrong kind of object, the memory budget exceeded.
 * Kernel-detectable misuse is a {@link org.dmasim.engine.check.Report}, never this.
 * The interpreter turns a fault into a script error (exit 2) at the faulting statement.
 */
public final class ScriptFault extends RuntimeException {
    /** The {@link #limit()} of a fault that a memory limit caused. */
    public static final String MEMORY = "memory";

    private final String limit;

    public ScriptFault(String message) {
        this(message, null);
    }

    /** A fault caused by reaching a limit the caller set, named by {@code limit} (e.g. {@link #MEMORY}). */
    public ScriptFault(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that was reached, or null when the fault is a plain mistake. */
    public String limit() {
        return limit;
    }
}
