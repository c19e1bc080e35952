package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.dmasim.api.Listener;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.output.JsonOutput;

/** {@code dmasim run --format json}: the run's events as JSON Lines, ending with an {@code exit} object. */
final class JsonRun {
    private JsonRun() {
    }

    /**
     * The JSON printer as a sandbox listener: being a {@link RunListener} too, it gets the
     * interpreter's events as they are (the sandbox builds no records for it).
     */
    private record Printer(JsonOutput json) implements Listener, RunListener {
        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            json.read(site, source, result);
        }

        @Override
        public void report(Report report, SourceSite expectedBy) {
            json.report(report, expectedBy);
        }

        @Override
        public void expectation(SourceSite site, String source, boolean passed, String detail) {
            json.expectation(site, source, passed, detail);
        }

        @Override
        public void print(String line) {
            json.print(line);
        }

        @Override
        public void summary(Summary summary) {
            json.summary(summary);
        }
    }

    static int run(Sandbox sandbox, Path file, PrintStream out, PrintStream err) {
        JsonOutput json = new JsonOutput(out);
        Result r = sandbox.run(file, new Printer(json));
        StringBuilder errors = new StringBuilder();
        for (ScriptError e : r.errors()) {
            errors.append(e.text());
        }
        if (r.status() == Status.INTERNAL_ERROR) {
            err.print(errors);
        } else if (!errors.isEmpty()) {
            json.scriptError(errors.toString());
        }
        json.exit(r.exitCode());
        return r.exitCode();
    }
}
