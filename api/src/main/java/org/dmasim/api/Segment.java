package org.dmasim.api;

import java.util.List;

/**
 * A stretch of a read whose possible contents are listed together: one cache line that could
 * hold several values, or a run of lines with one certain value. Segments are independent: a
 * value is possible for the whole read iff each segment can return its part of it.
 *
 * @param offset where the segment starts, in bytes from the start of the read
 * @param length its length in bytes
 * @param alternatives every content it could have (at least one)
 */
public record Segment(long offset, int length, List<Alternative> alternatives) {
    /** Copies the list. */
    public Segment {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a segment has at least one alternative");
        }
    }

    /** Whether the segment has exactly one possible content. */
    public boolean certain() {
        return alternatives.size() == 1;
    }
}
