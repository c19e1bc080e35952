package org.dmasim.interpreter;

import java.util.List;
import org.dmasim.interpreter.eval.Summary;

/**
 * The executions a concurrent session's entries denote (after {@link Session#exploreWhenNeeded()}):
 * how many, whether the explorer stopped at its bound, and the first ones described.
 *
 * @param summary the tally of the latest exploration (its expectations and reports are the last entry's)
 */
public record Executions(int count, boolean bounded, List<One> described, Summary summary) {
    public Executions {
        described = List.copyOf(described);
    }

    /**
     * One execution: its steps in words from the first job's start ({@code cpu [3]:1:1},
     * {@code nic [2]:2:5}), what the jobs not known complete have done ({@code nic's step 2
     * (write at [2]:3:5) not yet performed}, empty without such jobs) and the reads a branch
     * restricted, in order.
     */
    public record One(List<String> schedule, String jobs, List<String> branches) {
        public One {
            schedule = List.copyOf(schedule);
            branches = List.copyOf(branches);
        }
    }
}

