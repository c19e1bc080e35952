package org.dmasim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.JsonOutput;

/** {@code dmasim run --format json}: the run's events as JSON Lines, ending with an {@code exit} object. */
final class JsonRun {
    private JsonRun() {
    }

    static int run(Path file, ScenarioRunner.Options options, PrintStream out, PrintStream err) {
        JsonOutput json = new JsonOutput(out);
        int code;
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try (PrintStream diag = new PrintStream(diagnostics, true, StandardCharsets.UTF_8)) {
            SourceFile source;
            try {
                source = SourceFile.read(file);
                code = ScenarioRunner.run(source, file.toAbsolutePath().getParent(), options, json, diag, err);
            } catch (IOException e) {
                diag.println("error: cannot read " + file + ": " + e.getMessage());
                code = ScenarioRunner.SCRIPT_ERROR;
            }
        }
        String text = diagnostics.toString(StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            json.scriptError(text);
        }
        json.exit(code);
        return code;
    }
}
