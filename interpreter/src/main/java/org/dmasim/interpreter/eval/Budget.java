package org.dmasim.interpreter.eval;

import java.time.Duration;

/**
 * Bounds a run: a step budget (statements and expressions evaluated) and a wall-clock deadline,
 * so {@code while true {}} ends with an error that names the limit. Also notices an interrupt
 * (the REPL's Ctrl-C).
 */
public final class Budget {
    /** Why a run was stopped. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded(String message) {
            super(message);
        }
    }

    private final long maxSteps;
    private final Duration timeout;
    private long steps;
    private long deadline;

    public Budget(long maxSteps, Duration timeout) {
        this.maxSteps = maxSteps;
        this.timeout = timeout;
        restart();
    }

    /**
     * A budget whose clock started earlier, at {@code start} ({@link System#nanoTime()}): each
     * execution of a concurrent scenario gets the steps anew, but they share one time limit.
     */
    public Budget(long maxSteps, Duration timeout, long start) {
        this.maxSteps = maxSteps;
        this.timeout = timeout;
        this.deadline = start + timeout.toNanos();
    }

    /** Starts counting anew (each REPL entry gets the whole budget). */
    public void restart() {
        steps = 0;
        deadline = System.nanoTime() + timeout.toNanos();
    }

    public void tick() {
        if (++steps > maxSteps) {
            throw new Exceeded("the script took more than " + maxSteps + " steps (the step budget; raise it with --max-steps)");
        }
        if ((steps & 1023) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new Exceeded("the script ran longer than " + describe(timeout) + " (the time limit; raise it with --timeout)");
            }
            if (Thread.interrupted()) {
                throw new Exceeded("interrupted");
            }
        }
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
