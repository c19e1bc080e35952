package org.dmasim.polyglot;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.dmasim.interpreter.eval.Budget;
import org.graalvm.polyglot.Context;

/**
 * Ends a guest run that goes on too long: a daemon thread of the host (the guest may create
 * none) cancels the context at the deadline. The reason is kept for the error message.
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private final AtomicReference<Stop> reason;

    Watchdog(Context context, Duration timeout, AtomicReference<Stop> reason) {
        this(context, timeout, timeout, reason);
    }

    /** {@code left}: what remains of {@code timeout} for this context (the later executions of a run). */
    Watchdog(Context context, Duration timeout, Duration left, AtomicReference<Stop> reason) {
        this.reason = reason;
        this.thread = Thread.ofPlatform().daemon().name("dmasim-watchdog").unstarted(() -> {
            try {
                Thread.sleep(left.isNegative() ? Duration.ZERO : left);
            } catch (InterruptedException e) {
                return;
            }
            if (reason.compareAndSet(null, new Stop(Budget.TIMEOUT, "the script ran longer than " + describe(timeout)
                    + " (the time limit; raise it with --timeout)"))) {
                context.close(true);
            }
        });
        thread.start();
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
