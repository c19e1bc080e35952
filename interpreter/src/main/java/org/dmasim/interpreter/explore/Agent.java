package org.dmasim.interpreter.explore;

import org.dmasim.engine.footprint.Touches;

/**
 * Something that takes steps of its own in an execution: the CPU (number 0, the script's
 * statements in program order) or a device job. A scheduling point chooses among the enabled
 * agents. Further kinds (a store buffer draining, say) extend this class.
 */
abstract class Agent {
    final int id;
    /** Set after a poll that changed nothing: disabled until another agent writes into it. */
    Touches spinningOn;
    /** How many events the agent took in this execution. */
    int events;

    Agent(int id) {
        this.id = id;
    }

    /** What messages call it ({@code cpu}, {@code nic's job at 12:9}). */
    abstract String name();

    /** Whether it could take a step now, a poll aside. */
    abstract boolean ready();

    abstract boolean finished();

    /** What it waits for, in words, when it is not enabled. */
    abstract String waitingFor();

    final boolean enabled() {
        return spinningOn == null && ready() && !finished();
    }
}
