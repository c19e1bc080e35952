package org.dmasim.interpreter.explore;

import java.util.List;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.interpreter.eval.SourceSite;

/** The CPU as an agent: the script's statements in program order; it waits at {@code wait}s and polls. */
final class Cpu extends Agent {
    enum State { RUNNING, WAIT_JOB, WAIT_FENCES, WAIT_STORES, FINISHED }

    State state = State.RUNNING;
    JobAgent job;
    List<DmaFence> fences = List.of();
    /** The stores a barrier, a load of the same bytes or a kernel call waits to drain. */
    List<StoreAgent> stores = List.of();
    /** Where it waits or polls. */
    SourceSite at;

    Cpu() {
        super(0);
    }

    @Override
    String name() {
        return "cpu";
    }

    @Override
    boolean ready() {
        return switch (state) {
            case RUNNING -> true;
            case WAIT_JOB -> job.finished();
            case WAIT_FENCES -> fences.stream().allMatch(DmaFence::isSignaled);
            case WAIT_STORES -> stores.stream().allMatch(StoreAgent::finished);
            case FINISHED -> false;
        };
    }

    @Override
    boolean finished() {
        return state == State.FINISHED;
    }

    @Override
    String waitingFor() {
        return switch (state) {
            case WAIT_JOB -> "waits for " + job.name() + ", which " + job.waitingFor();
            case WAIT_FENCES -> "waits for " + fences.stream().filter(f -> !f.isSignaled()).map(DmaFence::label)
                    .reduce((a, b) -> a + ", " + b).orElse("fences") + ", which nothing signals any more";
            case WAIT_STORES -> "waits for its stores to drain";
            default -> spinningOn != null ? "waits here forever: its condition is false, and no job left can"
                    + " change what it reads" : "runs";
        };
    }
}
