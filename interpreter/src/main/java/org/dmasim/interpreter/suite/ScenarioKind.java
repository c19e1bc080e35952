package org.dmasim.interpreter.suite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.eval.RunListener;

/**
 * One kind of scenario file, chosen by extension: {@code .dma} here, {@code .js} and {@code .py}
 * from the polyglot module. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/org.dmasim.interpreter.suite.ScenarioKind} entry), so
 * {@code dmasim test} and the JUnit entry point run whatever kinds are on the class path.
 */
public interface ScenarioKind {
    /** The file extensions this kind runs, without the dot ({@code "js"}). */
    List<String> extensions();

    /**
     * Runs one scenario like {@code dmasim run}: reads, reports, expectations and the summary go
     * to {@code listener}; errors in the script itself are rendered to {@code out}.
     *
     * @return the exit code of docs/language.md, "Expectations" (0 pass, 1 fail, 2 script error, 3 internal error)
     */
    int run(Path file, ScenarioRunner.Options options, RunListener listener, PrintStream out, PrintStream err);
}
