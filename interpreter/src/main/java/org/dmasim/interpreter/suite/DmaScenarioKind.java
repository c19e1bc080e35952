package org.dmasim.interpreter.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.Problem;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.RunListener;

/** {@code .dma} scenarios, run by the interpreter. */
public final class DmaScenarioKind implements ScenarioKind {
    @Override
    public List<String> extensions() {
        return List.of("dma");
    }

    @Override
    public int run(Path file, ScenarioRunner.Options options, RunListener listener, PrintStream out, PrintStream err) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        return ScenarioRunner.run(source, file.toAbsolutePath().getParent(), options, listener, out, err);
    }

    @Override
    public Ending execute(Path file, ScenarioRunner.Options options, RunListener listener) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            return Ending.rejected(List.of(Problem.unreadable(file, e)), null);
        }
        return ScenarioRunner.execute(source, file.toAbsolutePath().getParent(), options, listener);
    }
}
