package org.dmasim.interpreter.eval;

/**
 * The tally of a run: {@code N expectations: P passed, F failed; E errors, W warnings}. Errors and
 * warnings count reports raised outside matching {@code expect report} blocks.
 */
public record Summary(int expectations, int passed, int failed, int errors, int warnings) {
    /** A run passes when every expectation holds and no unexpected error report was raised. */
    public boolean pass() {
        return failed == 0 && errors == 0;
    }

    public String line() {
        return expectations + " expectation" + (expectations == 1 ? "" : "s") + ": " + passed + " passed, " + failed
                + " failed; " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s");
    }
}
