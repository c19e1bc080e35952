package org.dmasim.interpreter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.output.TextOutput;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.resolve.ImportedNames;
import org.dmasim.interpreter.resolve.Resolver;

/** Runs one .dma file and prints what a run prints (docs/semantics.md, "What a run prints"). */
public final class ScenarioRunner {
    /** The exit codes of {@code dmasim run}. */
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int SCRIPT_ERROR = 2;
    /** Not the script's fault: a bug in dmasim. */
    public static final int INTERNAL_ERROR = 3;

    /**
     * @param arch an arch profile name overriding the script's {@code arch}, or null
     * @param timeout wall-clock limit of the run
     * @param stepBudget how many statements and expression steps a run may take
     * @param debug show Java stack traces of internal errors
     */
    public record Options(String arch, Duration timeout, long stepBudget, boolean debug) {
        public static final long DEFAULT_STEPS = 50_000_000L;

        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(30), DEFAULT_STEPS, false);
        }
    }

    /**
     * How script errors and text output look: the {@link Style} (colours on a terminal), how many errors
     * of one file are shown at most (0: all), and where errors go instead of the text ({@code sink}, for
     * JSON; null prints them).
     */
    public record Presentation(Style style, int maxErrors, ErrorSink sink) {
        public static final int DEFAULT_MAX_ERRORS = 20;

        /** Takes a script's errors as data (a JSON front end). */
        @FunctionalInterface
        public interface ErrorSink {
            void accept(List<Diagnostic> diagnostics, SourceFile source);
        }

        public Presentation(Style style, int maxErrors) {
            this(style, maxErrors, null);
        }

        public static Presentation plain() {
            return new Presentation(Style.PLAIN, DEFAULT_MAX_ERRORS);
        }

        /** The same, with script errors going to {@code to}. */
        public Presentation withSink(ErrorSink to) {
            return new Presentation(style, maxErrors, to);
        }

        /** Every diagnostic of a file, as many as {@link #maxErrors} allows. */
        public String render(List<Diagnostic> diagnostics, SourceFile source) {
            return DiagnosticRenderer.renderAll(diagnostics, source, style, maxErrors);
        }

        /** Shows a script's errors: to the sink, or rendered to {@code out}. */
        public void show(List<Diagnostic> diagnostics, SourceFile source, PrintStream out) {
            if (sink != null) {
                sink.accept(diagnostics, source);
            } else {
                out.print(render(diagnostics, source));
            }
        }
    }

    private ScenarioRunner() {
    }

    /** Parses a file; every syntax error comes out together as a {@link SyntaxFailure}. */
    public static org.dmasim.interpreter.ast.Program load(SourceFile file) {
        ParseResult r = new ScriptParser().parse(file);
        if (r.hasErrors()) {
            throw new SyntaxFailure(file, r.diagnostics());
        }
        return r.program();
    }

    /** Every unknown name and report code of a parsed script, found before it runs. */
    public static List<Diagnostic> resolve(org.dmasim.interpreter.ast.Program program, Path directory) {
        return new Resolver(ImportedNames.of(program.statements(), directory, ScenarioRunner::load))
                .resolve(program.statements());
    }

    /** Runs {@code file}, printing reads, reports and the summary to {@code out}; returns the exit code. */
    public static int run(Path file, Options options, PrintStream out, PrintStream err) {
        return run(file, options, Presentation.plain(), out, err);
    }

    /** Runs {@code file}, printing in {@code how} to {@code out}; returns the exit code. */
    public static int run(Path file, Options options, Presentation how, PrintStream out, PrintStream err) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (NoSuchFileException e) {
            err.println("error: cannot read " + file + ": no such file");
            return SCRIPT_ERROR;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return SCRIPT_ERROR;
        }
        return run(source, file.toAbsolutePath().getParent(), options, new TextOutput(out, how.style()), how, out, err);
    }

    /** Runs a script already in memory, reporting to {@code listener}; errors in the script print to {@code out}. */
    public static int run(SourceFile source, Path directory, Options options, RunListener listener, PrintStream out,
            PrintStream err) {
        return run(source, directory, options, listener, Presentation.plain(), out, err);
    }

    /** Runs a script already in memory, reporting to {@code listener}; errors print to {@code out} in {@code how}. */
    public static int run(SourceFile source, Path directory, Options options, RunListener listener, Presentation how,
            PrintStream out, PrintStream err) {
        Interpreter interpreter = new Interpreter(new Kernel(), listener,
                new Budget(options.stepBudget(), options.timeout()), ScenarioRunner::load, options.arch());
        try {
            var program = load(source);
            List<Diagnostic> problems = resolve(program, directory);
            if (!problems.isEmpty()) {
                how.show(problems, source, out);
                return SCRIPT_ERROR;
            }
            interpreter.applyArchOverride();
            interpreter.execute(program, source, directory, false);
            Summary summary = interpreter.finish();
            return summary.pass() ? PASS : FAIL;
        } catch (SyntaxFailure f) {
            how.show(f.diagnostics(), f.file(), out);
            return SCRIPT_ERROR;
        } catch (ScriptError e) {
            how.show(List.of(ScriptErrors.diagnostic(e)), e.file(), out);
            return SCRIPT_ERROR;
        } catch (StackOverflowError e) {
            out.println("error: " + source.name() + ": the script recursed too deeply");
            return SCRIPT_ERROR;
        } catch (RuntimeException e) {
            err.println("internal error: " + e + " (this is a bug in dmasim" + (options.debug() ? ")" : "; --debug shows where)"));
            if (options.debug()) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        }
    }
}
