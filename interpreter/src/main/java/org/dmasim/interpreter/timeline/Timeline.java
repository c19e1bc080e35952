package org.dmasim.interpreter.timeline;

import java.util.List;

/**
 * A recorded run: the scenario's name and source, its devices, the buffers looked at (each with
 * its size in bytes and its cache line size), and one {@link Step} per statement.
 */
public record Timeline(String name, String source, List<String> devices, List<Buffer> buffers, List<Step> steps) {
    /** A buffer looked at: its name in the script, the bytes looked at, the cache line size. */
    public record Buffer(String name, long size, int lineSize) {
    }

    public Timeline {
        devices = List.copyOf(devices);
        buffers = List.copyOf(buffers);
        steps = List.copyOf(steps);
    }
}
