package org.dmasim.interpreter.suite;

import java.nio.file.Path;
import java.time.Duration;
import org.dmasim.interpreter.eval.Summary;

/**
 * How one scenario of a suite ended.
 *
 * @param name the scenario as shown (its path relative to the suite's folder, with {@code /})
 * @param exit the {@code dmasim run} exit code (-1 when skipped)
 * @param summary the run's tally, or null when it did not complete (script error, skipped)
 * @param output what {@code dmasim run} would have printed (text form)
 * @param note why it was skipped, or a one-line reason for a failure
 * @param cpu the CPU time its thread used (zero where the JVM cannot measure it)
 */
public record ScenarioResult(String name, Path file, Status status, int exit, Duration time, Summary summary,
        String output, String note, Duration cpu) {
    /** The result column of {@code dmasim test}. */
    public enum Status {
        PASSED("pass"),
        FAILED("FAIL"),
        /** Exit 2 or 3: the script has an error, or dmasim does. */
        ERROR("ERROR"),
        SKIPPED("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** A failure or an error: what makes a suite fail. */
    public boolean failed() {
        return status == Status.FAILED || status == Status.ERROR;
    }

    /** What a test framework shows for a failed scenario: name, reason, exit code, then what {@code dmasim run} printed. */
    public String failureMessage() {
        return name + ": " + note + " (exit " + exit + ")\n" + output;
    }

    /** {@code 1 error, 2 warnings}, {@code 1 warning}, {@code none}, or {@code -} when the run did not complete. */
    public String reportsText() {
        if (summary == null) {
            return "-";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (summary.failed() > 0) {
            parts.add(summary.failed() + " failed expectation" + (summary.failed() == 1 ? "" : "s"));
        }
        if (summary.errors() > 0) {
            parts.add(summary.errors() + " error" + (summary.errors() == 1 ? "" : "s"));
        }
        if (summary.warnings() > 0) {
            parts.add(summary.warnings() + " warning" + (summary.warnings() == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
