package org.dmasim.polyglot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.dmasim.interpreter.eval.Budget;
import org.graalvm.polyglot.Context;

/**
 * A guest's console ({@code console.log}, Python's {@code print}): its bytes count toward the
 * run's output limit with dmasim's own lines. Past the limit nothing more is written and the run
 * stops: a thread of the host cancels the context, as the watchdog does (a guest that catches
 * what a failing write raises cannot go on printing).
 */
final class GuestOutput extends OutputStream {
    private final OutputStream out;
    private final Budget budget;
    private final AtomicReference<Stop> stopped;
    private volatile Context context;

    GuestOutput(OutputStream out, Budget budget, AtomicReference<Stop> stopped) {
        this.out = out;
        this.budget = budget;
        this.stopped = stopped;
    }

    /** The context to cancel when the limit is passed. */
    void stops(Context c) {
        this.context = c;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (stopped.get() != null) {
            return;
        }
        budget.noted(len);
        if (budget.outputExceeded()) {
            Context c = context;
            if (stopped.compareAndSet(null, new Stop(Budget.OUTPUT, Budget.OUTPUT_MESSAGE)) && c != null) {
                Thread.ofPlatform().daemon().name("dmasim-output-limit").start(() -> c.close(true));
            }
            return;
        }
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
