package org.dmasim.interpreter.eval;

/**
 * The tally of a run: {@code N expectations: P passed, F failed; E errors, W warnings}, and for a
 * scenario with device jobs or forks {@code ; explored N executions} ({@code , bounded} when the
 * exploration stopped at {@code --max-executions}). Errors and warnings count reports raised
 * outside matching {@code expect report} blocks.
 *
 * @param executions the executions explored, or 0 for a scenario that is one sequence
 * @param bounded the exploration stopped at its bound: not every execution was seen
 */
public record Summary(int expectations, int passed, int failed, int errors, int warnings, int executions,
        boolean bounded) {
    /** A run that is one sequence (no jobs, no fork). */
    public Summary(int expectations, int passed, int failed, int errors, int warnings) {
        this(expectations, passed, failed, errors, warnings, 0, false);
    }

    /** A run passes when every expectation holds and no unexpected error report was raised. */
    public boolean pass() {
        return failed == 0 && errors == 0;
    }

    public String line() {
        String base = expectations + " expectation" + (expectations == 1 ? "" : "s") + ": " + passed + " passed, "
                + failed + " failed; " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s");
        if (executions == 0) {
            return base;
        }
        return base + "; explored " + executions + " execution" + (executions == 1 ? "" : "s")
                + (bounded ? ", bounded" : "");
    }
}
