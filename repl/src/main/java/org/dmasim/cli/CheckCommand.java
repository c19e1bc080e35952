package org.dmasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmasim check FILE...}: parses and resolves scripts without running them; shows every error. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Parse and resolve .dma scripts without running them, and show every error.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no errors",
            "2:a file has a syntax or name error, or cannot be read"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the .dma scripts to check")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        int errors = 0;
        for (Path file : files) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            if (name.endsWith(".js") || name.endsWith(".py")) {
                out.println("note: " + file + ": not checked (check reads .dma scripts; dmasim run checks the others)");
                continue;
            }
            List<Diagnostic> found = new ArrayList<>();
            String problem = check(file, found, out);
            if (problem != null) {
                out.println("error: cannot read " + file + ": " + problem);
                failed++;
                errors++;
            } else if (!found.isEmpty()) {
                failed++;
                errors += (int) found.stream().filter(Diagnostic::isError).count();
            }
        }
        out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: "
                + (failed == 0 ? "no errors" : errors + " error" + (errors == 1 ? "" : "s") + " in " + failed
                        + " file" + (failed == 1 ? "" : "s")));
        out.flush();
        return failed == 0 ? 0 : ScenarioRunner.SCRIPT_ERROR;
    }

    /** Prints the file's diagnostics into {@code out}; returns why it could not be read, or null. */
    private static String check(Path file, List<Diagnostic> found, PrintWriter out) {
        if (Files.isDirectory(file)) {
            return "is a directory (dmasim test runs a folder)";
        }
        if (!file.getFileName().toString().endsWith(".dma")) {
            return "not a .dma script";
        }
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            return Files.exists(file) ? e.getMessage() : "no such file";
        }
        ParseResult parsed = new ScriptParser().parse(source);
        found.addAll(parsed.diagnostics());
        if (!parsed.hasErrors()) {
            try {
                found.addAll(ScenarioRunner.resolve(parsed.program(), file.toAbsolutePath().getParent()));
            } catch (SyntaxFailure f) { // in an imported library
                out.print(DiagnosticRenderer.renderAll(f.diagnostics(), f.file()));
                found.addAll(f.diagnostics());
                return null;
            }
        }
        if (!found.isEmpty()) {
            out.print(DiagnosticRenderer.renderAll(found, source));
        }
        return null;
    }
}
