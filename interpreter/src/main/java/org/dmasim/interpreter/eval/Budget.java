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
    public static final String OUTPUT = "output";

    /**
     * The most a run may print (its own lines, reads, reports; a guest's console too): far more
     * than anyone reads, and a bound on what a host buffers for a script that prints in a loop.
     */
    public static final long MAX_OUTPUT = 64L << 20;

    /** What a read, a report or an expectation counts toward {@link #MAX_OUTPUT}: a few lines of text. */
    public static final long EVENT_BYTES = 256;

    /** What running past {@link #MAX_OUTPUT} says. */
    public static final String OUTPUT_MESSAGE = "the script printed more than " + (MAX_OUTPUT >> 20)
            + " MiB (the output limit)";

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
    private long printed;

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
        restartSteps();
        printed = 0;
    }

    /**
     * Steps and output anew, no deadline: replaying entries that already ran within the limits
     * (their steps are the same again, their time depends on the machine's load).
     */
    public void restartUntimed() {
        restart();
        deadline = System.nanoTime() + Long.MAX_VALUE / 2;
    }

    /** Steps and time anew, output still counted (a guest's {@code dmasim.eval}: the run goes on). */
    public void restartSteps() {
        steps = 0;
        deadline = System.nanoTime() + timeout.toNanos();
    }

    /** The run printed about {@code bytes} more; past {@link #MAX_OUTPUT} it stops. */
    public void printed(long bytes) {
        noted(bytes);
        checkOutput();
    }

    /**
     * The run printed about {@code bytes} more where it cannot stop (reports handed over after a
     * statement); its next step stops it when that is past {@link #MAX_OUTPUT}. The reports a run
     * keeps are bounded so too.
     */
    public void noted(long bytes) {
        printed += bytes;
    }

    /** Whether the run printed more than {@link #MAX_OUTPUT}. */
    public boolean outputExceeded() {
        return printed > MAX_OUTPUT;
    }

    private void checkOutput() {
        if (outputExceeded()) {
            throw new Exceeded(OUTPUT, OUTPUT_MESSAGE);
        }
    }

    /**
     * {@link #tick()} of an expression: the same step count and limits, but a cancellation from
     * another thread is looked at every 64 steps (and at every statement's tick), not at each of a
     * statement's expressions: its volatile read showed in the profile of a loop.
     */
    public void tickExpression() {
        if ((steps & 63) == 63) {
            tick();
            return;
        }
        count();
        checkOutput();
    }

    public void tick() {
        step(1023);
    }

    /** One step; the clock (and an interrupt) is looked at when the step count has none of {@code clockMask}'s bits. */
    private void step(int clockMask) {
        count();
        checkCancelled();
        checkOutput();
        if ((steps & clockMask) == 0) {
            checkDeadline();
            if (Thread.interrupted()) {
                throw new Exceeded(CANCELLED, "interrupted");
            }
        }
    }

    /**
     * {@link #tick()} of a long engine operation's pulse: one unit of its work (a few pages, a run
     * of lines) costs microseconds, not the nanoseconds of a statement, so 1024 of them between
     * two looks at the clock let a loop of 4 MiB allocations run a second past its limit (fuzz
     * finding "overrun"); the clock is read every 16.
     */
    public void beat() {
        step(15);
    }

    private void count() {
        if (++steps > maxSteps) {
            throw new Exceeded(STEPS, "the script took more than " + maxSteps
                    + " steps (the step budget; raise it with --max-steps)");
        }
    }

    /** Throws when the deadline has passed. */
    public void checkDeadline() {
        checkDeadline(0);
    }

    /** Throws when the deadline has passed by more than {@code graceNanos}. */
    public void checkDeadline(long graceNanos) {
        if (System.nanoTime() - deadline - graceNanos > 0) {
            throw new Exceeded(TIMEOUT, "the script ran longer than " + describe(timeout)
                    + " (the time limit; raise it with --timeout)");
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
