package org.dmasim.interpreter.timeline;

import java.util.List;

/**
 * A buffer (or a range of one) after a statement: who owns it ({@code cpu}, a device's name, or
 * {@code none} once freed), its cache lines folded into runs of equal state (with what their
 * swiotlb bounce slots hold), and whether any of it is bounced.
 */
public record BufferState(String owner, List<LineRun> lines, boolean bounced) {
    public BufferState {
        lines = List.copyOf(lines);
    }
}
