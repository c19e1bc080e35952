package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.api.Result;
import org.dmasim.api.SandboxBuilder;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;
import org.dmasim.interpreter.output.JsonOutput;

/**
 * {@code dmasim run --format json}: the run's events as JSON Lines, from a {@code start} object to an
 * {@code exit} object, whatever happens in between (docs/json-output.md).
 */
final class JsonRun {
    private JsonRun() {
    }

    /** A file that cannot be run: still a {@code start}, a {@code script_error} and an {@code exit}. */
    static int refuse(Path file, String message, PrintStream out) {
        return refuseWith(file, "error: " + message + "\n", out);
    }

    /** As {@link #refuse}, with the error's whole text (its help lines too). */
    static int refuseWith(Path file, String text, PrintStream out) {
        JsonOutput json = new JsonOutput(out);
        json.start("run", List.of(file.toString()));
        json.scriptError(file.toString(), text);
        json.exit(org.dmasim.interpreter.ScenarioRunner.SCRIPT_ERROR);
        return org.dmasim.interpreter.ScenarioRunner.SCRIPT_ERROR;
    }

    static int run(SandboxBuilder limits, String arch, Path file, PrintStream out, PrintStream err) {
        JsonOutput json = new JsonOutput(out);
        json.start("run", List.of(file.toString()));
        int code = "all".equals(arch) ? ArchMatrix.json(file, limits, json, err)
                : errors(limits.arch(arch).keepEvents(false).build().run(file, new PrintingListener(json)), json, err);
        json.exit(code);
        return code;
    }

    /** The errors of a run as {@code script_error} events (a bug of dmasim's as text on stderr); returns its exit code. */
    static int errors(Result r, JsonOutput json, PrintStream err) {
        for (ScriptError e : r.errors()) {
            if (r.status() == Status.INTERNAL_ERROR) {
                err.print(e.text());
            } else {
                json.scriptError(e.position() == null ? null : e.position().file(),
                        e.position() == null ? 0 : e.position().line(), e.position() == null ? 0 : e.position().column(),
                        e.message(), e.help(), e.text());
            }
        }
        return r.exitCode();
    }
}
