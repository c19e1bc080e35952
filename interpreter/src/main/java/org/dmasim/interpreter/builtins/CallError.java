package org.dmasim.interpreter.builtins;

/**
 * A builtin refusing its arguments; the evaluator turns it into a script error that points at
 * the argument ({@code parameter}) or, when that is null, at the whole call.
 */
public final class CallError extends RuntimeException {
    private final String parameter;
    private final String help;

    public CallError(String parameter, String message, String help) {
        super(message);
        this.parameter = parameter;
        this.help = help;
    }

    public CallError(String message) {
        this(null, message, null);
    }

    public String parameter() {
        return parameter;
    }

    public String help() {
        return help;
    }
}
