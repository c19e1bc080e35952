package org.dmasim.api;

/**
 * One thing an evaluation showed, in the order it happened: a {@link Read}, a {@link Report},
 * an {@link Expectation} or a {@link Print}. A {@link Listener} receives each as it happens; a
 * {@link Result} keeps them all.
 */
public sealed interface Event permits Read, Report, Expectation, Print {
    /** What {@code dmasim run} prints for this event (possibly empty), every line ending in a newline. */
    String text();
}
