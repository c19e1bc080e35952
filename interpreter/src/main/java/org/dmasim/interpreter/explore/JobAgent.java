package org.dmasim.interpreter.explore;

import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.interpreter.eval.JobRun;

/** A device job as an agent: ready once its {@code after} fences signalled; a step is one device statement. */
final class JobAgent extends Agent {
    final JobRun run;
    /** Written by the CPU's async, waited for by the first step: the start orders the job. */
    final Footprint.Token started;
    /** What its steps write: the job's progress (what it will still access). */
    final Footprint.Token progress;
    /** The short name in interleavings: the device's, or the whole label when a device has several jobs. */
    String shortName;
    /** The CPU's stores its doorbell orders before the job's start (writel's __iowmb()). */
    java.util.List<StoreAgent> doorbellAfter = java.util.List.of();

    JobAgent(int id, JobRun run) {
        super(id);
        this.run = run;
        this.started = new Footprint.Token(run.label() + " started");
        this.progress = new Footprint.Token(run.label());
        this.shortName = run.device().name();
    }

    @Override
    String name() {
        return run.label();
    }

    @Override
    boolean ready() {
        for (StoreAgent s : doorbellAfter) {
            if (!s.done) {
                return false;
            }
        }
        for (DmaFence f : run.after()) {
            if (!f.isSignaled()) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean finished() {
        return run.finished();
    }

    @Override
    String waitingFor() {
        for (DmaFence f : run.after()) {
            if (!f.isSignaled()) {
                return "waits for " + f.label() + ", which never signals";
            }
        }
        if (spinningOn != null) {
            return "polls at " + run.next().replace("wait until at ", "") + " and the condition never holds";
        }
        return "is ready";
    }
}
