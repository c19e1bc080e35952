package org.dmasim.fuzz;

import java.time.Duration;
import java.util.regex.Pattern;
import org.dmasim.interpreter.ScenarioRunner;

/**
 * What every run must satisfy, whatever the program: exit 0, 1 or 2; no Java exception name or
 * stack trace in the output (without {@code --debug}); no throwable escaping the runner (an
 * OutOfMemoryError would mean the memory budget did not hold); and ending within its own
 * {@code --timeout} plus a grace, measured on the run itself.
 */
final class Invariants {
    /** Between the limit being reached and the run noticing and printing: checks, rendering, a GC pause. */
    static final Duration GRACE = Duration.ofMillis(1500);
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|org\\.dmasim|org\\.antlr|org\\.graalvm|com\\.oracle)\\.[\\w.$]*[A-Z]\\w*\\b"
                    + "|\\b[A-Z][a-z]\\w*(?:Exception|Error)\\b|\\tat \\S+\\(|\\n\\s+at [\\w.$]+\\([\\w.]*:\\d+\\)");
    /** Guest exception names a JavaScript run may print for the script's own mistakes. */
    private static final Pattern GUEST_ERRORS = Pattern.compile(
            "\\b(?:DmasimError|TypeError|RangeError|ReferenceError|SyntaxError|Error)\\b");

    private Invariants() {
    }

    /** The first broken invariant of a run, or null. */
    static Finding check(Runs.Run r, ScenarioRunner.Options options, String program, boolean guest) {
        if (r.abandoned()) {
            return new Finding("hang", "still running " + Runs.ABANDON_AFTER.toSeconds() + " s after its "
                    + options.timeout().toMillis() + " ms limit", program);
        }
        if (r.escaped() != null) {
            String kind = r.escaped() instanceof OutOfMemoryError ? "out-of-memory" : "escaped-throwable";
            return new Finding(kind, r.escaped().toString(), program);
        }
        if (r.exit() == ScenarioRunner.INTERNAL_ERROR) {
            return new Finding("internal-error", firstLines(r.output()), program);
        }
        if (r.exit() < 0 || r.exit() > 2) {
            return new Finding("exit-code", "exit " + r.exit() + "\n" + firstLines(r.output()), program);
        }
        String output = guest ? GUEST_ERRORS.matcher(r.output()).replaceAll("") : r.output();
        var m = JAVA_NAMES.matcher(output);
        if (m.find()) {
            return new Finding("java-in-output", "'" + m.group() + "' in:\n" + firstLines(r.output()), program);
        }
        Duration grace = grace();
        if (r.duration().compareTo(options.timeout().plus(grace)) > 0) {
            return new Finding("overrun", "ran " + r.duration().toMillis() + " ms with --timeout "
                    + options.timeout().toMillis() + " ms (grace " + grace.toMillis() + " ms at load average "
                    + load() + ")\n" + firstLines(r.output()), program);
        }
        return null;
    }

    /**
     * {@link #GRACE} on a machine with a core per runnable thread; on a shared machine whose load
     * average is above its core count the run gets that much less CPU, so the grace grows in proportion.
     */
    static Duration grace() {
        double share = load() / Runtime.getRuntime().availableProcessors();
        return share <= 1 ? GRACE : Duration.ofMillis((long) (GRACE.toMillis() * share));
    }

    private static double load() {
        return Math.max(0, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static String firstLines(String s) {
        String[] lines = s.split("\n", -1);
        if (lines.length <= 30) {
            return s;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, 0, 15)) + "\n...\n"
                + String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - 15, lines.length));
    }
}
