package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.engine.cache.ReadResult;

/**
 * One read of a scenario with several executions (docs/concurrency.md): every value it returned in
 * some execution, each with the witness of the first execution that gave it (the cache events
 * and, when the interleaving matters, what the jobs had done).
 *
 * @param first the read's outcome set in the first execution that reached it
 * @param outcomes the union of the outcome lines over executions, in order of first appearance
 * @param note the mixing note of independent lines, or null
 * @param executions how many executions reached the read
 * @param total how many executions were explored
 */
public record ReadOverExecutions(ReadResult first, List<Outcome> outcomes, String note, int executions, int total) {
    /**
     * One value (or one stretch's value) the read returned.
     *
     * @param range the byte range when the lines are listed one by one, else null
     * @param executions how many executions could return it
     * @param schedule the steps of the first such execution, in order ({@code cpu 12:1},
     *     {@code nic 14:5}), from the first job's start up to the read
     */
    public record Outcome(String range, String value, boolean stale, String witness, int executions,
            List<String> schedule) {
        public Outcome {
            // not copied: the merge hands every read a view of one list of the execution's steps
            schedule = java.util.Collections.unmodifiableList(schedule);
        }
    }

    public ReadOverExecutions {
        outcomes = List.copyOf(outcomes);
    }
}
