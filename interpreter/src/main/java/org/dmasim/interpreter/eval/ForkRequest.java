package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.engine.cache.ReadFilter;

/**
 * A condition (or anything needing one certain value) met a read with several possible
 * outcomes: the execution must split. {@code classes} partition the read's outcomes so that the
 * needed value is the same within a class; an explorer runs the execution again once per class
 * with the read restricted to it (docs/concurrency.md). Unwinds to the explorer; without one it
 * becomes a script error. {@code read} is the logical read's number in the run, the message the
 * condition in words.
 */
public final class ForkRequest extends ExplorationSignal {
    private final int read;
    private final transient List<ReadFilter> classes;

    public ForkRequest(int read, List<ReadFilter> classes, String what) {
        super(what);
        this.read = read;
        this.classes = List.copyOf(classes);
    }

    public int read() {
        return read;
    }

    public List<ReadFilter> classes() {
        return classes;
    }
}
