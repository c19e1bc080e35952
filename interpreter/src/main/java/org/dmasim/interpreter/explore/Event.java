package org.dmasim.interpreter.explore;

import org.dmasim.engine.footprint.Touches;

/**
 * One step of one agent in an execution (from the first job's start on): what it touched, for
 * the race analysis. A failed poll that changed nothing races with nobody ({@code race} empty),
 * but keeps what it read ({@code touches}) to wake the agent when someone writes it.
 */
final class Event {
    final int agent;
    /** The agent's how-manieth event (0-based) in this execution. */
    final int local;
    final Choice.Sched choice;
    /** {@code cpu 12:1}, {@code nic 14:5}. */
    String where;
    Touches touches = Touches.NONE;
    /** What the engine recorded, without the explorer's own objects (reports, progress). */
    Touches engine = Touches.NONE;
    Touches race = Touches.NONE;
    /** Fences and job starts the step waited for: they order it, but it does not race with them. */
    Touches sync = Touches.NONE;

    Event(int agent, int local, Choice.Sched choice, String where) {
        this.agent = agent;
        this.local = local;
        this.choice = choice;
        this.where = where;
    }

    /** Both are steps of one agent, or the later one depends on the earlier one. */
    boolean ordered(Event later) {
        return agent == later.agent || race.conflictsWith(later.race) || touches.writesInto(later.sync);
    }

    @Override
    public String toString() {
        return where + " [" + race + "]";
    }
}
