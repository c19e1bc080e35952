package org.dmasim.interpreter.suite;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.Problem;
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

    /**
     * Runs one scenario and hands back how it ended as data (the API's sandboxes call this). This
     * default keeps what {@link #run} prints as one problem's text; kinds that know better override it.
     */
    default Ending execute(Path file, ScenarioRunner.Options options, RunListener listener) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            exit = run(file, options, listener, out, out);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        List<Problem> problems = printed.isEmpty() ? List.of()
                : List.of(new Problem(printed.strip(), null, null, null, printed));
        return new Ending(exit, null, problems, null, null);
    }
}
