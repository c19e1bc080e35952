package org.dmasim.engine.cache;

import java.util.List;

/**
 * A run of a read's bytes whose possible values are listed together: an uncertain cache line,
 * or any stretch of lines with exactly one possible value. Lines are independent, so a read's
 * possible results are every combination of one alternative per segment.
 *
 * @param offset offset of the segment within the read
 */
public record Segment(long offset, int length, List<Alternative> alternatives) {
    public Segment {
        alternatives = List.copyOf(alternatives);
    }
}
