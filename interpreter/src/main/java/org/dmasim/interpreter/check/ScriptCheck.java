package org.dmasim.interpreter.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;

/**
 * What {@code dmasim check} finds in a script without running it: syntax errors, unknown names and
 * report codes, and the type errors of {@link TypeChecker}. A library entry point: the command line and
 * an editor (language server) call it and get diagnostics with positions.
 */
public final class ScriptCheck {
    /**
     * The check of one file.
     *
     * @param source the script, or null when it could not be read
     * @param unreadable why it could not be read, or null
     */
    public record Result(Path path, SourceFile source, String unreadable, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }

        public long errors() {
            return unreadable != null ? 1 : findings.stream().filter(f -> f.diagnostic().isError()).count();
        }

        public boolean clean() {
            return errors() == 0;
        }
    }

    private ScriptCheck() {
    }

    /** Reads and checks a {@code .dma} file; imports resolve against its folder. */
    public static Result check(Path file) {
        if (Files.isDirectory(file)) {
            return new Result(file, null, "is a directory (dmasim test runs a folder)", List.of());
        }
        if (!file.getFileName().toString().endsWith(".dma")) {
            return new Result(file, null, "not a .dma script", List.of());
        }
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (NoSuchFileException e) {
            return new Result(file, null, "no such file", List.of());
        } catch (IOException e) {
            return new Result(file, null, Files.exists(file) ? String.valueOf(e.getMessage()) : "no such file", List.of());
        }
        return new Result(file, source, null, check(source, file.toAbsolutePath().getParent()));
    }

    /** Checks a script in memory (an editor's buffer); {@code directory} is where its imports resolve. */
    public static List<Finding> check(SourceFile source, Path directory) {
        List<Finding> found = new ArrayList<>();
        ParseResult parsed = new ScriptParser().parse(source);
        parsed.diagnostics().forEach(d -> found.add(new Finding(source, d)));
        if (parsed.hasErrors()) {
            return found;
        }
        List<Diagnostic> names;
        try {
            names = ScenarioRunner.resolve(parsed.program(), directory);
        } catch (SyntaxFailure f) { // in an imported library
            f.diagnostics().forEach(d -> found.add(new Finding(f.file(), d)));
            return found;
        }
        names.forEach(d -> found.add(new Finding(source, d)));
        if (names.isEmpty()) {
            TypeChecker.check(parsed.program(), source, directory).forEach(d -> found.add(new Finding(source, d)));
        }
        return found;
    }
}
