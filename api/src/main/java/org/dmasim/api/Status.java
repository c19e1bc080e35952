package org.dmasim.api;

/** How an evaluation ended, with the exit code {@code dmasim run} gives it. */
public enum Status {
    /** Every expectation held and no error report was raised outside an {@code expect report} block. */
    PASSED(0),
    /** An expectation failed or an unexpected error report was raised. */
    FAILED(1),
    /** The script has a syntax, name or type error, or misused a builtin: see {@link Result#errors()}. */
    SCRIPT_ERROR(2),
    /** A limit stopped the evaluation: see {@link Result#limit()}. */
    LIMIT_EXCEEDED(2),
    /** A bug in dmasim, not in the script: see {@link Result#errors()}. */
    INTERNAL_ERROR(3);

    private final int exitCode;

    Status(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of {@code dmasim run}: 0 passed, 1 failed, 2 script error or limit, 3 internal error. */
    public int exitCode() {
        return exitCode;
    }
}
