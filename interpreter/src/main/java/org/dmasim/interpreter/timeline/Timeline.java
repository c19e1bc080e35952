package org.dmasim.interpreter.timeline;

import java.util.List;

/**
 * A recorded run: the scenario's name and source, its devices, the buffers looked at (each with
 * its size in bytes and its cache line size), and one {@link Step} per statement (of the first
 * execution, when there are several). With device jobs, {@code executions} holds the interleaving
 * of the executions explored (the first {@link #MAX_EXECUTIONS}), out of {@code executionCount}.
 */
public record Timeline(String name, String source, List<String> devices, List<Buffer> buffers, List<Step> steps,
        List<Execution> executions, int executionCount) {
    /** Executions kept for pictures; the rest are counted. */
    public static final int MAX_EXECUTIONS = 200;

    /** A buffer looked at: its name in the script, the bytes looked at, the cache line size. */
    public record Buffer(String name, long size, int lineSize) {
    }

    /**
     * One execution: its number and its steps from the first job's start, each as who took it and
     * where ({@code cpu 12:1}, {@code gpu 15:5}).
     */
    public record Execution(int number, List<String> schedule) {
        public Execution {
            schedule = List.copyOf(schedule);
        }
    }

    public Timeline {
        devices = List.copyOf(devices);
        buffers = List.copyOf(buffers);
        steps = List.copyOf(steps);
        executions = List.copyOf(executions);
    }

    /** A run of one execution. */
    public Timeline(String name, String source, List<String> devices, List<Buffer> buffers, List<Step> steps) {
        this(name, source, devices, buffers, steps, List.of(), 1);
    }
}
