package org.dmasim.interpreter.eval;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * {@link Interpreter#iterations()} inside a loop: the enclosing loops' rounds and this loop's, one
 * object per round (a round's number is boxed only when a site prints it). Unmodifiable.
 */
final class Rounds extends AbstractList<Long> implements RandomAccess {
    private final List<Long> outer;
    private final long round;

    Rounds(List<Long> outer, long round) {
        this.outer = outer;
        this.round = round;
    }

    @Override
    public Long get(int index) {
        int n = outer.size();
        if (index == n) {
            return round;
        }
        if (index < 0 || index > n) {
            throw new IndexOutOfBoundsException(index);
        }
        return outer.get(index);
    }

    @Override
    public int size() {
        return outer.size() + 1;
    }
}
