package org.dmasim.interpreter.explore;

import org.dmasim.engine.footprint.Touches;

/**
 * One step of one agent in an execution (from the first job's start on): what it touched, for
 * the race analysis. A failed poll that changed nothing ({@code poll}) races only with the writes
 * before it (moving one of them after the poll may let the poll succeed); moving a later write
 * before it gives nothing new, since the poll is repeated once that write happened.
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
    /** A failed poll that changed nothing: never the first step of a race. */
    boolean poll;
    /** An evaluation of a {@code wait until} condition, failed or not. */
    boolean pollEval;
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
        return agent == later.agent || races(later) || touches.writesInto(later.sync);
    }

    /** The later step conflicts with this one in a way a reversed order could show. */
    boolean races(Event later) {
        // a step that waited for this one (a store behind an earlier store) cannot come before it
        return !poll && race.conflictsWith(later.race) && !touches.writesInto(later.sync);
    }

    @Override
    public String toString() {
        return where + " [" + race + "]";
    }
}
