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
    private final boolean keepsWork;

    public CallError(String parameter, String message, String help) {
        this(parameter, -1, message, help);
    }

    public CallError(String parameter, int argument, String message, String help) {
        this(parameter, argument, message, help, false);
    }

    private CallError(String parameter, int argument, String message, String help, boolean keepsWork) {
        super(message);
        this.parameter = parameter;
        this.argument = argument;
        this.help = help;
        this.keepsWork = keepsWork;
    }

    /**
     * A call that did its kernel work and then waits for a fence nothing will signal (dma-buf.c
     * dma_buf_map_attachment() maps, then waits): the work stays done, as it does when such a
     * wait ends an execution of a concurrent scenario.
     */
    public static CallError waitsForever(String message) {
        return new CallError(null, -1, message, "a fence from dma_fence_create() signals with dma_fence_signal(f), a "
                + "job's fence when the job ends: signal it, or wait for the job, before this call", true);
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

    /** True for {@link #waitsForever}: the call's work is not undone. */
    public boolean keepsWork() {
        return keepsWork;
    }
}
