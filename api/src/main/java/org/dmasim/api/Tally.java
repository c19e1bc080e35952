package org.dmasim.api;

/**
 * The count a completed run ends with: {@code 3 expectations: 2 passed, 1 failed; 1 error, 2 warnings}.
 * Errors and warnings count the reports raised outside matching {@code expect report} blocks.
 *
 * @param expectations how many expectations were judged
 * @param passed how many held
 * @param failed how many did not
 * @param errors unexpected error reports
 * @param warnings unexpected warning reports
 */
public record Tally(int expectations, int passed, int failed, int errors, int warnings) {
    /** Whether the run passes: every expectation held and no unexpected error report was raised. */
    public boolean pass() {
        return failed == 0 && errors == 0;
    }
}
