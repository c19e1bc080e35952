package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.dmasim.api.Listener;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;

/**
 * {@code dmasim run FILE}: the scenario through the API's sandbox, each event printed as it
 * happens with the text the API gives it, then the errors (a bug of dmasim's on stderr) or the
 * summary.
 */
final class TextRun {
    private TextRun() {
    }

    static int run(Sandbox sandbox, Path file, PrintStream out, PrintStream err) {
        Result r = sandbox.run(file, Listener.of(e -> out.print(e.text())));
        PrintStream errors = r.status() == Status.INTERNAL_ERROR ? err : out;
        for (ScriptError e : r.errors()) {
            errors.print(e.text());
        }
        out.print(r.summary());
        return r.exitCode();
    }
}
