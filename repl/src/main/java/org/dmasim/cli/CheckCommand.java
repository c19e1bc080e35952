package org.dmasim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.check.Finding;
import org.dmasim.interpreter.check.ScriptCheck;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmasim check FILE...}: parses, resolves and type-checks scripts without running them; shows every error. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Parse, resolve and type-check .dma scripts without running them, and show every error.",
            "A script that passes check fails dmasim run with exit 2 only for what cannot be known before running"
                    + " (see README)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no errors",
            "2:a file has a syntax, name or type error, or cannot be read"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the .dma scripts to check")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json prints one object per"
                    + " error and line, see docs/json-output.md")
    RunCommand.Format format;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "20",
            description = "show at most N errors of each file; 0 shows all (default: ${DEFAULT-VALUE})")
    int maxErrors;

    @Mixin
    ColorOption colors = new ColorOption();

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        List<ScriptCheck.Result> results = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            if (name.endsWith(".js") || name.endsWith(".py")) {
                skipped.add(file);
            } else {
                results.add(ScriptCheck.check(file));
            }
        }
        long failed = results.stream().filter(r -> !r.clean()).count();
        long errors = results.stream().mapToLong(ScriptCheck.Result::errors).sum();
        if (format == RunCommand.Format.json) {
            try (PrintStream out = new PrintStream(new WriterOutputStream(writer, StandardCharsets.UTF_8), true,
                    StandardCharsets.UTF_8)) {
                json(out, results, skipped, failed, errors);
            }
        } else {
            text(writer, results, skipped, failed, errors);
        }
        writer.flush();
        return failed == 0 ? 0 : ScenarioRunner.SCRIPT_ERROR;
    }

    private void text(PrintWriter out, List<ScriptCheck.Result> results, List<Path> skipped, long failed, long errors) {
        Style style = colors.style();
        for (Path file : skipped) {
            out.println(file + ": note: not checked (check reads .dma scripts; dmasim run checks the others)");
        }
        for (ScriptCheck.Result r : results) {
            if (r.unreadable() != null) {
                out.println(style.paint(Style.Role.ERROR, "error:") + " cannot read " + r.path() + ": " + r.unreadable());
                continue;
            }
            // grouped by file (a library's syntax errors point into the library), each group as run shows it
            Map<SourceFile, List<Diagnostic>> byFile = new LinkedHashMap<>();
            for (Finding f : r.findings()) {
                byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f.diagnostic());
            }
            byFile.forEach((file, diagnostics) -> out.print(
                    DiagnosticRenderer.renderAll(diagnostics, file, style, maxErrors)));
        }
        int count = files.size();
        out.println(count + " file" + (count == 1 ? "" : "s") + " checked: "
                + (failed == 0 ? "no errors" : style.paint(Style.Role.ERROR, errors + " error" + (errors == 1 ? "" : "s"))
                        + " in " + failed + " file" + (failed == 1 ? "" : "s")));
    }

    private void json(PrintStream out, List<ScriptCheck.Result> results, List<Path> skipped, long failed,
            long errors) {
        JsonOutput json = new JsonOutput(out);
        json.start("check", files.stream().map(Path::toString).toList());
        for (Path file : skipped) {
            json.emit("not_checked", g -> {
                g.writeStringField("file", file.toString());
                g.writeStringField("reason", "check reads .dma scripts; dmasim run checks the others");
            });
        }
        for (ScriptCheck.Result r : results) {
            if (r.unreadable() != null) {
                json.scriptError(r.path().toString(), "error: cannot read " + r.path() + ": " + r.unreadable() + "\n");
            }
            r.findings().forEach(f -> json.scriptError(f.diagnostic(), f.file()));
        }
        json.emit("check_summary", g -> {
            g.writeNumberField("files", files.size());
            g.writeNumberField("failed", failed);
            g.writeNumberField("errors", errors);
        });
        json.exit(failed == 0 ? 0 : ScenarioRunner.SCRIPT_ERROR);
    }
}
