package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.api.Listener;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.output.TextOutput;

/**
 * {@code dmasim run FILE}: the scenario through the API's sandbox, each event printed as it
 * happens (coloured on a terminal), then the errors (a bug of dmasim's on stderr), at most
 * {@code --max-errors} of them, or the summary.
 */
final class TextRun {
    private TextRun() {
    }

    /**
     * The text printer as a sandbox listener: being a {@link RunListener} too, it gets the interpreter's
     * events as they are and prints them in its style (the sandbox builds no records for it).
     */
    private record Printer(TextOutput text) implements Listener, RunListener {
        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            text.read(site, source, result);
        }

        @Override
        public void report(Report report, SourceSite expectedBy) {
            text.report(report, expectedBy);
        }

        @Override
        public void expectation(SourceSite site, String source, boolean passed, String detail) {
            text.expectation(site, source, passed, detail);
        }

        @Override
        public void print(String line) {
            text.print(line);
        }

        @Override
        public void summary(Summary summary) {
            text.summary(summary);
        }
    }

    static int run(Sandbox sandbox, Path file, Style style, int maxErrors, PrintStream out, PrintStream err) {
        Result r = sandbox.run(file, new Printer(new TextOutput(out, style)));
        PrintStream errors = r.status() == Status.INTERNAL_ERROR ? err : out;
        List<ScriptError> all = r.errors();
        int shown = maxErrors > 0 ? Math.min(maxErrors, all.size()) : all.size();
        for (ScriptError e : all.subList(0, shown)) {
            errors.print(StyledText.error(e.text(), style));
        }
        if (shown < all.size()) {
            int more = all.size() - shown;
            errors.println(file + ": " + more + " more error" + (more == 1 ? "" : "s") + " not shown (--max-errors "
                    + maxErrors + ")");
        }
        return r.exitCode();
    }
}
