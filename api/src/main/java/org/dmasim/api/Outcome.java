package org.dmasim.api;

import java.util.List;
import java.util.Objects;

/**
 * One value a read could return, as dmasim prints it: {@code 0x5a x64} with the chain of events
 * that produces it ({@code device write at 7:1}), marked stale when it differs from the last
 * value written in program order.
 *
 * @param range the byte range of the read this value covers ({@code 0..64}), or null when it covers the whole
 *     read (dmasim splits a read by range only when its uncertain cache lines have different numbers of values)
 * @param value the value in dmasim's notation: {@code 0x5a x64}, {@code [ef be ad de] x16}, a quoted string
 * @param stale whether this value is not the latest one written in program order
 * @param witness the chain of events that produces it
 * @param executions in how many of the run's executions this value occurs (1 until scenarios run concurrent
 *     device jobs)
 * @param schedule the steps of the first execution giving this value, from the first job's start, in words
 *     ({@code cpu 13:14}, {@code nic 14:5}); empty in a run of one execution
 */
public record Outcome(String range, String value, boolean stale, String witness, long executions,
        List<String> schedule) {
    /** Checks the parts. */
    public Outcome {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(witness, "witness");
        schedule = List.copyOf(schedule);
    }

    /** A value of a run of one execution: no schedule. */
    public Outcome(String range, String value, boolean stale, String witness, long executions) {
        this(range, value, stale, witness, executions, List.of());
    }
}
