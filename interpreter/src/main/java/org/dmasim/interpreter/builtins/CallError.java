package org.dmasim.interpreter.builtins;

/**
 * A builtin refusing its arguments; the evaluator turns it into a script error that points at
 * the argument bound to {@code parameter}, or at the {@code argument}-th argument, or (when
 * neither is known) at the whole call.
 */
public final class CallError extends RuntimeException {
    private final String parameter;
    private final int argument;
    private final String help;

    public CallError(String parameter, String message, String help) {
        this(parameter, -1, message, help);
    }

    public CallError(String parameter, int argument, String message, String help) {
        super(message);
        this.parameter = parameter;
        this.argument = argument;
        this.help = help;
    }

    public CallError(String message) {
        this(null, -1, message, null);
    }

    public String parameter() {
        return parameter;
    }

    /** The position of the offending argument in the call, or -1. */
    public int argument() {
        return argument;
    }

    public String help() {
        return help;
    }
}
