package org.dmasim.interpreter.eval;

import java.time.Duration;

/**
 * Bounds a run: a step budget (statements and expressions evaluated) and a wall-clock deadline,
 * so {@code while true {}} ends with an error that names the limit. Also notices an interrupt
 * (the REPL's Ctrl-C) and a {@link Cancellation} from another thread.
 */
public final class Budget {
    /** The {@link Exceeded#limit()} names. */
    public static final String TIMEOUT = "timeout";
    public static final String STEPS = "steps";
    public static final String CANCELLED = "cancelled";

    /** Why a run was stopped. */
    public static final class Exceeded extends RuntimeException {
        private final String limit;

        public Exceeded(String limit, String message) {
            super(message);
            this.limit = limit;
        }

        /** {@link #TIMEOUT}, {@link #STEPS} or {@link #CANCELLED}. */
        public String limit() {
            return limit;
        }
    }

    private final long maxSteps;
    private final Duration timeout;
    private final Cancellation cancellation;
    private long steps;
    private long deadline;

    public Budget(long maxSteps, Duration timeout) {
        this(maxSteps, timeout, new Cancellation());
    }

    public Budget(long maxSteps, Duration timeout, Cancellation cancellation) {
        this.maxSteps = maxSteps;
        this.timeout = timeout;
        this.cancellation = cancellation;
        restart();
    }

    /**
     * A budget whose clock started earlier, at {@code start} ({@link System#nanoTime()}): each
     * execution of a concurrent scenario gets the steps anew, but they share one time limit.
     */
    public Budget(long maxSteps, Duration timeout, Cancellation cancellation, long start) {
        this.maxSteps = maxSteps;
        this.timeout = timeout;
        this.cancellation = cancellation;
        this.deadline = start + timeout.toNanos();
    }

    /** Starts counting anew (each REPL entry gets the whole budget). */
    public void restart() {
        steps = 0;
        deadline = System.nanoTime() + timeout.toNanos();
    }

    public void tick() {
        if (++steps > maxSteps) {
            throw new Exceeded(STEPS, "the script took more than " + maxSteps
                    + " steps (the step budget; raise it with --max-steps)");
        }
        checkCancelled();
        if ((steps & 1023) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new Exceeded(TIMEOUT, "the script ran longer than " + describe(timeout)
                        + " (the time limit; raise it with --timeout)");
            }
            if (Thread.interrupted()) {
                throw new Exceeded(CANCELLED, "interrupted");
            }
        }
    }

    /**
     * Throws when the run was cancelled: after a statement, so a cancel that came during one long
     * kernel call (the last statement's, say) still ends the run as cancelled.
     */
    public void checkCancelled() {
        if (cancellation.isCancelled()) {
            throw new Exceeded(CANCELLED, "the evaluation was cancelled");
        }
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
