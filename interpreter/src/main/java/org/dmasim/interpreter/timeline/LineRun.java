package org.dmasim.interpreter.timeline;

import java.util.List;

/**
 * Consecutive cache lines of a buffer in the same states: bytes {@code [from, to)} of the range
 * looked at, every configuration they may be in (cache state and value, DRAM under it), and every
 * value the device may find in their swiotlb bounce slot (empty when they are not bounced).
 */
public record LineRun(long from, long to, List<LineState> states, List<String> bounce) {
    public LineRun {
        states = List.copyOf(states);
        bounce = List.copyOf(bounce);
    }

    /** The same states over more bytes. */
    LineRun extendedTo(long end) {
        return new LineRun(from, end, states, bounce);
    }

    /** Whether {@code next} is in the same states (and may join this run). */
    boolean sameAs(LineRun next) {
        return states.equals(next.states) && bounce.equals(next.bounce);
    }
}
