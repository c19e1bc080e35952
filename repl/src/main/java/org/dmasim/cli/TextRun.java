package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.output.TextOutput;

/**
 * {@code dmasim run FILE}: the scenario through the API's sandbox, each event printed as it
 * happens (coloured on a terminal), then the errors (a bug of dmasim's on stderr), at most
 * {@code --max-errors} of them, or the summary.
 */
final class TextRun {
    private TextRun() {
    }

    static int run(Sandbox sandbox, Path file, Style style, int maxErrors, PrintStream out, PrintStream err) {
        Result r = sandbox.run(file, new PrintingListener(new TextOutput(out, style)));
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
