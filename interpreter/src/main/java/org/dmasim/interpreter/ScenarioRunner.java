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
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.explore.Explorer;
import org.dmasim.interpreter.output.TextOutput;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.resolve.ImportedNames;
import org.dmasim.interpreter.resolve.Resolver;

/** Runs one .dma file and prints what SEMANTICS.md §8 says a run prints. */
public final class ScenarioRunner {
    /** Exit codes of LANGUAGE.md §5. */
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int SCRIPT_ERROR = 2;
    /** Not the script's fault: a bug in dmasim. */
    public static final int INTERNAL_ERROR = 3;

    /**
     * @param arch an arch profile name overriding the script's {@code arch}, or null
     * @param timeout wall-clock limit of the run (of all its executions together)
     * @param stepBudget how many statements and expression steps one execution may take
     * @param debug show Java stack traces of internal errors
     * @param maxExecutions how many executions of a concurrent scenario to explore at most
     * @param reduce partial-order reduction; off explores every interleaving (slow)
     */
    public record Options(String arch, Duration timeout, long stepBudget, boolean debug, int maxExecutions,
            boolean reduce) {
        public static final long DEFAULT_STEPS = 50_000_000L;

        public Options(String arch, Duration timeout, long stepBudget, boolean debug) {
            this(arch, timeout, stepBudget, debug, Explorer.DEFAULT_MAX_EXECUTIONS, true);
        }

        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(30), DEFAULT_STEPS, false);
        }

        /** The same options with another arch (the others kept). */
        public Options withArch(String other) {
            return new Options(other, timeout, stepBudget, debug, maxExecutions, reduce);
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
        return run(source, file.toAbsolutePath().getParent(), options, new TextOutput(out), out, err);
    }

    /**
     * Runs a script already in memory, reporting to {@code listener}; errors in the script print to
     * {@code out}. A scenario with device jobs or forks runs once per execution the explorer
     * chooses, each time on a fresh machine, and {@code listener} sees the merged events.
     */
    public static int run(SourceFile source, Path directory, Options options, RunListener listener, PrintStream out,
            PrintStream err) {
        try {
            var program = load(source);
            List<Diagnostic> problems = resolve(program, directory);
            if (!problems.isEmpty()) {
                out.print(DiagnosticRenderer.renderAll(problems, source));
                return SCRIPT_ERROR;
            }
            long start = System.nanoTime();
            // every execution imports the same files: parse each once per run
            java.util.Map<String, org.dmasim.interpreter.ast.Program> parsed = new java.util.HashMap<>();
            Interpreter.Loader loader = f -> parsed.computeIfAbsent(f.name() + "\u0000" + f.text(), k -> load(f));
            Explorer explorer = new Explorer(new Explorer.Options(options.maxExecutions(), options.reduce()));
            Summary summary = explorer.explore(execution -> {
                Interpreter interpreter = new Interpreter(new Kernel(), execution.listener(),
                        new Budget(options.stepBudget(), options.timeout(), start), loader, options.arch())
                        .withScheduler(execution);
                execution.attach(interpreter);
                interpreter.applyArchOverride();
                interpreter.execute(program, source, directory, false);
                interpreter.finish();
            }, listener).summary();
            return summary.pass() ? PASS : FAIL;
        } catch (SyntaxFailure f) {
            out.print(DiagnosticRenderer.renderAll(f.diagnostics(), f.file()));
            return SCRIPT_ERROR;
        } catch (ScriptError e) {
            out.print(ScriptErrors.render(e));
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
