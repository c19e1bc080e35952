package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.dmasim.api.Event;
import org.dmasim.api.Expectation;
import org.dmasim.api.Listener;
import org.dmasim.api.Print;
import org.dmasim.api.Read;
import org.dmasim.api.Report;
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
        Result r = sandbox.run(file, new Listener() {
            @Override
            public void read(Read read) {
                show(read);
            }

            @Override
            public void report(Report report) {
                show(report);
            }

            @Override
            public void expectation(Expectation expectation) {
                show(expectation);
            }

            @Override
            public void print(Print print) {
                show(print);
            }

            private void show(Event e) {
                out.print(e.text());
            }
        });
        PrintStream errors = r.status() == Status.INTERNAL_ERROR ? err : out;
        for (ScriptError e : r.errors()) {
            errors.print(e.text());
        }
        out.print(r.summary());
        return r.exitCode();
    }
}
