package org.dmasim.polyglot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.Problem;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.suite.ScenarioKind;

/** {@code .js} and {@code .py} scenarios for {@code dmasim test} and the JUnit entry point. */
public final class PolyglotScenarioKind implements ScenarioKind {
    @Override
    public List<String> extensions() {
        return List.of("js", "py");
    }

    @Override
    public int run(Path file, ScenarioRunner.Options options, RunListener listener, PrintStream out, PrintStream err) {
        Language language = Language.of(file).orElseThrow();
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        return PolyglotRunner.run(source, language, file.toAbsolutePath().getParent(),
                PolyglotRunner.Options.of(options, false), listener, out, err);
    }

    /** The guest's output becomes the run's {@code print} events; limits and cancellation are named. */
    @Override
    public Ending execute(Path file, ScenarioRunner.Options options, RunListener listener) {
        Language language = Language.of(file).orElseThrow();
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            return Ending.rejected(List.of(Problem.unreadable(file, e)), null);
        }
        try (PrintedLines printed = new PrintedLines(listener);
                PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            return PolyglotRunner.execute(source, language, file.toAbsolutePath().getParent(),
                    PolyglotRunner.Options.of(options, false), listener, printed, err);
        }
    }
}
