package org.dmasim.interpreter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** Runs one .dma file and prints what SEMANTICS.md §8 says a run prints. */
public final class ScenarioRunner {
    /** Exit codes of LANGUAGE.md §5. */
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int SCRIPT_ERROR = 2;

    /**
     * @param arch an arch profile name overriding the script's {@code arch}, or null
     * @param timeout wall-clock limit of the run
     * @param stepBudget how many statements and expression steps a run may take
     * @param debug show Java stack traces of internal errors
     */
    public record Options(String arch, Duration timeout, long stepBudget, boolean debug) {
        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(30), 50_000_000L, false);
        }
    }

    private ScenarioRunner() {
    }

    /** Runs {@code file}, printing reads, reports and the summary to {@code out}; returns the exit code. */
    public static int run(Path file, Options options, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("interpreter not built yet");
    }
}
