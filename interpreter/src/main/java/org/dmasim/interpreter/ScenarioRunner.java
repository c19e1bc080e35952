package org.dmasim.interpreter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Cancellation;
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
     * @param timeout wall-clock limit of the run (of all its executions together)
     * @param stepBudget how many statements and expression steps one execution may take
     * @param debug show Java stack traces of internal errors
     * @param memoryLimit the embedding host's ceiling on the machine's memory budget in bytes, or 0 for
     *     none (then the machine's default, which a script may raise)
     * @param cancellation how another thread stops the run
     * @param maxExecutions how many executions of a concurrent scenario to explore at most
     * @param reduce partial-order reduction; off explores every interleaving (slow)
     */
    public record Options(String arch, Duration timeout, long stepBudget, boolean debug, long memoryLimit,
            Cancellation cancellation, int maxExecutions, boolean reduce) {
        public static final long DEFAULT_STEPS = 50_000_000L;

        public Options(String arch, Duration timeout, long stepBudget, boolean debug) {
            this(arch, timeout, stepBudget, debug, 0, new Cancellation(), Explorer.DEFAULT_MAX_EXECUTIONS, true);
        }

        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(30), DEFAULT_STEPS, false);
        }

        /** The same options with another arch override (null: the script's own). */
        public Options withArch(String newArch) {
            return new Options(newArch, timeout, stepBudget, debug, memoryLimit, cancellation, maxExecutions, reduce);
        }

        public Options withMemoryLimit(long bytes) {
            return new Options(arch, timeout, stepBudget, debug, bytes, cancellation, maxExecutions, reduce);
        }

        public Options withCancellation(Cancellation c) {
            return new Options(arch, timeout, stepBudget, debug, memoryLimit, c, maxExecutions, reduce);
        }

        /** The same options exploring at most {@code n} executions, with or without the reduction. */
        public Options withExploration(int n, boolean reduction) {
            return new Options(arch, timeout, stepBudget, debug, memoryLimit, cancellation, n, reduction);
        }

        /** A fresh budget of steps and time for one run, stopped by {@link #cancellation()}. */
        public Budget budget() {
            return new Budget(stepBudget, timeout, cancellation);
        }

        /**
         * A fresh budget of steps for one execution of a run that started at {@code start}
         * ({@link System#nanoTime()}): the executions share the time limit.
         */
        public Budget budget(long start) {
            return new Budget(stepBudget, timeout, cancellation, start);
        }

        /** A fresh machine under {@link #memoryLimit()}. */
        public Kernel kernel() {
            Kernel kernel = new Kernel();
            if (memoryLimit > 0) {
                kernel.limitMemory(memoryLimit);
            }
            return kernel;
        }
    }

    private ScenarioRunner() {
    }

    /**
     * The standard library's files as parsed, by name and text: every {@code arch}, device preset
     * and library import of every run parsed them again (the AST is immutable records).
     */
    private static final java.util.Map<String, org.dmasim.interpreter.ast.Program> STDLIB =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Parses a file; every syntax error comes out together as a {@link SyntaxFailure}. */
    public static org.dmasim.interpreter.ast.Program load(SourceFile file) {
        boolean stdlib = file.name().startsWith("stdlib/");
        String key = stdlib ? file.name() + "\u0000" + file.text() : null;
        if (stdlib) {
            var cached = STDLIB.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ParseResult r = new ScriptParser().parse(file);
        if (r.hasErrors()) {
            throw new SyntaxFailure(file, r.diagnostics());
        }
        if (stdlib) {
            STDLIB.putIfAbsent(key, r.program());
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
        Ending ending = execute(source, directory, options, listener);
        ending.print(out, err);
        return ending.exit();
    }

    /** A doorbell rung with a relaxed write: the first job may see stores the CPU issued before it. */
    private static final java.util.regex.Pattern RELAXED_DOORBELL =
            java.util.regex.Pattern.compile("\\bvia\\s+write[bwlq]_relaxed\\b");

    /** Runs a script already in memory, reporting to {@code listener}; how it ended comes back as data. */
    public static Ending execute(SourceFile source, Path directory, Options options, RunListener listener) {
        try {
            var program = load(source);
            List<Diagnostic> problems = resolve(program, directory);
            if (!problems.isEmpty()) {
                return Ending.rejected(problems.stream().map(d -> Problem.of(d, source)).toList(), null);
            }
            long start = System.nanoTime();
            // every execution imports the same files: parse each once per run
            java.util.Map<String, org.dmasim.interpreter.ast.Program> parsed = new java.util.HashMap<>();
            Interpreter.Loader loader = f -> parsed.computeIfAbsent(f.name() + "\u0000" + f.text(), k -> load(f));
            Explorer explorer = new Explorer(new Explorer.Options(options.maxExecutions(), options.reduce()));
            int[] runs = {0};
            Summary summary = explorer.explore(execution -> {
                Budget budget = options.budget(start);
                if (runs[0]++ > 0) {
                    // each execution counts its steps anew and reads the clock every 1024th: hundreds
                    // of short executions must still see the deadline they share
                    try {
                        budget.checkDeadline();
                    } catch (Budget.Exceeded e) {
                        throw new Explorer.OutOfTime(e, runs[0] - 1);
                    }
                }
                Interpreter interpreter = new Interpreter(options.kernel(), execution.listener(), budget,
                        loader, options.arch()).withScheduler(execution);
                execution.attach(interpreter);
                execution.deferStoresBeforeJobs(RELAXED_DOORBELL.matcher(source.text()).find());
                interpreter.applyArchOverride();
                interpreter.execute(program, source, directory, false);
                interpreter.finish();
            }, listener, options.budget(start)).summary();
            return Ending.completed(summary);
        } catch (SyntaxFailure f) {
            return Ending.rejected(f.diagnostics().stream().map(d -> Problem.of(d, f.file())).toList(), null);
        } catch (ScriptError e) {
            return Ending.rejected(List.of(Problem.of(e)), e.limit());
        } catch (Explorer.OutOfTime e) {
            return Ending.rejected(List.of(Problem.plain(source.name(), e.getMessage())), Budget.TIMEOUT);
        } catch (Explorer.ShowingTooLong e) {
            return Ending.rejected(List.of(Problem.plain(source.name(), e.getMessage())), Budget.TIMEOUT);
        } catch (Budget.Exceeded e) {
            // a limit reached outside any statement: in the end-of-run checks (leaks of a huge run)
            return Ending.rejected(List.of(Problem.plain(source.name(), e.getMessage()
                    + " (in the checks at the end of the run)")), e.limit());
        } catch (org.dmasim.engine.ScriptFault e) {
            // the same, from the engine or the budget (the reports of the end, kept for the merge)
            return Ending.rejected(List.of(Problem.plain(source.name(), e.getMessage()
                    + " (in the checks at the end of the run)")), e.limit());
        } catch (StackOverflowError e) {
            return Ending.rejected(List.of(Problem.plain(source.name(), "the script recursed too deeply")), null);
        } catch (RuntimeException e) {
            return Ending.crashed(e, options.debug());
        }
    }
}
