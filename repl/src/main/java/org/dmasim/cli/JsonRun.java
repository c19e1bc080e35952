package org.dmasim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
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
        JsonOutput json = new JsonOutput(out);
        json.start("run", List.of(file.toString()));
        json.scriptError(file.toString(), "error: " + message + "\n");
        json.exit(ScenarioRunner.SCRIPT_ERROR);
        return ScenarioRunner.SCRIPT_ERROR;
    }

    static int run(Path file, ScenarioRunner.Options options, ScenarioRunner.Presentation how, boolean verbose,
            PrintStream out, PrintStream err) {
        JsonOutput json = new JsonOutput(out);
        json.start("run", List.of(file.toString()));
        ScenarioRunner.Presentation events = how.withSink((diagnostics, source) ->
                diagnostics.forEach(d -> json.scriptError(d, source)));
        ByteArrayOutputStream leftover = new ByteArrayOutputStream();
        int code;
        try (PrintStream text = new PrintStream(leftover, true, StandardCharsets.UTF_8)) {
            code = events(file, options, events, verbose, json, text, err);
        }
        String rest = leftover.toString(StandardCharsets.UTF_8);
        if (!rest.isBlank()) {
            json.scriptError(file.toString(), rest);
        }
        json.exit(code);
        return code;
    }

    /** Runs the file with {@code json} as its listener; text that is no event goes to {@code text}. */
    private static int events(Path file, ScenarioRunner.Options options, ScenarioRunner.Presentation how,
            boolean verbose, JsonOutput json, PrintStream text, PrintStream err) {
        if (RunCommand.isPolyglot(file.toString())) {
            // the guest's own console output becomes output events
            try (PrintStream console = new PrintStream(new LineSplitter(line -> json.emit("output",
                    g -> g.writeStringField("text", line))), true, StandardCharsets.UTF_8)) {
                return org.dmasim.polyglot.PolyglotRunner.run(file,
                        org.dmasim.polyglot.PolyglotRunner.Options.of(options, verbose), json, console, err);
            }
        }
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            text.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        Path directory = file.toAbsolutePath().getParent();
        if ("all".equals(options.arch())) {
            return ArchMatrix.json(source, directory, options, how, json, text, err);
        }
        return ScenarioRunner.run(source, directory, options, json, how, text, err);
    }
}
