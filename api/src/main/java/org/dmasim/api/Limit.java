package org.dmasim.api;

/**
 * A limit that stopped an evaluation ({@link Status#LIMIT_EXCEEDED}). Each but the output limit
 * is the host's choice, set on the {@link SandboxBuilder}.
 */
public enum Limit {
    /** The wall-clock time limit ({@link SandboxBuilder#timeout}). */
    TIMEOUT("timeout"),
    /** The step budget ({@link SandboxBuilder#maxSteps}). */
    STEPS("steps"),
    /** The memory budget of the emulated machine ({@link SandboxBuilder#memoryBudget}). */
    MEMORY("memory"),
    /** {@link Sandbox#cancel()} or {@link Session#cancel()} from another thread. */
    CANCELLED("cancelled"),
    /** The run printed more than 64 MiB (prints, reads, reports, a guest's console): a fixed bound. */
    OUTPUT("output");

    private final String label;

    Limit(String label) {
        this.label = label;
    }

    /**
     * The limit's name as dmasim prints it: {@code timeout}, {@code steps}, {@code memory},
     * {@code cancelled}, {@code output}.
     */
    public String label() {
        return label;
    }

    /** The limit called {@code label}, or null when there is none of that name. */
    static Limit ofLabel(String label) {
        for (Limit l : values()) {
            if (l.label.equals(label)) {
                return l;
            }
        }
        return null;
    }
}
