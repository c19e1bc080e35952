package org.dmasim.interpreter.eval;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request from another thread to stop a running evaluation (an embedding host's
 * {@code cancel()}). The evaluator notices it at its next step ({@link Budget#tick}); runners
 * whose guests do not step through the budget (JavaScript, Python) register an action that
 * stops them. Cleared before the next evaluation, so a cancelled sandbox stays usable.
 */
public final class Cancellation {
    /** A registered action; closing it unregisters the action. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private volatile boolean cancelled;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Asks the evaluation to stop; runs the registered actions once. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            for (Runnable action : actions) {
                action.run();
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Forgets an earlier request (the next entry of a session starts uncancelled). */
    public void clear() {
        cancelled = false;
    }

    /**
     * Runs {@code action} on {@link #cancel()} (at once when already cancelled) until the returned
     * handle is closed.
     */
    public Registration onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> actions.remove(action);
    }
}
