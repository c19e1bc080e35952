package org.dmasim.interpreter;

import org.dmasim.interpreter.eval.JobRun;
import org.dmasim.interpreter.eval.Scheduler;

/**
 * The scheduler of a session's live machine while the session is one sequence: it runs entries as
 * {@link Scheduler#NONE} does, but an entry that starts a device job or branches on a read with
 * several outcomes stops, so that the session can run it under the explorer instead.
 */
final class LiveProbe implements Scheduler {
    static final LiveProbe INSTANCE = new LiveProbe();

    /** The entry started a device job: it needs the explorer. */
    static final class NeedsExplorer extends RuntimeException {
        NeedsExplorer() {
            super("a device job", null, false, false);
        }
    }

    private LiveProbe() {
    }

    /** Conditions on uncertain reads throw their fork request on, up to the session. */
    @Override
    public boolean explores() {
        return true;
    }

    @Override
    public void startJob(JobRun job) {
        throw new NeedsExplorer();
    }
}
